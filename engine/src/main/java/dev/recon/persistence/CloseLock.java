package dev.recon.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The database lock that lets one close of a date run at a time, across threads, processes and
 * machines: the date's {@code close_lock} row, locked with {@code SELECT ... FOR UPDATE NOWAIT} in
 * a transaction kept open on a connection of its own until the close ends. A second close of the
 * date fails to lock the row at once rather than waiting. Because the lock belongs to the
 * transaction, the database drops it when the process dies, however it dies: a close killed with
 * {@code kill -9} never leaves a stale lock behind.
 */
public final class CloseLock implements AutoCloseable {
  /** PostgreSQL's lock_not_available. */
  private static final String PG_LOCK_NOT_AVAILABLE = "55P03";

  /** H2's LOCK_TIMEOUT_1 ("Timeout trying to lock table"), also raised by NOWAIT. */
  private static final int H2_LOCK_TIMEOUT = 50200;

  private final Connection connection;

  private CloseLock(Connection connection) {
    this.connection = connection;
  }

  /**
   * Locks the date for this close, or returns empty at once if another close holds it.
   *
   * @throws IllegalStateException if the database cannot be reached
   */
  public static Optional<CloseLock> tryAcquire(Database database, LocalDate date) {
    ensureRow(database, date);
    Connection connection = null;
    try {
      connection = database.dataSource().getConnection();
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT business_date FROM close_lock WHERE business_date = ? FOR UPDATE NOWAIT")) {
        select.setObject(1, date);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            throw new AssertionError("close_lock row of " + date + " vanished");
          }
        }
      }
      return Optional.of(new CloseLock(connection));
    } catch (SQLException e) {
      closeQuietly(connection);
      if (PG_LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || e.getErrorCode() == H2_LOCK_TIMEOUT) {
        return Optional.empty();
      }
      throw new IllegalStateException(
          "cannot lock the close of " + date + ": " + e.getMessage(), e);
    }
  }

  /** The date's row exists once any close of it started; a concurrent insert of it is fine. */
  private static void ensureRow(Database database, LocalDate date) {
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(true);
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM close_lock WHERE business_date = ?")) {
        exists.setObject(1, date);
        try (ResultSet rows = exists.executeQuery()) {
          if (rows.next()) {
            return;
          }
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO close_lock (business_date) VALUES (?)")) {
        insert.setObject(1, date);
        insert.executeUpdate();
      } catch (SQLException raced) {
        // Another close of the date inserted it first (unique violation): the row is there.
        if (!raced.getSQLState().startsWith("23")) {
          throw raced;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot lock the close of " + date + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is being discarded; its transaction ends with it.
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // As above.
    }
  }

  /** Releases the lock: ends the transaction that holds it. */
  @Override
  public void close() {
    closeQuietly(connection);
  }
}
