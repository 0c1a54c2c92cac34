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

/** {@code recon close} as a scheduler runs it: what it prints and the exit status it acts on. */
class CliCloseTest {
  @TempDir Path tempDir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-07T02:00:00Z"), ZoneOffset.UTC);

  private CliRun.Result close(Path inbox) {
    return new CliRun(clock, tempDir)
        .run(
            "--db",
            CliRun.h2Url(tempDir.resolve("db")),
            "--user",
            "nightly",
            "close",
            "--date",
            "2026-11-06",
            "--inbox",
            inbox.toString(),
            "--out",
            tempDir.resolve("out").toString());
  }

  private Path inbox(boolean withUnreadableFile) throws IOException {
    Path account = tempDir.resolve("inbox").resolve("OPERATING-EUR");
    Files.createDirectories(account);
    Files.copy(
        sample("bank/statement-2026-11-02_to_06.csv"),
        account.resolve("statement-2026-11-02_to_06.csv"));
    Files.copy(sample("ledger/gl-1200-2026-11.csv"), account.resolve("gl-1200-2026-11.csv"));
    if (withUnreadableFile) {
      Files.writeString(account.resolve("notes.csv"), "Colour;Shape\nred;round\n");
    }
    return tempDir.resolve("inbox");
  }

  @Test
  void aCleanCloseExitsZeroAndItsRepeatSaysNothingToDo() throws IOException {
    Path inbox = inbox(false);

    CliRun.Result first = close(inbox);
    CliRun.Result again = close(inbox);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("2 imported, 0 rejected").doesNotContain("file(s) rejected");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("nothing to do");
  }

  @Test
  void aCloseThatRejectedAFileSaysWhichAndExitsFourSoASchedulerAlerts() throws IOException {
    Path inbox = inbox(true);

    CliRun.Result result = close(inbox);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(CloseCommand.EXIT_FILES_REJECTED);
    assertThat(result.out())
        .contains("rejected OPERATING-EUR/notes.csv (reason in rejected/OPERATING-EUR/notes.csv")
        .contains("; 1 file(s) rejected");
    assertThat(inbox.resolve("rejected/OPERATING-EUR/notes.csv.reason.txt")).exists();
  }
}
