package dev.recon.importing;

import static dev.recon.importing.ImportFixtures.bankStatement;
import static dev.recon.importing.ImportFixtures.copy;
import static dev.recon.importing.ImportFixtures.credit;
import static dev.recon.importing.ImportFixtures.debit;
import static dev.recon.importing.ImportFixtures.fileRows;
import static dev.recon.importing.ImportFixtures.importAuditCount;
import static dev.recon.importing.ImportFixtures.itemCount;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.recon.facts.Item;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class ImportIdempotencyTest {
  @Parameter TestDatabase.Backend backend;

  private static final String ACCOUNT = "OPERATING-EUR";
  private static final Path WEEK_1 = sample("bank/statement-2026-11-02_to_06.csv");
  private static final Path WEEK_2 = sample("bank/statement-2026-11-05_to_11.csv");

  @TempDir Path tempDir;
  private Database database;
  private Importer importer;

  @BeforeEach
  void openDatabase() {
    database = TestDatabase.open(backend, tempDir);
    importer =
        new Importer(
            database, Clock.fixed(Instant.parse("2026-11-12T08:00:00Z"), ZoneOffset.UTC), "alice");
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private ImportResult importBank(Path file) {
    return importer.importFile(FileParser.parse(file, Profiles.load("bank"), ACCOUNT), ACCOUNT);
  }

  @Test
  void reimportingTheSameFileChangesNothing() {
    ImportResult first = importBank(WEEK_1);
    int items = itemCount(database);
    int audits = importAuditCount(database);

    ImportResult second = importBank(WEEK_1);

    assertThat(first.alreadyImported()).isFalse();
    assertThat(first.added()).isEqualTo(8);
    assertThat(second.alreadyImported()).isTrue();
    assertThat(second.added()).isZero();
    assertThat(second.fileId()).isEqualTo(first.fileId());
    assertThat(second.describe())
        .isEqualTo(
            "statement-2026-11-02_to_06.csv: already imported as file #"
                + first.fileId()
                + "; nothing added (statement-2026-11-02_to_06.csv, account OPERATING-EUR,"
                + " profile bank, by alice at 2026-11-12T08:00Z)");
    assertThat(itemCount(database)).isEqualTo(items).isEqualTo(8);
    assertThat(importAuditCount(database)).isEqualTo(audits).isEqualTo(1);
    assertThat(fileRows(database)).hasSize(1);
    DatabaseInvariants.check(database);
  }

  @Test
  void theSameFileUnderAnotherNameIsRecognisedByItsContent() {
    ImportResult first = importBank(WEEK_1);
    Path renamed = copy(WEEK_1, tempDir.resolve("november-week-45 (1).csv"));

    ImportResult again = importBank(renamed);

    assertThat(again.alreadyImported()).isTrue();
    assertThat(again.fileId()).isEqualTo(first.fileId());
    assertThat(again.describe()).startsWith("november-week-45 (1).csv: already imported as file #");
    assertThat(itemCount(database)).isEqualTo(8);
    assertThat(fileRows(database))
        .singleElement()
        .extracting(ImportFixtures.FileRow::fileName)
        .isEqualTo("statement-2026-11-02_to_06.csv");
    DatabaseInvariants.check(database);
  }

  @Test
  void overlappingStatementsAddOnlyTheDaysNotYetStored() {
    importBank(WEEK_1);

    // Week 2 repeats 5 and 6 November (three lines) and adds six new lines from 9 to 11 November.
    ImportResult week2 = importBank(WEEK_2);

    assertThat(week2.alreadyImported()).isFalse();
    assertThat(week2.records()).isEqualTo(9);
    assertThat(week2.duplicates()).isEqualTo(3);
    assertThat(week2.added()).isEqualTo(6);
    assertThat(week2.describe())
        .isEqualTo("statement-2026-11-05_to_11.csv: 9 records, 6 added, 3 already stored");
    assertThat(itemCount(database)).isEqualTo(14);
    assertThat(fileRows(database))
        .extracting(
            ImportFixtures.FileRow::rowCount,
            ImportFixtures.FileRow::addedCount,
            ImportFixtures.FileRow::duplicateCount)
        .containsExactly(tuple(8, 8, 0), tuple(9, 6, 3));
    assertThat(storedByFile())
        .containsEntry("statement-2026-11-02_to_06.csv", 8L)
        .containsEntry("statement-2026-11-05_to_11.csv", 6L);
    DatabaseInvariants.check(database);
  }

  @Test
  void overlappingStatementsImportedNewestFirstStillStoreEachLineOnce() {
    importBank(WEEK_2);
    ImportResult week1 = importBank(WEEK_1);

    assertThat(week1.added()).isEqualTo(5);
    assertThat(week1.duplicates()).isEqualTo(3);
    assertThat(itemCount(database)).isEqualTo(14);
    DatabaseInvariants.check(database);
  }

  @Test
  void theSameDayExportedAgainWithDifferentBytesAddsNothing() {
    // The bank re-exports the same lines with CRLF line endings: other bytes, same records.
    importBank(WEEK_1);
    String crlf =
        ImportFixtures.BANK_HEADER
            + "\r\n"
            + credit("02.11.2026", "1.250,00", "Nordwind Logistik GmbH", "INV-2026-1001 Nordwind")
            + "\r\n"
            + debit(
                "02.11.2026", "2.400,00", "Hausverwaltung Schmidt KG", "Rent November RENT-2026-11")
            + "\r\n";
    Path reexport = ImportFixtures.write(tempDir.resolve("reexport.csv"), crlf);

    ImportResult result = importBank(reexport);

    assertThat(result.alreadyImported()).isFalse();
    assertThat(result.added()).isZero();
    assertThat(result.duplicates()).isEqualTo(2);
    assertThat(itemCount(database)).isEqualTo(8);
    DatabaseInvariants.check(database);
  }

  @Test
  void twoGenuinelyIdenticalRowsInOneFileBothImport() {
    String fee = debit("11.11.2026", "2,50", "", "Card transaction fee");
    Path file =
        bankStatement(
            tempDir,
            "fees.csv",
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "X"),
            fee,
            fee);

    ImportResult result = importBank(file);

    assertThat(result.added()).isEqualTo(3);
    assertThat(result.duplicates()).isZero();
    assertThat(itemCount(database)).isEqualTo(3);
    assertThat(fees()).hasSize(2);
    DatabaseInvariants.check(database);
  }

  @Test
  void identicalRowsAreCountedPerFileSoOnlyAThirdCopyIsNew() {
    String fee = debit("11.11.2026", "2,50", "", "Card transaction fee");
    String other = credit("11.11.2026", "1.500,00", "Brightside Ltd", "INV-2026-1005");
    importBank(bankStatement(tempDir, "a.csv", fee, fee));

    ImportResult sameTwo = importBank(bankStatement(tempDir, "b.csv", other, fee, fee));
    assertThat(sameTwo.alreadyImported()).isFalse();
    assertThat(sameTwo.added()).isEqualTo(1);
    assertThat(sameTwo.duplicates()).isEqualTo(2);
    assertThat(fees()).hasSize(2);

    ImportResult threeCopies = importBank(bankStatement(tempDir, "c.csv", fee, fee, fee));
    assertThat(threeCopies.added()).isEqualTo(1);
    assertThat(threeCopies.duplicates()).isEqualTo(2);
    assertThat(fees()).hasSize(3);
    assertThat(itemCount(database)).isEqualTo(4);
    DatabaseInvariants.check(database);
  }

  @Test
  void theSameRowOnAnotherAccountIsAnotherRecord() {
    String fee = debit("11.11.2026", "2,50", "", "Card fee");
    importBank(
        bankStatement(
            tempDir, "fees.csv", fee, credit("10.11.2026", "410,00", "Atelier Rossi SRL", "X")));

    ImportResult other =
        importer.importFile(
            FileParser.parse(
                bankStatement(tempDir, "fees-savings.csv", fee),
                Profiles.load("bank"),
                "SAVINGS-EUR"),
            "SAVINGS-EUR");

    assertThat(other.alreadyImported()).isFalse();
    assertThat(other.added()).isEqualTo(1);
    assertThat(itemCount(database)).isEqualTo(3);
    DatabaseInvariants.check(database);
  }

  private List<Item> fees() {
    return database.inTransaction(tx -> tx.items().unmatched()).stream()
        .filter(item -> "Card transaction fee".equals(item.fact().text()))
        .toList();
  }

  private Map<String, Long> storedByFile() {
    return database.inTransaction(tx -> tx.items().unmatched()).stream()
        .collect(
            Collectors.groupingBy(item -> item.fact().origin().fileName(), Collectors.counting()));
  }

  @Test
  void textThatTheBulkLoadMustEscapeIsStoredAsTheFileSaysIt() {
    // PostgreSQL's COPY text format gives backslash, tab and line breaks meanings of their own,
    // and \N means null; none of it may change what the statement says.
    String tricky = "\"Ref \\N C:\\pay\\in\tM\u00fcller \u20ac\nline two\r\nthree\"";
    Path file =
        bankStatement(
            tempDir,
            "tricky.csv",
            credit("03.11.2026", "10,00", "Caf\u00e9 \\ Co", tricky),
            credit("04.11.2026", "11,00", "Plain GmbH", "plain text"));

    ImportResult result = importBank(file);

    assertThat(result.added()).isEqualTo(2);
    List<String> stored =
        database.inTransaction(tx -> tx.items().unmatched()).stream()
            .sorted(java.util.Comparator.comparing(i -> i.fact().bookingDate()))
            .map(i -> i.fact().counterpartyRaw() + "|" + i.fact().text())
            .toList();
    assertThat(stored)
        .containsExactly(
            "Caf\u00e9 \\ Co|Ref \\N C:\\pay\\in\tM\u00fcller \u20ac\nline two\r\nthree",
            "Plain GmbH|plain text");
  }
}
