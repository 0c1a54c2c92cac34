package dev.recon.cli;

import static dev.recon.importing.ImportFixtures.sample;
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
        .contains("8 rule(s) in the rule language")
        .contains(" 10  Exact bank to ledger")
        .contains(" 40  Batch: ledger line to a bank entry's batched transactions")
        .contains(" 80  Keyless split: ledger line to bank lines")
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
  void diffShowsWhatAProposedRuleSetWouldChangeAndWritesNothing() throws IOException {
    run(
        "import",
        "--profile",
        "bank",
        "--account",
        "OPERATING-EUR",
        sample("bank/statement-2026-11-02_to_06.csv").toString(),
        sample("bank/statement-2026-11-05_to_11.csv").toString());
    run(
        "import",
        "--profile",
        "ledger",
        "--account",
        "OPERATING-EUR",
        sample("ledger/gl-1200-2026-11.csv").toString());
    run("match");
    String standard =
        Files.readString(Path.of("../rules/src/main/resources/dev/recon/rules/standard.rules"));
    // The proposal: no tolerant rule, and exact pairs up to 7 days apart.
    String proposal =
        standard
            .replaceAll("(?s)rule \"Tolerant bank to ledger\".*?(?=\n# Keyless)", "")
            .replaceFirst("booking_date within 3 days", "booking_date within 7 days");
    Path dir = folder("proposal", proposal);

    CliRun.Result diff =
        run("rules", "diff", "--rules", dir.toString(), "--period", "2026-11-01..2026-11-30");

    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out())
        .contains("What-if on 25 stored item(s) booked 2026-11-01..2026-11-30")
        .contains("1 group(s) would appear, 2 disappear, 0 change rule")
        .containsPattern("Exact bank to ledger +7 +8")
        .containsPattern("Tolerant bank to ledger +2 +0")
        .contains(
            "appears: bank statement-2026-11-05_to_11.csv:6, ledger gl-1200-2026-11.csv:9;"
                + " would be Exact bank to ledger")
        .contains("Nothing was written.");
    assertThat(run("rules", "history").out()).contains("1 run(s)");
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
