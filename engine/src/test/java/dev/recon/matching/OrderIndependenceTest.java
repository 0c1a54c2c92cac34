package dev.recon.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Item;
import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.ReportStore.GroupMember;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path, import to stored groups, gives the same result whatever order the files are
 * imported in and whatever order their rows are written in: groups compared by their members'
 * content identities, never by database ids.
 */
@EveryDatabase
class OrderIndependenceTest {
  @Parameter TestDatabase.Backend backend;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-12T06:00:00Z"), ZoneOffset.UTC);
  private static final Path SAMPLES = Path.of("..", "samples");

  @TempDir Path tempDir;

  record SampleFile(Path path, String profile, String account) {}

  private static List<SampleFile> samples() {
    return List.of(
        new SampleFile(
            SAMPLES.resolve("bank/statement-2026-11-02_to_06.csv"), "bank", "OPERATING-EUR"),
        new SampleFile(
            SAMPLES.resolve("bank/statement-2026-11-05_to_11.csv"), "bank", "OPERATING-EUR"),
        new SampleFile(SAMPLES.resolve("ledger/gl-1200-2026-11.csv"), "ledger", "OPERATING-EUR"),
        new SampleFile(
            SAMPLES.resolve("gateway/stripe-balance-2026-11.csv"), "stripe-balance", "STRIPE"));
  }

  /** Groups as "rule: sorted member identities", and open exceptions by identity. */
  private TreeMap<String, String> outcome(List<SampleFile> files, String name) {
    try (Database database = TestDatabase.open(backend, tempDir.resolve(name))) {
      Importer importer = new Importer(database, CLOCK, "tester");
      for (SampleFile file : files) {
        importer.importFile(
            FileParser.parse(file.path(), Profiles.load(file.profile()), file.account()),
            file.account());
      }
      new MatchRunner(database, CLOCK, "tester").run(RuleSet.standard());
      TreeMap<String, String> result = new TreeMap<>();
      Map<Long, TreeSet<String>> groups = new TreeMap<>();
      Map<Long, String> rules = new TreeMap<>();
      for (GroupMember member : database.inTransaction(tx -> tx.reports().acceptedGroupMembers())) {
        groups
            .computeIfAbsent(member.groupId(), id -> new TreeSet<>())
            .add(member.item().naturalKey());
        rules.put(member.groupId(), member.ruleName());
      }
      groups.forEach(
          (id, members) -> result.put("group " + String.join(",", members), rules.get(id)));
      for (Item item : database.inTransaction(tx -> tx.items().unmatched())) {
        result.put("open " + item.naturalKey(), item.fact().amount().toString());
      }
      DatabaseInvariants.check(database);
      return result;
    }
  }

  private List<SampleFile> shuffledRows(List<SampleFile> files, Random random, String name)
      throws IOException {
    List<SampleFile> shuffled = new ArrayList<>();
    Path dir = Files.createDirectories(tempDir.resolve(name + "-files"));
    for (SampleFile file : files) {
      List<String> lines = new ArrayList<>(Files.readAllLines(file.path()));
      List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
      Collections.shuffle(rows, random);
      rows.add(0, lines.get(0));
      Path copy = dir.resolve(file.path().getFileName());
      Files.write(copy, rows);
      shuffled.add(new SampleFile(copy, file.profile(), file.account()));
    }
    return shuffled;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void filesInAnyOrderWithRowsInAnyOrderGiveTheSameGroupsAndExceptions(long seed)
      throws IOException {
    TreeMap<String, String> expected = outcome(samples(), "original");
    assertThat(expected.keySet())
        .anyMatch(key -> key.startsWith("group "))
        .anyMatch(key -> key.startsWith("open "));

    Random random = new Random(seed);
    List<SampleFile> files = new ArrayList<>(shuffledRows(samples(), random, "run" + seed));
    Collections.shuffle(files, random);

    assertThat(outcome(files, "shuffled" + seed)).isEqualTo(expected);
  }
}
