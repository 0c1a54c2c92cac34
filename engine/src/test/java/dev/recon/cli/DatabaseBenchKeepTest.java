package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recon bench --with-db --keep DIR} leaves the files it imported, with their profiles, so
 * that one can be imported again by hand (under a smaller heap, say) and measured on its own.
 */
class DatabaseBenchKeepTest {
  @TempDir Path tempDir;

  @Test
  void theKeptFilesImportAgainWithTheirProfilesAndAreRecognisedAsImported() throws Exception {
    CliRun cli =
        new CliRun(Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC), tempDir);
    String db = "jdbc:h2:file:" + tempDir.resolve("bench/recon").toAbsolutePath();
    Path keep = tempDir.resolve("files");

    CliRun.Result bench =
        cli.run(
            "--db",
            db,
            "bench",
            "--with-db",
            "--import-only",
            "--size",
            "200",
            "--keep",
            keep.toString());

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    Matcher imported = Pattern.compile("import bank.csv +([0-9,]+) lines").matcher(bench.out());
    assertThat(imported.find()).as(bench.out()).isTrue();
    // The kept file is the one imported: its lines after the header, as the bench counted them.
    assertThat(Files.readAllLines(keep.resolve("bank.csv")))
        .hasSize(Integer.parseInt(imported.group(1).replace(",", "")) + 1);
    CliRun.Result again =
        cli.run(
            "--db",
            db,
            "import",
            "--profile",
            keep.resolve("bench-bank.properties").toString(),
            keep.resolve("bank.csv").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("bank.csv: already imported as file #1; nothing added");
  }

  @Test
  void keepRefusesAFolderThatHoldsFilesAlready() throws Exception {
    CliRun cli =
        new CliRun(Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC), tempDir);
    Path keep = Files.createDirectories(tempDir.resolve("files"));
    Files.writeString(keep.resolve("notes.txt"), "mine");

    CliRun.Result bench = cli.run("bench", "--with-db", "--size", "50", "--keep", keep.toString());

    assertThat(bench.exitCode()).isNotZero();
    assertThat(bench.err()).contains("--keep " + keep, "not an empty folder");
    assertThat(Files.readString(keep.resolve("notes.txt"))).isEqualTo("mine");
  }
}
