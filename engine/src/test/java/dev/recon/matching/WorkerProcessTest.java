package dev.recon.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.benchmarking.DatabaseBench;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real worker processes share one run on PostgreSQL; one is killed (SIGKILL) while it holds a
 * partition. Its lease runs out, another worker takes the partition over, and the stored result is
 * the single-process run's: the same groups (rule, status, scope, members) and the same open
 * exceptions (item, type, reason).
 */
@Tag("postgres")
class WorkerProcessTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
  private static final int SIZE = 1_500;
  private static final long SEED = 5;
  private static final int LEASE_SECONDS = 2;
  private static final long PROCESS_WAIT_SECONDS = 300;

  @TempDir Path tempDir;

  @Test
  void threeWorkersOneKilledMidRunGiveTheSingleProcessResult() throws Exception {
    String singleUrl = TestDatabase.freshUrl(TestDatabase.Backend.POSTGRES, tempDir);
    String sharedUrl = TestDatabase.freshUrl(TestDatabase.Backend.POSTGRES, tempDir);
    importSynthetic(singleUrl, "single");
    importSynthetic(sharedUrl, "shared");
    try (Database single = Database.open(singleUrl)) {
      new MatchRunner(single, CLOCK, "bench").run(RuleSet.standard());
    }
    long runId;
    try (Database shared = Database.open(sharedUrl)) {
      SharedRun.Prepared prepared = SharedRun.prepare(shared, RuleSet.standard(), "bench", CLOCK);
      assertThat(prepared.partitions()).isGreaterThan(3);
      runId = prepared.runId();
    }

    Process doomed = worker(sharedUrl, runId, "doomed", 600_000);
    awaitClaim(sharedUrl, runId, "doomed");
    Process first = worker(sharedUrl, runId, "first", 0);
    Process second = worker(sharedUrl, runId, "second", 0);
    doomed.destroyForcibly().waitFor();

    assertThat(first.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(second.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(output(first)).isZero();
    assertThat(second.exitValue()).as(output(second)).isZero();
    try (Database shared = Database.open(sharedUrl)) {
      SharedRun.Progress progress = SharedRun.progress(shared, runId);
      assertThat(progress.completed()).isTrue();
      assertThat(progress.reclaimed()).isGreaterThanOrEqualTo(1);
      DatabaseInvariants.check(shared);
    }
    assertThat(query(sharedUrl, GROUPS)).isNotEmpty().isEqualTo(query(singleUrl, GROUPS));
    assertThat(query(sharedUrl, EXCEPTIONS)).isNotEmpty().isEqualTo(query(singleUrl, EXCEPTIONS));
    assertThat(query(sharedUrl, DECISIONS)).isEqualTo(query(singleUrl, DECISIONS));
  }

  /** Each group: rule, status, scope, difference and its members' identities, sorted. */
  private static final String GROUPS =
      "SELECT g.rule_name || ' ' || g.status || ' ' || g.scope || ' ' || g.difference_minor || ' '"
          + " || string_agg(i.fingerprint || '#' || i.occurrence, ',' ORDER BY i.fingerprint,"
          + " i.occurrence) FROM match_group g JOIN match_member m ON m.group_id = g.id"
          + " JOIN item i ON i.id = m.item_id GROUP BY g.id, g.rule_name, g.status, g.scope,"
          + " g.difference_minor";

  /** Each exception: its item's identity, type, status and reason. */
  private static final String EXCEPTIONS =
      "SELECT coalesce(i.fingerprint || '#' || i.occurrence, '-') || ' ' || e.type || ' '"
          + " || e.status || ' ' || e.reason FROM exception_item e"
          + " LEFT JOIN item i ON i.id = e.item_id";

  /** The audited match decisions: who (which rule), what, under which rule-set version. */
  private static final String DECISIONS =
      "SELECT actor || ' ' || action || ' ' || coalesce(rule_set_version, '') FROM audit_log"
          + " WHERE action LIKE 'MATCH%'";

  private void importSynthetic(String url, String name) {
    DatabaseBench.run(
        SIZE,
        SEED,
        RuleSet.standard(),
        url,
        tempDir.resolve(name),
        true,
        CLOCK,
        new PrintWriter(new StringWriter()));
  }

  private Process worker(String url, long runId, String name, long pauseMillis) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.recon.cli.WorkerMain",
            "worker",
            "--db",
            url,
            "--run",
            Long.toString(runId),
            "--name",
            name,
            "--lease-seconds",
            Integer.toString(LEASE_SECONDS));
    builder.environment().put(Worker.PAUSE_ENV, Long.toString(pauseMillis));
    builder.redirectErrorStream(true);
    builder.redirectOutput(tempDir.resolve(name + ".log").toFile());
    return builder.start();
  }

  private String output(Process process) {
    try {
      StringBuilder text = new StringBuilder();
      for (File log : tempDir.toFile().listFiles((dir, n) -> n.endsWith(".log"))) {
        text.append(log.getName()).append(":\n").append(Files.readString(log.toPath()));
      }
      return text.toString();
    } catch (IOException e) {
      return "(logs unreadable: " + e.getMessage() + ")";
    }
  }

  /** Waits until the worker holds a partition (it then pauses before storing it). */
  private static void awaitClaim(String url, long runId, String worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      List<String> held =
          query(
              url,
              "SELECT partition_no FROM run_partition WHERE run_id = "
                  + runId
                  + " AND status = 'OPEN' AND claimed_by = '"
                  + worker
                  + "'");
      if (!held.isEmpty()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(worker + " never claimed a partition");
  }

  /** The first column of every row, sorted, counted (equal rows are kept). */
  private static List<String> query(String url, String sql) throws SQLException {
    TreeMap<String, Integer> rows = new TreeMap<>();
    try (Connection connection = java.sql.DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.merge(result.getString(1), 1, Integer::sum);
      }
    }
    List<String> sorted = new ArrayList<>();
    rows.forEach((row, count) -> sorted.add(count + "x " + row));
    return sorted;
  }
}
