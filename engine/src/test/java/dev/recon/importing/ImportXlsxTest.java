package dev.recon.importing;

import static dev.recon.importing.ImportFixtures.bankStatementXlsx;
import static dev.recon.importing.ImportFixtures.credit;
import static dev.recon.importing.ImportFixtures.debit;
import static dev.recon.importing.ImportFixtures.itemCount;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.recon.facts.Item;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Statements saved as XLSX workbooks, with real date and number cells, under the same profile as
 * the bank's CSV export (decimal comma).
 */
@EveryDatabase
class ImportXlsxTest {
  @Parameter TestDatabase.Backend backend;

  private static final String ACCOUNT = "OPERATING-EUR";
  private static final Path WEEK_1 = sample("bank/statement-2026-11-02_to_06.csv");

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
  void theSameStatementSavedAsXlsxAddsNothingAfterItsCsv() throws IOException {
    List<String> rows = Files.readAllLines(WEEK_1, StandardCharsets.UTF_8);
    Path workbook = bankStatementXlsx(tempDir, "statement.xlsx", rows.subList(1, rows.size()));
    importBank(WEEK_1);
    List<Item> fromCsv = database.inTransaction(tx -> tx.items().unmatched());

    ImportResult fromXlsx = importBank(workbook);

    assertThat(fromXlsx.alreadyImported()).isFalse();
    assertThat(fromXlsx.records()).isEqualTo(8);
    assertThat(fromXlsx.duplicates()).isEqualTo(8);
    assertThat(fromXlsx.added()).isZero();
    assertThat(fromXlsx.totalMinorByCurrency())
        .containsExactly(
            Map.entry("EUR", fromCsv.stream().mapToLong(i -> i.fact().amount().minor()).sum()));
    assertThat(itemCount(database)).isEqualTo(8);
    DatabaseInvariants.check(database);
  }

  @Test
  void numberCellsKeepTheirValueWhateverTheProfilesDecimalSeparator() {
    Path workbook =
        bankStatementXlsx(
            tempDir,
            "statement.xlsx",
            List.of(
                credit("02.11.2026", "1.250,00", "Nordwind Logistik GmbH", "INV-2026-1001"),
                debit("05.11.2026", "12,50", "", "Account maintenance fee November")));

    ImportResult result = importBank(workbook);

    assertThat(result.added()).isEqualTo(2);
    List<Item> stored = database.inTransaction(tx -> tx.items().unmatched());
    assertThat(stored)
        .extracting(item -> item.fact().amount().minor())
        .containsExactly(125_000L, -1_250L);
    DatabaseInvariants.check(database);
  }

  @Test
  void aNumberCellWithMoreDecimalsThanTheCurrencyIsRefusedNotScaledUp() {
    // A formula result such as 10.371 shows as 10.37 but is stored with three decimals.
    Path workbook =
        bankStatementXlsx(
            tempDir,
            "statement.xlsx",
            List.of(
                credit("02.11.2026", "1.250,00", "Nordwind Logistik GmbH", "INV-2026-1001"),
                debit("05.11.2026", "10,371", "", "Card fee incl. VAT")));

    BadInput refused = catchThrowableOfType(BadInput.class, () -> importBank(workbook));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(3);
              assertThat(problem.column()).isEqualTo("Debit");
              assertThat(problem.message()).contains("3 decimals");
            });
    assertThat(itemCount(database)).isZero();
    DatabaseInvariants.check(database);
  }
}
