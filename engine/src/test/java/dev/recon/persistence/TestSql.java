package dev.recon.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain SQL against a test database, for what no store does (dropping an index). */
final class TestSql {
  private TestSql() {}

  static void execute(Database database, String sql) {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
