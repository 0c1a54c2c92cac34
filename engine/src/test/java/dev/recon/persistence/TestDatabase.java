package dev.recon.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database per test: an embedded H2 file in the test's temporary folder, or a schema of its
 * own on a real PostgreSQL server (dropped when the test JVM exits). Database test classes run on
 * both through {@link EveryDatabase}. Off CI a PostgreSQL test skips with a message when no server
 * answers; with {@code CI=true} a missing server fails the test. {@code RECON_TEST_PG_URL}
 * overrides the server address.
 */
public final class TestDatabase {
  public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  /** The database products every persistence test runs on. */
  public enum Backend {
    H2,
    POSTGRES
  }

  private static final List<String> createdSchemas = new ArrayList<>();
  private static String serverProblem;
  private static boolean serverChecked;

  private TestDatabase() {}

  public static Database open(Backend backend, Path tempDir) {
    return backend == Backend.H2 ? h2(tempDir) : postgres();
  }

  /** The JDBC URL of a fresh, empty database on the backend (migrated on first open). */
  public static String freshUrl(Backend backend, Path tempDir) {
    return backend == Backend.H2 ? h2Url(tempDir) : postgresUrl(freshSchema());
  }

  public static Database h2(Path tempDir) {
    return Database.open(h2Url(tempDir));
  }

  public static String h2Url(Path tempDir) {
    return "jdbc:h2:file:" + tempDir.resolve("recon").toAbsolutePath();
  }

  /** A database in a new schema on the test PostgreSQL server. */
  public static Database postgres() {
    return Database.open(postgresUrl(freshSchema()));
  }

  /** The test server's URL (RECON_TEST_PG_URL or the local default), skipping if none answers. */
  public static String serverUrl() {
    String url = System.getenv().getOrDefault("RECON_TEST_PG_URL", DEFAULT_PG_URL);
    requireServer(url);
    return url;
  }

  private static String postgresUrl(String schema) {
    String server = serverUrl();
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Creates a schema no other test uses and schedules it to be dropped when the JVM exits. */
  public static synchronized String freshSchema() {
    String server = serverUrl();
    String schema = "recon_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(server, "CREATE SCHEMA " + schema);
    if (createdSchemas.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(server)));
    }
    createdSchemas.add(schema);
    return schema;
  }

  private static synchronized void dropSchemas(String server) {
    for (String schema : createdSchemas) {
      try {
        execute(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (IllegalStateException e) {
        System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
      }
    }
  }

  private static synchronized void requireServer(String url) {
    if (!serverChecked) {
      serverChecked = true;
      try (Connection ignored = DriverManager.getConnection(url)) {
        serverProblem = null;
      } catch (SQLException e) {
        serverProblem =
            String.format(
                Locale.ROOT,
                "PostgreSQL not reachable at %s (%s); set RECON_TEST_PG_URL or start the server",
                url,
                e.getMessage());
        System.err.println("SKIPPED: PostgreSQL tests: " + serverProblem);
      }
    }
    if (serverProblem != null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            serverProblem + "; with CI=true the PostgreSQL tests are mandatory");
      }
      assumeTrue(false, serverProblem);
    }
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
