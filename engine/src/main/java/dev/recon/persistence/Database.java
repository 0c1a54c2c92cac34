package dev.recon.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One open database: migrated by Flyway on open, queried through jOOQ with its dialect named
 * explicitly. H2 (the embedded default) and PostgreSQL run the same migrations.
 */
public final class Database implements AutoCloseable {
  /** The embedded default, relative to the working directory. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./recon-data/recon";

  private final String url;
  private final SQLDialect dialect;
  private final Connection connection;
  private final DSLContext dsl;

  private Database(String url, SQLDialect dialect, Connection connection) {
    this.url = url;
    this.dialect = dialect;
    this.connection = connection;
    this.dsl = DSL.using(connection, dialect);
  }

  /** Opens (creating if needed) and migrates the database at a JDBC URL. */
  public static Database open(String jdbcUrl) {
    String url = normalizeUrl(jdbcUrl);
    SQLDialect dialect = dialectOf(url);
    try {
      createParentDirectory(url);
      Flyway.configure()
          .dataSource(url, user(dialect), password(dialect))
          .locations("classpath:db/migration")
          .load()
          .migrate();
      Connection connection = DriverManager.getConnection(url, user(dialect), password(dialect));
      return new Database(url, dialect, connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open database " + url + ": " + e.getMessage(), e);
    }
  }

  public String url() {
    return url;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  DSLContext dsl() {
    return dsl;
  }

  /** Runs work in one transaction: all of it commits, or none of it does. */
  public <T> T inTransaction(Function<Transaction, T> work) {
    return dsl.transactionResult(configuration -> work.apply(new Transaction(configuration.dsl())));
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing " + url + " failed", e);
    }
  }

  /**
   * H2 must fold unquoted names to lower case, as PostgreSQL does, or the generated (lower-case)
   * names would not be found on one of them.
   */
  static String normalizeUrl(String url) {
    if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DATABASE_TO_LOWER")) {
      return url + ";DATABASE_TO_LOWER=TRUE";
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

  /**
   * H2's embedded user has an empty password; for PostgreSQL none is passed, so the URL, PGPASSWORD
   * or .pgpass decide.
   */
  private static String password(SQLDialect dialect) {
    return dialect == SQLDialect.H2 ? "" : null;
  }

  private static String user(SQLDialect dialect) {
    return dialect == SQLDialect.H2 ? "sa" : null;
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
