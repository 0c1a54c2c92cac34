package dev.recon.importing;

import static dev.recon.importing.ImportFixtures.bankStatement;
import static dev.recon.importing.ImportFixtures.credit;
import static dev.recon.importing.ImportFixtures.debit;
import static dev.recon.importing.ImportFixtures.fileRows;
import static dev.recon.importing.ImportFixtures.importAuditCount;
import static dev.recon.importing.ImportFixtures.itemCount;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** A file with anything wrong in it is refused as a whole: none of its rows are stored. */
@EveryDatabase
class ImportRefusalTest {
  @Parameter TestDatabase.Backend backend;

  private static final String ACCOUNT = "OPERATING-EUR";

  @TempDir Path tempDir;
  private Database database;
  private Importer importer;

  @BeforeEach
  void openDatabaseWithLastWeeksStatement() {
    database = TestDatabase.open(backend, tempDir);
    importer =
        new Importer(
            database, Clock.fixed(Instant.parse("2026-11-12T08:00:00Z"), ZoneOffset.UTC), "alice");
    importBank(sample("bank/statement-2026-11-02_to_06.csv"));
    assertThat(itemCount(database)).isEqualTo(8);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private ImportResult importBank(Path file) {
    return importer.importFile(FileParser.parse(file, Profiles.load("bank"), ACCOUNT), ACCOUNT);
  }

  @Test
  void aBrokenAmountRefusesTheFileNamingItsLineAndColumnAndStoresNoneOfIt() {
    Path file =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"),
            credit("10.11.2026", "2.15O,00", "Polar Retail AB", "INV-2026-1009"),
            credit("11.11.2026", "1.500,00", "Brightside Ltd", "INV-2026-1005"));

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importBank(file));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.fileName()).isEqualTo("week-46.csv");
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.column()).isEqualTo("Credit");
              assertThat(problem.message()).contains("\"2.15O,00\" is not an amount");
            });
    assertThat(refused.getMessage())
        .startsWith("week-46.csv:4: column \"Credit\": \"2.15O,00\" is not an amount");
    assertNothingOfTheRefusedFileWasStored();
  }

  @Test
  void aFileBrokenAtItsVeryLastRowIsRefusedWhole() {
    // The last line has no line break after it, as many exports end.
    String text =
        ImportFixtures.BANK_HEADER
            + "\n"
            + credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004")
            + "\n"
            + credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008")
            + "\n"
            + debit("11.11.2026", "12.50", "", "Card transaction fee");
    Path file = ImportFixtures.write(tempDir.resolve("week-46.csv"), text);

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importBank(file));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.column()).isEqualTo("Debit");
              assertThat(problem.message()).contains("\"12.50\" is not an amount");
            });
    assertNothingOfTheRefusedFileWasStored();
  }

  @Test
  void everyBrokenLineIsReportedSoTheUserCanFixThemInOnePass() {
    Path file =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("31.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"),
            credit("10.11.2026", "2.150,00", "Polar Retail AB", "INV-2026-1009"),
            credit("11.11.2026", "abc", "Brightside Ltd", "INV-2026-1005"));

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importBank(file));

    assertThat(refused.problems())
        .extracting(Problem::line, Problem::column)
        .containsExactly(tuple(3, "Booking Date"), tuple(5, "Credit"));
    assertNothingOfTheRefusedFileWasStored();
  }

  @Test
  void whenTheDatabaseRefusesTheLastRowTheRowsBeforeItAreRolledBack() {
    // Stand-in for any failure while storing (disk full, a lost connection): the database itself
    // refuses one marked row. 1,201 rows go in three insert statements, so two have run by the
    // time the third fails on the file's last row.
    ImportFixtures.execute(
        database,
        "ALTER TABLE item ADD CONSTRAINT test_refuses_marked_rows"
            + " CHECK (description IS NULL OR description <> 'REFUSED BY THE DATABASE')");
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= 1200; i++) {
      rows.add(credit("09.11.2026", i + ",00", "Customer " + i, "INV-2026-" + (1000 + i)));
    }
    List<String> good = new ArrayList<>(rows);
    good.add(credit("10.11.2026", "99,00", "Customer X", "a proper text"));
    rows.add(credit("10.11.2026", "99,00", "Customer X", "REFUSED BY THE DATABASE"));
    ParsedFile parsed =
        FileParser.parse(bankStatement(tempDir, "big.csv", rows), Profiles.load("bank"), ACCOUNT);
    assertThat(parsed.facts()).hasSize(1201);

    assertThatThrownBy(() -> importer.importFile(parsed, ACCOUNT))
        .hasMessageContaining("test_refuses_marked_rows");

    assertNothingOfTheRefusedFileWasStored();
    ImportResult corrected = importBank(bankStatement(tempDir, "big-corrected.csv", good));
    assertThat(corrected.added()).isEqualTo(1201);
    assertThat(itemCount(database)).isEqualTo(8 + 1201);
    DatabaseInvariants.check(database);
  }

  @Test
  void aTextTooLongToStoreRefusesTheFileNamingItsLine() {
    Path file =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "x".repeat(2001)));

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importBank(file));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(3);
              assertThat(problem.message()).contains("2001 characters");
            });
    assertNothingOfTheRefusedFileWasStored();
  }

  @Test
  void aRefusedFileCanBeImportedOnceCorrected() {
    Path broken =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "41O,00", "Atelier Rossi SRL", "INV-2026-1008"));
    assertThatThrownBy(() -> importBank(broken)).isInstanceOf(BadInput.class);

    Path fixed =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"));
    ImportResult result = importBank(fixed);

    assertThat(result.alreadyImported()).isFalse();
    assertThat(result.added()).isEqualTo(2);
    assertThat(itemCount(database)).isEqualTo(10);
    DatabaseInvariants.check(database);
  }

  /** More rows than `recon import` loads in one batch while it reads the rest of a table. */
  private static final int ROWS_OVER_ONE_BATCH = 30_000;

  private Path largeStatement(String name, String lastRow) {
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS_OVER_ONE_BATCH; i++) {
      rows.add(credit("09.11.2026", (i % 900 + 1) + ",00", "Payer " + i, "INV-" + i));
    }
    rows.add(lastRow);
    return bankStatement(tempDir, name, rows);
  }

  private ImportResult importWhileReading(Path file) {
    return importer.importStreamed(InputFile.read(file), Profiles.load("bank"), ACCOUNT);
  }

  @Test
  void aLargeTableRefusedAtItsLastRowStoresNothingThoughItsFirstRowsWereLoadedAlready() {
    Path file =
        largeStatement(
            "large.csv", credit("10.11.2026", "41O,00", "Atelier Rossi SRL", "INV-2026-1008"));

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importWhileReading(file));

    // Line 1 is the header; the broken row is the last of 30,001.
    assertThat(refused.problems())
        .extracting(Problem::line)
        .containsExactly(ROWS_OVER_ONE_BATCH + 2);
    assertNothingOfTheRefusedFileWasStored();
  }

  @Test
  void aLargeTableStoredWhileItIsReadKeepsEveryRowInFileOrder() {
    Path file =
        largeStatement(
            "large.csv", credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"));

    ImportResult result = importWhileReading(file);

    assertThat(result.added()).isEqualTo(ROWS_OVER_ONE_BATCH + 1);
    List<Integer> lines =
        database.inTransaction(tx -> tx.items().unmatched()).stream()
            .skip(8)
            .map(item -> item.fact().origin().line())
            .toList();
    assertThat(lines)
        .isEqualTo(
            java.util.stream.IntStream.rangeClosed(2, ROWS_OVER_ONE_BATCH + 2).boxed().toList());
    assertThat(importWhileReading(file).alreadyImported()).isTrue();
    DatabaseInvariants.check(database);
  }

  private void assertNothingOfTheRefusedFileWasStored() {
    assertThat(itemCount(database)).isEqualTo(8);
    assertThat(fileRows(database))
        .extracting(ImportFixtures.FileRow::fileName)
        .containsExactly("statement-2026-11-02_to_06.csv");
    assertThat(importAuditCount(database)).isEqualTo(1);
    DatabaseInvariants.check(database);
  }
}
