package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bank statements that say what they are import without a profile; --format guards the rest. */
class CliStatementFormatsTest {
  @TempDir Path tempDir;

  private CliRun.Result run(String... args) {
    return new CliRun(Clock.fixed(Instant.parse("2026-11-12T08:30:00Z"), ZoneOffset.UTC), tempDir)
        .run(args);
  }

  private static String resource(String name) {
    return Path.of("src/test/resources", name).toString();
  }

  @Test
  void camtAndMt940ImportWithoutSourceOrProfile() {
    CliRun.Result result =
        run("import", resource("camt/statement-v08.xml"), resource("mt940/statements-de.sta"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("statement-v08.xml: 4 records, 4 added")
        .contains("statements-de.sta: 3 records, 3 added");
  }

  @Test
  void aStreamedCamtRefusedAtItsLastEntryStoresNothingOfTheEntriesBefore() throws Exception {
    // Thousands of entries: more than one batch is stored before the broken last one is read.
    Path good = tempDir.resolve("camt053-good.xml");
    long entries = dev.recon.benchmarking.CamtStreamBench.write(good, 2)[0];
    String text = java.nio.file.Files.readString(good);
    int last = text.lastIndexOf("<Amt Ccy=\"EUR\">") + "<Amt Ccy=\"EUR\">".length();
    Path broken = tempDir.resolve("camt053-broken.xml");
    java.nio.file.Files.writeString(broken, text.substring(0, last) + "1O" + text.substring(last));

    CliRun.Result refused = run("import", broken.toString());
    CliRun.Result imported = run("import", good.toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("is not an amount")
        .contains("camt053-broken.xml: refused; nothing from this file was stored");
    assertThat(imported.out())
        .contains("camt053-good.xml: " + entries + " records, " + entries + " added, 0 already");
  }

  @Test
  void aNamedFormatThatTheContentContradictsIsRefused() {
    CliRun.Result result =
        run("parse", "--format", "mt940", "--source", "bank", resource("camt/statement-v02.xml"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "statement-v02.xml: is not mt940 as --format says: its content reads as camt; leave"
                + " --format out to read it as that");
  }

  @Test
  void aCsvWithoutSourceOrProfileIsReadByTheOneProfileItsHeaderFits() {
    CliRun.Result result =
        run(
            "parse",
            "--json",
            "--account",
            "GL-1200",
            Path.of("../samples/ledger/gl-1200-2026-11.csv").toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("\"profile\":\"ledger\"");
  }

  @Test
  void aCsvNoProfileFitsIsRefusedAskingWhatItIs() throws Exception {
    Path notes = tempDir.resolve("notes.csv");
    java.nio.file.Files.writeString(notes, "Day,Note\n2026-11-02,call the bank\n");

    CliRun.Result result = run("import", notes.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("notes.csv: Recon cannot tell what this file is")
        .contains("--source or --profile")
        .contains("notes.csv: refused; nothing from this file was stored");
  }
}
