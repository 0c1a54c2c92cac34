package dev.recon.cli;

import static dev.recon.importing.ImportFixtures.auditRows;
import static dev.recon.importing.ImportFixtures.bankStatement;
import static dev.recon.importing.ImportFixtures.credit;
import static dev.recon.importing.ImportFixtures.debit;
import static dev.recon.importing.ImportFixtures.fileRows;
import static dev.recon.importing.ImportFixtures.importAuditCount;
import static dev.recon.importing.ImportFixtures.itemCount;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.recon.importing.ImportFixtures;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class CliImportTest {
  @Parameter TestDatabase.Backend backend;
  private String databaseUrl;
  private static final Instant NOW = Instant.parse("2026-11-12T08:30:00Z");
  private static final String WEEK_1 = sample("bank/statement-2026-11-02_to_06.csv").toString();
  private static final String WEEK_2 = sample("bank/statement-2026-11-05_to_11.csv").toString();

  @TempDir Path tempDir;

  private CliRun cli() {
    return new CliRun(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")), tempDir);
  }

  private CliRun.Result importBank(String... files) {
    String[] args = new String[7 + files.length];
    String[] head = {"--db", db(), "import", "--profile", "bank", "--account", "OPERATING-EUR"};
    System.arraycopy(head, 0, args, 0, head.length);
    System.arraycopy(files, 0, args, head.length, files.length);
    return cli().run(args);
  }

  @BeforeEach
  void chooseFreshDatabase() {
    databaseUrl = TestDatabase.freshUrl(backend, tempDir);
  }

  private String db() {
    return databaseUrl;
  }

  private void inDatabase(Consumer<Database> check) {
    try (Database database = Database.open(databaseUrl)) {
      check.accept(database);
      DatabaseInvariants.check(database);
    }
  }

  @Test
  void reimportingTheSameFileChangesNothing() {
    CliRun.Result first = importBank(WEEK_1);
    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .contains("statement-2026-11-02_to_06.csv: 8 records, 8 added, 0 already stored");

    CliRun.Result second = importBank(WEEK_1);

    assertThat(second.exitCode()).isZero();
    assertThat(second.out())
        .contains("statement-2026-11-02_to_06.csv: already imported as file #1; nothing added");
    assertThat(second.err()).isEmpty();
    inDatabase(
        database -> {
          assertThat(itemCount(database)).isEqualTo(8);
          assertThat(importAuditCount(database)).isEqualTo(1);
          assertThat(fileRows(database)).hasSize(1);
        });
  }

  @Test
  void overlappingStatementsAddOnlyTheNewRowsAndARenamedCopyIsRecognised() {
    Path renamed = ImportFixtures.copy(Path.of(WEEK_2), tempDir.resolve("bank-export.csv"));

    CliRun.Result result = importBank(WEEK_1, WEEK_2, renamed.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().toList())
        .hasSize(3)
        .startsWith(
            "statement-2026-11-02_to_06.csv: 8 records, 8 added, 0 already stored",
            "statement-2026-11-05_to_11.csv: 9 records, 6 added, 3 already stored");
    assertThat(result.out().lines().toList().get(2))
        .startsWith("bank-export.csv: already imported as file #2; nothing added")
        .contains("(statement-2026-11-05_to_11.csv, account");
    inDatabase(database -> assertThat(itemCount(database)).isEqualTo(14));
  }

  @Test
  void identicalRowsImportOncePerOccurrenceAcrossFiles() {
    String fee = debit("11.11.2026", "2,50", "", "Card transaction fee");
    String other = credit("11.11.2026", "1.500,00", "Brightside Ltd", "INV-2026-1005");
    Path twoFees = bankStatement(tempDir, "a.csv", fee, fee);
    Path sameTwoFees = bankStatement(tempDir, "b.csv", other, fee, fee);
    Path threeFees = bankStatement(tempDir, "c.csv", fee, fee, fee);

    CliRun.Result result =
        importBank(twoFees.toString(), sameTwoFees.toString(), threeFees.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "a.csv: 2 records, 2 added, 0 already stored",
            "b.csv: 3 records, 1 added, 2 already stored",
            "c.csv: 3 records, 1 added, 2 already stored");
    inDatabase(database -> assertThat(itemCount(database)).isEqualTo(4));
  }

  @Test
  void aBrokenAmountIsRefusedWithItsLineAndColumnAndNothingOfTheFileIsStored() {
    assertThat(importBank(WEEK_1).exitCode()).isZero();
    Path broken =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"),
            credit("10.11.2026", "2.15O,00", "Polar Retail AB", "INV-2026-1009"),
            credit("11.11.2026", "1.500,00", "Brightside Ltd", "INV-2026-1005"));

    CliRun.Result result = importBank(broken.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines())
        .containsExactly(
            "error: week-46.csv:4: column \"Credit\": \"2.15O,00\" is not an amount"
                + " (this profile reads a decimal comma, as in 1.234,50)",
            "week-46.csv: refused; nothing from this file was stored");
    inDatabase(
        database -> {
          assertThat(itemCount(database)).isEqualTo(8);
          assertThat(fileRows(database)).hasSize(1);
          assertThat(auditRows(database))
              .filteredOn(row -> row.action().equals("IMPORT_REFUSED"))
              .singleElement()
              .satisfies(row -> assertThat(row.entityId()).isNull())
              .satisfies(row -> assertThat(row.actor()).isNotBlank());
        });
  }

  @Test
  void aFileBrokenInItsLastRowIsRefusedWhole() {
    Path broken =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"),
            debit("11.11.2026", "2;50", "", "Card transaction fee"));

    CliRun.Result result = importBank(broken.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("week-46.csv:4:");
    assertThat(result.err()).contains("week-46.csv: refused; nothing from this file was stored");
    inDatabase(
        database -> {
          assertThat(itemCount(database)).isZero();
          assertThat(fileRows(database)).isEmpty();
          assertThat(importAuditCount(database)).isZero();
        });
  }

  @Test
  void inAMultiFileImportOnlyTheBadFileIsLeftOut() {
    Path first =
        bankStatement(
            tempDir,
            "first.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"));
    Path bad =
        bankStatement(
            tempDir,
            "second.csv",
            credit("10.11.2026", "410,00", "Atelier Rossi SRL", "INV-2026-1008"),
            credit("10.11.2026", "12,3O", "Polar Retail AB", "INV-2026-1009"));
    Path third =
        bankStatement(
            tempDir,
            "third.csv",
            credit("11.11.2026", "1.500,00", "Brightside Ltd", "INV-2026-1005"),
            debit("11.11.2026", "2,50", "", "Card transaction fee"));

    CliRun.Result result = importBank(first.toString(), bad.toString(), third.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines())
        .containsExactly(
            "first.csv: 1 records, 1 added, 0 already stored",
            "third.csv: 2 records, 2 added, 0 already stored");
    assertThat(result.err().lines())
        .containsExactly(
            "error: second.csv:3: column \"Credit\": \"12,3O\" is not an amount"
                + " (this profile reads a decimal comma, as in 1.234,50)",
            "second.csv: refused; nothing from this file was stored");
    inDatabase(
        database -> {
          assertThat(itemCount(database)).isEqualTo(3);
          assertThat(fileRows(database))
              .extracting(ImportFixtures.FileRow::fileName)
              .containsExactly("first.csv", "third.csv");
        });
  }

  @Test
  void aMissingFileIsRefusedAndTheOthersStillImport() {
    CliRun.Result result = importBank(tempDir.resolve("no-such-statement.csv").toString(), WEEK_1);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no-such-statement.csv: no such file");
    assertThat(result.out()).contains("statement-2026-11-02_to_06.csv: 8 records, 8 added");
    inDatabase(database -> assertThat(itemCount(database)).isEqualTo(8));
  }

  @Test
  void everyImportedFileHasAnAuditRowSayingWhoAndWhen() {
    CliRun.Result alice =
        cli()
            .run(
                "--db",
                db(),
                "--user",
                "alice",
                "import",
                "--profile",
                "bank",
                "--account",
                "OPERATING-EUR",
                WEEK_1,
                WEEK_2);
    CliRun.Result fallback =
        cli()
            .run(
                "--db",
                db(),
                "import",
                "--profile",
                "ledger",
                "--account",
                "OPERATING-EUR",
                sample("ledger/gl-1200-2026-11.csv").toString());

    assertThat(alice.exitCode()).isZero();
    assertThat(fallback.exitCode()).isZero();
    inDatabase(
        database -> {
          assertThat(auditRows(database))
              .extracting(
                  ImportFixtures.AuditRow::action,
                  ImportFixtures.AuditRow::entityId,
                  ImportFixtures.AuditRow::actor,
                  row -> row.at().toInstant())
              .containsExactly(
                  tuple("IMPORT_FILE", 1L, "alice", NOW),
                  tuple("IMPORT_FILE", 2L, "alice", NOW),
                  tuple("IMPORT_FILE", 3L, "env-user", NOW));
          assertThat(fileRows(database))
              .extracting(
                  ImportFixtures.FileRow::fileName,
                  ImportFixtures.FileRow::importedBy,
                  row -> row.importedAt().toInstant())
              .containsExactly(
                  tuple("statement-2026-11-02_to_06.csv", "alice", NOW),
                  tuple("statement-2026-11-05_to_11.csv", "alice", NOW),
                  tuple("gl-1200-2026-11.csv", "env-user", NOW));
        });
  }
}
