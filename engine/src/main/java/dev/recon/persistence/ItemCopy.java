package dev.recon.persistence;

import dev.recon.facts.Fact;
import dev.recon.facts.Side;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's bulk path for a file's items: the rows are streamed with {@code COPY ... FROM STDIN}
 * (text format) into a temporary staging table that lives only as long as the import's transaction,
 * then moved into {@code item} by one {@code INSERT ... SELECT ... ON CONFLICT (fingerprint,
 * occurrence) DO NOTHING} in the same transaction. So the import stays all-or-nothing (a failure
 * rolls back the staging table too) and idempotent (a record whose identity is stored, even by an
 * import running at the same time, is skipped and counted as a duplicate). Items get their ids in
 * file order ({@code seq}).
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

  /** Stores the items not stored yet under the file; returns how many were added. */
  static int insertNew(
      Connection connection, long fileId, List<IdentifiedFact> items, ReconciliationTotals totals)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(STAGE);
      statement.execute("TRUNCATE item_stage");
    }
    CopyIn copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY item_stage (seq, " + COLUMNS + ") FROM STDIN");
    try {
      Rows rows = new Rows(copy);
      for (int i = 0; i < items.size(); i++) {
        rows.write(i, items.get(i));
      }
      rows.flush();
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
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

    void write(int seq, IdentifiedFact item) throws SQLException {
      Fact f = item.fact();
      number(seq);
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
