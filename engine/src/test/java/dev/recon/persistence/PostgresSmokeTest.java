package dev.recon.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recon.importing.FileParser;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same migrations, import and matching on a real PostgreSQL server, in a schema of its own. Off
 * CI it skips with a message when no server answers; with CI=true a missing server fails.
 * RECON_TEST_PG_URL overrides the server address.
 */
@Tag("postgres")
class PostgresSmokeTest {
  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  @Test
  void migrationsImportAndMatchingWorkOnPostgres() throws SQLException {
    String serverUrl = System.getenv().getOrDefault("RECON_TEST_PG_URL", DEFAULT_URL);
    requireServer(serverUrl);
    String schema = "recon_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(serverUrl, "CREATE SCHEMA " + schema);
    try (Database database = Database.open(serverUrl + "&currentSchema=" + schema)) {
      Importer importer = new Importer(database, Clock.systemUTC(), "ci");
      Path samples = Path.of("..", "samples");
      ImportResult bank =
          importer.importFile(
              FileParser.parse(
                  samples.resolve("bank/statement-2026-11-02_to_06.csv"),
                  Profiles.load("bank"),
                  "OPS"),
              "OPS");
      importer.importFile(
          FileParser.parse(
              samples.resolve("ledger/gl-1200-2026-11.csv"), Profiles.load("ledger"), "OPS"),
          "OPS");
      ImportResult again =
          importer.importFile(
              FileParser.parse(
                  samples.resolve("bank/statement-2026-11-02_to_06.csv"),
                  Profiles.load("bank"),
                  "OPS"),
              "OPS");

      MatchRunner.RunSummary run =
          new MatchRunner(database, Clock.systemUTC(), "ci").run(RuleSet.standard());

      assertThat(bank.added()).isEqualTo(8);
      assertThat(again.alreadyImported()).isTrue();
      // 5 exact pairs and the short payment of INV-2026-1007 (0.50) within the tolerant rule.
      assertThat(run.groupsCreated()).isEqualTo(6);
      DatabaseInvariants.check(database);
    } finally {
      execute(serverUrl, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void requireServer(String url) {
    boolean ci = "true".equals(System.getenv("CI"));
    try (Connection ignored = DriverManager.getConnection(url)) {
      return;
    } catch (SQLException e) {
      String message =
          String.format(
              Locale.ROOT,
              "PostgreSQL not reachable at %s (%s); set RECON_TEST_PG_URL or start the server",
              url,
              e.getMessage());
      if (ci) {
        throw new AssertionError(message + "; with CI=true the PostgreSQL tests are mandatory", e);
      }
      System.err.println("SKIPPED: " + message);
      assumeTrue(false, message);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
