package dev.recon.persistence;

import dev.recon.facts.Fact;
import dev.recon.facts.Side;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's bulk path for a file's items. First, under a savepoint, the rows are streamed with
 * {@code COPY item ... FROM STDIN} (text format) straight into {@code item}: a new file's records
 * are all new, and this is the fastest way in. If any record's identity is stored already (an
 * overlapping export, or an import of the same rows running at the same time) the unique key
 * refuses the copy; Recon then rolls back to the savepoint and takes the careful path: the rows go
 * by {@code COPY} into a temporary staging table that lives only as long as the import's
 * transaction, then into {@code item} by one {@code INSERT ... SELECT ... ON CONFLICT (fingerprint,
 * occurrence) DO NOTHING}, which skips and counts the stored ones. Either way the import stays
 * all-or-nothing (a failure rolls back everything, staging table included) and idempotent, and
 * items get their ids in file order.
 */
final class ItemCopy {
  /** Bytes buffered before they are sent to the server: large enough to keep round trips few. */
  private static final int BUFFER_BYTES = 1 << 20;

  private static final String STAGE =
      "CREATE TEMPORARY TABLE IF NOT EXISTS item_stage ("
          + " seq INTEGER NOT NULL, line_no INTEGER NOT NULL, side VARCHAR(8) NOT NULL,"
          + " account VARCHAR(100) NOT NULL, currency CHAR(3) NOT NULL,"
          + " amount_minor BIGINT NOT NULL, booking_date DATE NOT NULL, value_date DATE,"
          + " reference VARCHAR(200), reference_raw VARCHAR(500), counterparty VARCHAR(200),"
          + " counterparty_raw VARCHAR(500), description VARCHAR(2000), payout_id VARCHAR(100),"
          + " kind VARCHAR(20), gross_minor BIGINT, fee_minor BIGINT,"
          + " fingerprint CHAR(64) NOT NULL, occurrence INTEGER NOT NULL,"
          + " counterparty_iban VARCHAR(34), bank_tx_code VARCHAR(35),"
          + " bank_tx_code_proprietary VARCHAR(35), end_to_end_id VARCHAR(35))"
          + " ON COMMIT DROP";

  private static final String COLUMNS =
      "line_no, side, account, currency, amount_minor, booking_date, value_date, reference,"
          + " reference_raw, counterparty, counterparty_raw, description, payout_id, kind,"
          + " gross_minor, fee_minor, fingerprint, occurrence, counterparty_iban, bank_tx_code,"
          + " bank_tx_code_proprietary, end_to_end_id";

  private ItemCopy() {}

  /** The SQL state of a unique key violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** Stores the items not stored yet under the file; returns how many were added. */
  static int insertNew(
      Connection connection, long fileId, List<IdentifiedFact> items, ReconciliationTotals totals)
      throws SQLException {
    Savepoint direct = connection.setSavepoint();
    try {
      copy(connection, "COPY item (file_id, " + COLUMNS + ") FROM STDIN", items, i -> fileId);
      connection.releaseSavepoint(direct);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(direct);
      return insertNewThroughStage(connection, fileId, items, totals);
    }
    for (IdentifiedFact item : items) {
      Fact f = item.fact();
      totals.itemAdded(f.side(), f.currencyCode(), f.bookingDate(), f.amount().minor());
    }
    return items.size();
  }

  /** Streams the items into a {@code COPY}, each row led by the given first column. */
  private static void copy(
      Connection connection, String sql, List<IdentifiedFact> items, IntToLongFunction first)
      throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      Rows rows = new Rows(copy);
      for (int i = 0; i < items.size(); i++) {
        rows.write(first.applyAsLong(i), items.get(i));
      }
      rows.flush();
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** The careful path: the items not stored yet, through a staging table and ON CONFLICT. */
  private static int insertNewThroughStage(
      Connection connection, long fileId, List<IdentifiedFact> items, ReconciliationTotals totals)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(STAGE);
      statement.execute("TRUNCATE item_stage");
    }
    copy(connection, "COPY item_stage (seq, " + COLUMNS + ") FROM STDIN", items, i -> i);
    // The rows really added (not skipped as stored) come back summed per side, currency and
    // booking date, for the dashboard's totals, instead of one row each.
    try (PreparedStatement insert =
        connection.prepareStatement(
            "WITH added AS (INSERT INTO item (file_id, "
                + COLUMNS
                + ") SELECT ?, "
                + COLUMNS
                + " FROM item_stage ORDER BY seq"
                + " ON CONFLICT (fingerprint, occurrence) DO NOTHING"
                + " RETURNING side, currency, booking_date, amount_minor)"
                + " SELECT side, currency, booking_date, count(*), sum(amount_minor)"
                + " FROM added GROUP BY side, currency, booking_date")) {
      insert.setLong(1, fileId);
      int added = 0;
      try (ResultSet sums = insert.executeQuery()) {
        while (sums.next()) {
          long count = sums.getLong(4);
          totals.itemsAdded(
              Side.valueOf(sums.getString(1)),
              sums.getString(2),
              sums.getObject(3, LocalDate.class),
              count,
              sums.getBigDecimal(5).longValueExact());
          added = Math.addExact(added, Math.toIntExact(count));
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE item_stage");
      }
      return added;
    }
  }

  /** Encodes rows in COPY's text format (tab-separated, {@code \N} for null) into a buffer. */
  private static final class Rows {
    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER_BYTES + 16_384];
    private int length;

    Rows(CopyIn copy) {
      this.copy = copy;
    }

    void write(long first, IdentifiedFact item) throws SQLException {
      Fact f = item.fact();
      number(first);
      tab();
      number(f.origin().line());
      tab();
      text(f.side().name());
      tab();
      text(f.account());
      tab();
      text(f.currencyCode());
      tab();
      number(f.amount().minor());
      tab();
      text(f.bookingDate().toString());
      tab();
      text(f.valueDate() == null ? null : f.valueDate().toString());
      tab();
      text(f.reference());
      tab();
      text(f.referenceRaw());
      tab();
      text(f.counterparty());
      tab();
      text(f.counterpartyRaw());
      tab();
      text(f.text());
      tab();
      text(f.payoutId());
      tab();
      text(f.kind());
      tab();
      text(f.gross() == null ? null : Long.toString(f.gross().minor()));
      tab();
      text(f.fee() == null ? null : Long.toString(f.fee().minor()));
      tab();
      text(item.fingerprint());
      tab();
      number(item.occurrence());
      tab();
      text(f.counterpartyIban());
      tab();
      text(f.bankTransactionCode());
      tab();
      text(f.bankTransactionCodeProprietary());
      tab();
      text(f.endToEndId());
      put((byte) '\n');
      if (length >= BUFFER_BYTES) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (length > 0) {
        copy.writeToCopy(buffer, 0, length);
        length = 0;
      }
    }

    private void tab() {
      put((byte) '\t');
    }

    private void number(long value) {
      text(Long.toString(value));
    }

    /** A value with COPY's escapes for backslash, tab, newline and carriage return. */
    private void text(String value) {
      if (value == null) {
        put((byte) '\\');
        put((byte) 'N');
        return;
      }
      if (copiedPlain(value)) {
        return;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x80) {
          switch (c) {
            case '\\' -> escaped('\\');
            case '\t' -> escaped('t');
            case '\n' -> escaped('n');
            case '\r' -> escaped('r');
            default -> put((byte) c);
          }
        } else {
          int end = i + 1;
          while (end < value.length() && value.charAt(end) >= 0x80) {
            end++;
          }
          byte[] bytes = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
          for (byte b : bytes) {
            put(b);
          }
          i = end - 1;
        }
      }
    }

    /**
     * Copies the value in one tight loop if it is ASCII without a character COPY's text format
     * escapes (most values are); otherwise copies nothing and says so.
     */
    private boolean copiedPlain(String value) {
      int n = value.length();
      if (length + n > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
      }
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
          return false;
        }
        buffer[length + i] = (byte) c;
      }
      length += n;
      return true;
    }

    private void escaped(char c) {
      put((byte) '\\');
      put((byte) c);
    }

    private void put(byte b) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[length++] = b;
    }
  }
}
