package dev.recon.benchmarking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Item;
import dev.recon.matching.RuleSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
  @Test
  void theSameSizeAndSeedGiveTheSameData() {
    SyntheticData.Dataset first = SyntheticData.generate(2_000, 7);
    SyntheticData.Dataset second = SyntheticData.generate(2_000, 7);

    assertThat(second.items())
        .extracting(Item::fact)
        .isEqualTo(first.items().stream().map(Item::fact).toList());
    assertThat(second.truth()).isEqualTo(first.truth());
    assertThat(SyntheticData.generate(2_000, 8).items().stream().map(Item::fact).toList())
        .isNotEqualTo(first.items().stream().map(Item::fact).toList());
  }

  @Test
  void everyKindOfTrueGroupIsGenerated() {
    SyntheticData.Dataset data = SyntheticData.generate(3_000, 7);

    assertThat(data.truth())
        .extracting(SyntheticData.TruthGroup::kind)
        .contains(SyntheticData.Kind.values());
  }

  @Test
  void theReportStatesStagesPrecisionAndRecallPerKind() {
    StringWriter text = new StringWriter();

    Bench.run(3_000, 7, RuleSet.standard(), new PrintWriter(text));

    assertThat(text.toString())
        .contains("rules:", "allocate:", "explain:", "peak heap (sampled)")
        .contains("wrong auto-accepts among collisions: 0")
        .containsPattern("exact\\s+\\d+\\s+\\d+\\s+100\\.00")
        .containsPattern("split\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d+");
  }

  @Test
  void theWholePathThroughFilesAndTheDatabaseFindsEveryTrueGroup(@TempDir Path dir) {
    StringWriter text = new StringWriter();
    int trueGroups = SyntheticData.generate(1_000, 11).truth().size();

    DatabaseBench.run(
        1_000,
        11,
        RuleSet.standard(),
        "jdbc:h2:file:" + dir.resolve("db/recon").toAbsolutePath(),
        dir.resolve("files"),
        false,
        Clock.fixed(Instant.parse("2026-11-12T02:00:00Z"), ZoneOffset.UTC),
        new PrintWriter(text));

    assertThat(text.toString())
        .containsPattern("import bank.csv\\s+1,000 lines: read, parse, identify and load")
        .contains("import all:")
        .contains("(" + trueGroups + " groups,");
  }
}
