package dev.recon.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One open database: migrated by Flyway on open, queried through jOOQ with its dialect named
 * explicitly. H2 (the embedded default) and PostgreSQL run the same migrations. Connections come
 * from a small pool, so the web server's requests and a background close run each work in a
 * transaction of their own; {@link #inTransaction} holds one connection for the whole of its work.
 */
public final class Database implements AutoCloseable {
  /** The embedded default, relative to the working directory. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./recon-data/recon";

  /**
   * Enough for a server's concurrent requests plus a close run; PostgreSQL's default allows 100.
   */
  private static final int POOL_SIZE_MAX = 8;

  private final String url;
  private final SQLDialect dialect;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(String url, SQLDialect dialect, HikariDataSource dataSource) {
    this.url = url;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.dsl = DSL.using(dataSource, dialect);
  }

  /** Opens (creating if needed) and migrates the database at a JDBC URL. */
  public static Database open(String jdbcUrl) {
    String url = normalizeUrl(jdbcUrl);
    SQLDialect dialect = dialectOf(url);
    createParentDirectory(url);
    HikariDataSource dataSource = pool(url, dialect);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(migrationLocations(dialect))
          // Version numbers are reserved per line of work, so a database may already have a
          // higher one applied than a migration that arrives later; apply those too.
          .outOfOrder(true)
          .load()
          .migrate();
      return new Database(url, dialect, dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new IllegalStateException("cannot open database " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * The portable migrations, and on PostgreSQL also those only it runs: they change how the schema
   * is enforced or stored there, never the tables and columns the code sees (jOOQ is generated from
   * the portable ones on H2).
   */
  private static String[] migrationLocations(SQLDialect dialect) {
    return dialect == SQLDialect.POSTGRES
        ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
        : new String[] {"classpath:db/migration"};
  }

  private static HikariDataSource pool(String url, SQLDialect dialect) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (dialect == SQLDialect.H2) {
      // H2's embedded user has an empty password; for PostgreSQL none is passed, so the URL,
      // PGPASSWORD or .pgpass decide.
      config.setUsername("sa");
      config.setPassword("");
    }
    config.setMaximumPoolSize(POOL_SIZE_MAX);
    config.setMinimumIdle(1);
    config.setPoolName("recon");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open database " + url + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  public String url() {
    return url;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  /** Whether this is a PostgreSQL server (shared runs and query plans need one). */
  public boolean isPostgres() {
    return dialect.family() == SQLDialect.POSTGRES;
  }

  /** The connection pool, for work outside jOOQ (PostgreSQL's COPY, health checks, tests). */
  public DataSource dataSource() {
    return dataSource;
  }

  DSLContext dsl() {
    return dsl;
  }

  /** Runs work in one transaction: all of it commits, or none of it does. */
  public <T> T inTransaction(Function<Transaction, T> work) {
    return dsl.transactionResult(
        configuration -> {
          Transaction tx = new Transaction(configuration.dsl());
          T result = work.apply(tx);
          tx.flush();
          return result;
        });
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * H2 must fold unquoted names to lower case, as PostgreSQL does, or the generated (lower-case)
   * names would not be found on one of them.
   */
  static String normalizeUrl(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:") && !upper.contains("DATABASE_TO_LOWER")) {
      url = url + ";DATABASE_TO_LOWER=TRUE";
    }
    // H2 writes a commit to its file up to half a second later by default, so a process killed
    // just after a commit (a close run killed with kill -9) would lose it; write at each commit.
    if (url.startsWith("jdbc:h2:file:") && !upper.contains("WRITE_DELAY")) {
      url = url + ";WRITE_DELAY=0";
    }
    return url;
  }

  private static SQLDialect dialectOf(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return SQLDialect.H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return SQLDialect.POSTGRES;
    }
    throw new IllegalArgumentException(
        "unsupported database URL " + url + " (use jdbc:h2:... or jdbc:postgresql:...)");
  }

  private static void createParentDirectory(String url) {
    String prefix = "jdbc:h2:file:";
    if (url.startsWith(prefix)) {
      Path file = Path.of(url.substring(prefix.length()).split(";", 2)[0]);
      Path parent = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(parent);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot create database folder " + parent, e);
      }
    }
  }
}
