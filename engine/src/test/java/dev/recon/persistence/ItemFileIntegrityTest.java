package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Every stored item names a stored file, whoever writes to the database. H2 enforces it with a
 * foreign key; PostgreSQL, where a foreign key cost one lookup per row of a bulk load, with
 * triggers that check once per statement (db/postgresql/V46). Both must refuse the same writes.
 */
@EveryDatabase
class ItemFileIntegrityTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-12T06:00:00Z"), ZoneOffset.UTC);
  private static final Path SAMPLES = Path.of("..", "samples");

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  private Database database;
  private long fileId;
  private int itemCount;

  @BeforeEach
  void importTheSampleStatement() {
    database = TestDatabase.open(backend, tempDir);
    new Importer(database, CLOCK, "alice")
        .importFile(
            FileParser.parse(
                SAMPLES.resolve("bank/statement-2026-11-02_to_06.csv"),
                Profiles.load("bank"),
                "OPS"),
            "OPS");
    fileId = database.dsl().select(IMPORTED_FILE.ID).from(IMPORTED_FILE).fetchSingle().value1();
    itemCount = database.dsl().fetchCount(ITEM);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void anItemNamingNoStoredFileIsRefused() {
    assertRefused(
        "INSERT INTO item (file_id, line_no, side, account, currency, amount_minor, booking_date,"
            + " fingerprint, occurrence) VALUES ("
            + (fileId + 1000)
            + ", 1, 'BANK', 'OPS', 'EUR', 100, DATE '2026-11-02', '"
            + "f".repeat(64)
            + "', 1)");

    assertThat(database.dsl().fetchCount(ITEM)).isEqualTo(itemCount);
  }

  @Test
  void aStatementOfManyRowsIsRefusedWholeIfOneNamesNoStoredFile() {
    assertRefused(
        "INSERT INTO item (file_id, line_no, side, account, currency, amount_minor, booking_date,"
            + " fingerprint, occurrence) VALUES "
            + "("
            + fileId
            + ", 1, 'BANK', 'OPS', 'EUR', 100, DATE '2026-11-02', '"
            + "a".repeat(64)
            + "', 1), ("
            + (fileId + 1000)
            + ", 2, 'BANK', 'OPS', 'EUR', 200, DATE '2026-11-02', '"
            + "b".repeat(64)
            + "', 1)");

    assertThat(database.dsl().fetchCount(ITEM)).isEqualTo(itemCount);
  }

  @Test
  void aBulkCopyNamingNoStoredFileIsRefusedOnPostgresql() throws Exception {
    assumeTrue(
        backend == TestDatabase.Backend.POSTGRES,
        "COPY ... FROM STDIN, the bulk path of imports, is PostgreSQL's");
    String rows =
        String.join("\t", String.valueOf(fileId + 1000), "1", "BANK", "OPS", "EUR", "100")
            + "\t2026-11-02\t"
            + "c".repeat(64)
            + "\t1\n";

    try (Connection connection = database.dataSource().getConnection()) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(
              () ->
                  copy.copyIn(
                      "COPY item (file_id, line_no, side, account, currency, amount_minor,"
                          + " booking_date, fingerprint, occurrence) FROM STDIN",
                      new StringReader(rows)))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"))
          .hasMessageContaining("names file id " + (fileId + 1000) + " which is not stored");
    }
    assertThat(database.dsl().fetchCount(ITEM)).isEqualTo(itemCount);
  }

  @Test
  void anItemCannotBeMovedToAFileThatIsNotStored() {
    assertRefused("UPDATE item SET file_id = " + (fileId + 1000));

    assertThat(database.dsl().fetchCount(ITEM, ITEM.FILE_ID.eq(fileId))).isEqualTo(itemCount);
  }

  @Test
  void aFileItsItemsNameCannotBeDeletedOrRenumbered() {
    assertRefused("DELETE FROM imported_file WHERE id = " + fileId);
    assertRefused("UPDATE imported_file SET id = " + (fileId + 1000) + " WHERE id = " + fileId);

    assertThat(database.dsl().fetchCount(IMPORTED_FILE, IMPORTED_FILE.ID.eq(fileId))).isOne();
    assertThat(database.dsl().fetchCount(ITEM, ITEM.FILE_ID.eq(fileId))).isEqualTo(itemCount);
  }

  @Test
  void theFilesTableCannotBeEmptiedWhileItemsNameItsFiles() {
    if (backend == TestDatabase.Backend.POSTGRES) {
      // CASCADE empties the tables whose foreign keys name imported_file. item has none there
      // (V46), so without the truncate guard its rows would be left naming no file.
      assertRefused("TRUNCATE TABLE imported_file CASCADE", "23503");
    } else {
      // H2's foreign key refuses it with H2's own code for "a referenced table".
      assertRefused("TRUNCATE TABLE imported_file", "90106");
    }

    assertThat(database.dsl().fetchCount(IMPORTED_FILE)).isOne();
    assertThat(database.dsl().fetchCount(ITEM)).isEqualTo(itemCount);
  }

  /** The statement fails as an integrity constraint violation (SQL state class 23). */
  private void assertRefused(String sql) {
    assertRefused(sql, "23");
  }

  /** The statement fails with an SQL state that starts with the prefix. */
  private void assertRefused(String sql, String sqlStatePrefix) {
    assertThatThrownBy(() -> TestSql.execute(database, sql))
        .as(sql)
        .cause()
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith(sqlStatePrefix));
  }
}
