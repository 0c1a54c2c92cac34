package dev.recon.importing;

import static dev.recon.importing.ImportFixtures.auditRows;
import static dev.recon.importing.ImportFixtures.fileRows;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class ImportAuditTest {
  @Parameter TestDatabase.Backend backend;

  private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T07:45:00Z");
  private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T11:00:00Z");

  @TempDir Path tempDir;
  private Database database;

  @BeforeEach
  void openDatabase() {
    database = TestDatabase.open(backend, tempDir);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private ImportResult importAs(String actor, Instant at, String file, String profile) {
    Importer importer = new Importer(database, Clock.fixed(at, ZoneId.of("Europe/Berlin")), actor);
    return importer.importFile(
        FileParser.parse(sample(file), Profiles.load(profile), "OPERATING-EUR"), "OPERATING-EUR");
  }

  @Test
  void everyImportedFileRecordsWhoImportedItAndWhen() {
    ImportResult bank =
        importAs("alice", MONDAY_MORNING, "bank/statement-2026-11-02_to_06.csv", "bank");
    ImportResult ledger = importAs("bob", MONDAY_NOON, "ledger/gl-1200-2026-11.csv", "ledger");

    assertThat(auditRows(database))
        .extracting(
            ImportFixtures.AuditRow::action,
            ImportFixtures.AuditRow::entityType,
            ImportFixtures.AuditRow::entityId,
            ImportFixtures.AuditRow::actor,
            row -> row.at().toInstant())
        .containsExactly(
            tuple("IMPORT_FILE", "imported_file", bank.fileId(), "alice", MONDAY_MORNING),
            tuple("IMPORT_FILE", "imported_file", ledger.fileId(), "bob", MONDAY_NOON));
    assertThat(fileRows(database))
        .extracting(
            ImportFixtures.FileRow::id,
            ImportFixtures.FileRow::importedBy,
            row -> row.importedAt().toInstant())
        .containsExactly(
            tuple(bank.fileId(), "alice", MONDAY_MORNING),
            tuple(ledger.fileId(), "bob", MONDAY_NOON));
    DatabaseInvariants.check(database);
  }

  @Test
  void aSecondImportOfTheSameBytesKeepsTheFirstImportersNameAndTime() {
    importAs("alice", MONDAY_MORNING, "bank/statement-2026-11-02_to_06.csv", "bank");

    ImportResult again =
        importAs("bob", MONDAY_NOON, "bank/statement-2026-11-02_to_06.csv", "bank");

    assertThat(again.alreadyImported()).isTrue();
    assertThat(auditRows(database))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.actor()).isEqualTo("alice");
              assertThat(row.at().toInstant()).isEqualTo(MONDAY_MORNING);
            });
    DatabaseInvariants.check(database);
  }
}
