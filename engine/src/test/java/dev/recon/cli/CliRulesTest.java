package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliRulesTest {
  @TempDir Path tempDir;

  private CliRun.Result run(String... args) {
    return new CliRun(Clock.fixed(Instant.parse("2026-11-12T08:30:00Z"), ZoneOffset.UTC), tempDir)
        .run(args);
  }

  private Path folder(String name, String rules) throws IOException {
    Path dir = Files.createDirectories(tempDir.resolve(name));
    Files.writeString(dir.resolve("mine.rules"), rules);
    return dir;
  }

  @Test
  void checkListsTheStandardRulesInOrder() {
    CliRun.Result result = run("rules", "check", "standard");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("7 rule(s) in the rule language")
        .contains(" 10  Exact bank to ledger")
        .contains(" 70  Keyless split: ledger line to bank lines")
        .endsWith("OK" + System.lineSeparator());
  }

  @Test
  void checkRefusesABadFolderNamingFileLineAndColumn() throws IOException {
    Path dir =
        folder(
            "bad",
            "rule \"R\"\n  match bank to ledger one-to-one\n  when amout equal\n"
                + "  accept automatically confidence 1\n");

    CliRun.Result result = run("rules", "check", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("error: mine.rules:3:8: unknown field 'amout' (did you mean 'amount'?)")
        .contains("nothing of the rule files was loaded");
  }

  @Test
  void aBadRawDrlFileIsReportedByCheckToo() throws IOException {
    Path dir = Files.createDirectories(tempDir.resolve("drl"));
    Files.writeString(
        dir.resolve("broken.drl"), "package x;\nrule \"B\" when then nonsense( end\n");

    CliRun.Result result = run("rules", "check", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("error: rule set drl does not compile")
        .contains("broken.drl");
  }

  @Test
  void showDrlPrintsTheCompiledRules() throws IOException {
    Path dir =
        folder(
            "ok",
            "rule \"Same ref\"\n  match bank to ledger one-to-one\n  when reference equal\n"
                + "  suggest for review, confidence 0.5\n");

    CliRun.Result result = run("rules", "show-drl", dir.resolve("mine.rules").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("rule \"Same ref\"")
        .contains("reference == $bank.reference")
        .contains("new MatchCandidate(\"Same ref\", 10, false, 5000");
  }

  @Test
  void testRunsTheStandardExamplesAndReportsAFailingCase() throws IOException {
    assertThat(run("rules", "test", "standard").out()).contains("0 failed");
    Path dir =
        folder(
            "cases",
            "rule \"Same ref\"\n  match bank to ledger one-to-one\n  when reference equal\n"
                + "  accept automatically confidence 1\n");
    Files.writeString(
        dir.resolve("mine.examples"),
        "case \"Pair\"\n  b1 bank OPS EUR 10.00 2026-11-02 R1\n"
            + "  l1 ledger OPS EUR 12.00 2026-11-02 R2\nexpect b1+l1 by \"Same ref\"\n");

    CliRun.Result result = run("rules", "test", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("1 case(s), 0 passed, 1 failed");
    assertThat(result.err())
        .contains("FAILED mine.examples:1: case \"Pair\": groups differ: expected but not found");
  }

  @Test
  void historyListsTheVersionsRunsUsed() {
    assertThat(run("rules", "history").out()).contains("no matching run yet");
    run("match");
    run("match");

    CliRun.Result result = run("rules", "history");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("standard").contains("2 run(s)");
  }
}
