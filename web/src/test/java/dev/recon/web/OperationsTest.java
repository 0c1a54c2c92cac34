package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.closing.CloseRunner;
import dev.recon.closing.CloseSchedule;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import dev.recon.web.ops.ScheduledClose;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * /metrics and /health against a real server, read without signing in, before and after the
 * server's own nightly close (scheduled a second after the test clock's time) closed the day
 * before.
 */
@EveryDatabase
class OperationsTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(backend, tempDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthAndMetricsNeedNoSignInAndShowTheNightlyClose() throws Exception {
    WebClient anonymous = server.client();
    HttpResponse<String> health = anonymous.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("\"database\":\"reachable\"")
        .contains("\"migration\":\"" + newestMigration() + "\"")
        .contains("\"lastClose\":null");
    HttpResponse<String> empty = anonymous.get("/metrics");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(empty.body()).contains("recon_reconcile_success_ratio 0.0");

    Path inbox = tempDir.resolve("inbox");
    copy(Samples.BANK, inbox.resolve("OPERATING-EUR/bank.csv"));
    copy(Samples.LEDGER, inbox.resolve("OPERATING-EUR/ledger.csv"));
    try (ScheduledClose nightly =
        new ScheduledClose(
            server.database,
            server.clock,
            new CloseSchedule(LocalTime.of(9, 0, 1), ZoneOffset.UTC),
            new CloseRunner.Settings(inbox, tempDir.resolve("out"), RuleSet.standard()),
            server.server.operations())) {
      assertThat(anonymous.get("/health").body())
          .contains("\"nextNightlyClose\":\"2026-11-12T09:00:01Z closes 2026-11-11\"");
      awaitLastClose(anonymous, "\"date\":\"2026-11-11\"");
    }
    assertThat(tempDir.resolve("out/close-2026-11-11.xlsx")).exists();
    assertThat(inbox.resolve("processed/OPERATING-EUR/bank.csv")).exists();

    server.clock.advance(Duration.ofMinutes(1));
    String metrics = anonymous.get("/metrics").body();
    assertThat(metrics)
        .contains("recon_close_runs{status=\"done\"} 1.0")
        .contains("recon_close_success_ratio 1.0")
        .contains("recon_scheduled_closes_total{outcome=\"done\"} 1.0")
        .contains("recon_scheduled_close_duration_seconds_count{outcome=\"done\"} 1")
        .contains("recon_items{currency=\"EUR\",side=\"bank\",state=\"matched\"}")
        .contains("recon_items{currency=\"EUR\",side=\"ledger\",state=\"unmatched\"}")
        .contains("recon_exceptions_open{age_bucket=\"0-2_days\"}")
        .contains("recon_match_run_last_duration_seconds")
        .contains("recon_import_to_match_max_seconds")
        .contains("recon_close_last_duration_seconds");
    assertThat(metrics).doesNotContain("recon_reconcile_success_ratio 0.0");
  }

  @Test
  void aDatabaseThatStopsAnsweringMakesHealthSayDownWithinSecondsAndUpOnceItAnswersAgain()
      throws Exception {
    WebClient anonymous = server.client();
    try (Connection blocker = server.database.dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement statement = blocker.createStatement()) {
        // What a hung server or a long lock looks like to the check: its queries get no answer.
        statement.execute(
            backend == TestDatabase.Backend.POSTGRES
                ? "LOCK TABLE close_run IN ACCESS EXCLUSIVE MODE"
                : "SET EXCLUSIVE 1");
      }
      long start = System.nanoTime();
      HttpResponse<String> down = anonymous.get("/health");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("no answer within 3 s");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      if (backend == TestDatabase.Backend.H2) {
        try (Statement statement = blocker.createStatement()) {
          statement.execute("SET EXCLUSIVE 0");
        }
      }
      blocker.rollback();
    }
    assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
  }

  private static void awaitLastClose(WebClient client, String expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (client.get("/health").body().contains(expected)) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(client.get("/health").body()).contains(expected);
  }

  private static void copy(String sample, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(Samples.path(sample), to);
  }

  /** The newest migration applied, as Flyway itself reports it. */
  private String newestMigration() {
    return org.flywaydb.core.Flyway.configure()
        .dataSource(server.database.dataSource())
        .load()
        .info()
        .current()
        .getVersion()
        .getVersion();
  }
}
