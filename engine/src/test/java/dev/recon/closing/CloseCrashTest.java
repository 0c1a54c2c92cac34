package dev.recon.closing;

import static dev.recon.closing.CloseFixture.CLOCK;
import static dev.recon.closing.CloseFixture.DATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.persistence.CanonicalDump;
import dev.recon.persistence.CloseStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Kills a real {@code recon close} process (a child JVM) at named points of every step and at
 * random moments, then closes the date again, and expects exactly the database and the files an
 * uninterrupted close leaves. The named points halt the child from inside ({@code RECON_CRASH_AT},
 * {@code Runtime.halt}: no shutdown hooks, no flushing, as kill -9); the random ones are {@code
 * Process.destroyForcibly()}, which is SIGKILL.
 */
@EveryDatabase
class CloseCrashTest {
  /** Every point on H2; on PostgreSQL, one or two per step, to keep the test short. */
  private static final List<String> POINTS =
      List.of(
          "import:committed:1",
          "import:moved:1",
          "import:committed:4",
          "import:committed:5",
          "match:before",
          "match:done",
          "report:written",
          "report:renamed",
          "lock:before",
          "lock:done");

  private static final List<String> POSTGRES_POINTS =
      List.of(
          "import:committed:1",
          "import:committed:5",
          "match:done",
          "report:written",
          "lock:before");

  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;

  /** What a close left: the database's canonical dump and the files. */
  private record Result(List<String> database, List<String> files) {}

  @Test
  void aCloseKilledAtAnyPointAndRunAgainEndsExactlyAsAnUninterruptedOne() throws Exception {
    Result uninterrupted = uninterrupted(tempDir.resolve("reference"));
    assertThat(uninterrupted.database()).anyMatch(line -> line.startsWith("group |"));
    assertThat(uninterrupted.files()).anyMatch(line -> line.startsWith("inbox rejected/"));

    List<String> points = backend == TestDatabase.Backend.H2 ? POINTS : POSTGRES_POINTS;
    for (String point : points) {
      Path dir = tempDir.resolve(point.replace(':', '-'));
      String url = prepare(dir);
      Process child = startClose(dir, url, point, null);
      assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue())
          .as("exit status of the close halted at " + point)
          .isEqualTo(137);
      assertThat(resume(dir, url)).as("after a crash at " + point).isEqualTo(uninterrupted);
    }
  }

  @Test
  void aCloseKilledAtRandomMomentsAndAgainWhileResumingEndsAsAnUninterruptedOne() throws Exception {
    Result uninterrupted = uninterrupted(tempDir.resolve("reference"));
    Random random = new Random(20261106L);
    int kills = backend == TestDatabase.Backend.H2 ? 2 : 1;
    for (int k = 0; k < kills; k++) {
      Path dir = tempDir.resolve("random-" + k);
      String url = prepare(dir);
      // Killed twice: once in the first attempt, once in the attempt that resumes it.
      for (int attempt = 0; attempt < 2; attempt++) {
        Process child = startClose(dir, url, null, null);
        long delayMillis = 500 + random.nextInt(5_000);
        boolean finished = child.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
          child.destroyForcibly();
          assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
      }
      assertThat(resume(dir, url)).as("after random kills, round " + k).isEqualTo(uninterrupted);
    }
  }

  @Test
  void aCloseInAnotherProcessIsRefusedNamingItsPidAndOnceKilledNoLongerBlocks() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        backend == TestDatabase.Backend.POSTGRES,
        "an embedded H2 file database is open to one process at a time");
    Result uninterrupted = uninterrupted(tempDir.resolve("reference"));
    Path dir = tempDir.resolve("busy");
    String url = prepare(dir);
    Process child = startClose(dir, url, null, "import:committed:1");
    try (Database database = Database.open(url)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
      // Paused after its first file's import committed, holding the date's lock.
      while (!childHasImported(database)) {
        assertThat(System.nanoTime()).as("child reached its pause").isLessThan(deadline);
        Thread.sleep(100);
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner(database, dir).close(DATE))
          .isInstanceOf(CloseRunner.CloseBusy.class)
          .hasMessageContaining("close of 2026-11-06 is already running since ")
          .hasMessageContaining("by pid " + child.pid() + " on host ");
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(resume(dir, url)).isEqualTo(uninterrupted);
  }

  private static boolean childHasImported(Database database) {
    return database.inTransaction(
        tx ->
            tx.closes()
                .latest(DATE)
                .map(run -> !tx.closes().files(run.id()).isEmpty())
                .orElse(false));
  }

  private Result uninterrupted(Path dir) {
    String url = prepare(dir);
    try (Database database = Database.open(url)) {
      CloseRun close = runner(database, dir).close(DATE);
      assertThat(close.resumed()).isFalse();
      return result(database, dir);
    }
  }

  /** The database and files, with the close's own folder (named in step details) as DIR. */
  private static Result result(Database database, Path dir) {
    String path = dir.toAbsolutePath().toString();
    return new Result(
        CanonicalDump.of(database).stream().map(line -> line.replace(path, "DIR")).toList(),
        CloseFixture.files(dir));
  }

  /** Closes the date in this JVM (resuming whatever the killed ones left) and reads the result. */
  private Result resume(Path dir, String url) {
    try (Database database = Database.open(url)) {
      CloseRun close = runner(database, dir).close(DATE);
      assertThat(close.run().status()).isEqualTo(CloseStore.DONE);
      DatabaseInvariants.check(database);
      return result(database, dir);
    }
  }

  private static CloseRunner runner(Database database, Path dir) {
    return new CloseRunner(
        database,
        CLOCK,
        "nightly",
        CloseFixture.settings(dir),
        CorrectionProposer.using(
            new dev.recon.corrections.Corrections(
                database, CLOCK, dev.recon.corrections.ChartOfAccounts.defaults()),
            "nightly"),
        Checkpoints.NONE);
  }

  private String prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CloseFixture.inbox(dir);
    String url = TestDatabase.freshUrl(backend, dir);
    // Migrated before any close: a nightly close runs on a database set up long before, and H2
    // commits each DDL statement on its own, so a process killed while creating the schema leaves
    // a half-made one that Flyway refuses (PostgreSQL would roll it back).
    Database.open(url).close();
    return url;
  }

  /** Starts {@code recon close} in a child JVM on this test's class path. */
  private static Process startClose(Path dir, String url, String crashAt, String pauseAt)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.recon.cli.ReconCommand");
    command.addAll(
        List.of(
            "--db",
            url,
            "--user",
            "nightly",
            "close",
            "--date",
            DATE.toString(),
            "--inbox",
            dir.resolve("inbox").toString(),
            "--out",
            dir.resolve("out").toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectOutput(dir.resolve("child-out.txt").toFile());
    builder.redirectError(dir.resolve("child-err.txt").toFile());
    builder.environment().remove("RECON_CRASH_AT");
    builder.environment().remove("RECON_PAUSE_AT");
    // The child stamps what it stores with the same time as the closes run in this JVM.
    builder.environment().put("RECON_FIXED_CLOCK", CLOCK.instant().toString());
    if (pauseAt != null) {
      builder.environment().put("RECON_PAUSE_AT", pauseAt);
    }
    if (crashAt != null) {
      builder.environment().put("RECON_CRASH_AT", crashAt);
    }
    return builder.start();
  }
}
