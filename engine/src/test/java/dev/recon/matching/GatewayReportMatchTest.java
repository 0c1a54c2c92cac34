package dev.recon.matching;

import static dev.recon.matching.DatabaseFixture.BANK_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A gateway report read by its own reader feeds the existing payout matching: the bank line of a
 * Stripe payout equals the net of the items the payout reconciliation report lists for it.
 */
@EveryDatabase
class GatewayReportMatchTest {
  private static final Path STRIPE =
      Path.of("../samples/formats/stripe-payout-reconciliation-po_1QpayC3.csv");

  @Parameter TestDatabase.Backend backend;

  @TempDir Path tempDir;
  private Database database;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, tempDir);
  }

  @AfterEach
  void checkInvariantsAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  private void importStripe() throws IOException {
    InputFile file = InputFile.of(STRIPE.getFileName().toString(), Files.readAllBytes(STRIPE));
    new Importer(database, DatabaseFixture.CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load("gateway"), null), null);
  }

  @Test
  void theBankLineOfAPayoutMatchesTheItemsOfItsReconciliationReport() throws IOException {
    DatabaseFixture.importText(
        database,
        "bank.csv",
        "bank",
        "OPS",
        BANK_HEADER + "10.11.2026;10.11.2026;;1.293,05;EUR;Stripe;STRIPE PAYOUT po_1QpayC3\n");
    importStripe();

    MatchRunner.RunSummary run = DatabaseFixture.automaticRun(database);

    assertThat(run.groupsCreated()).isEqualTo(1);
    List<ReportStore.GroupMember> members =
        database.inTransaction(tx -> tx.reports().acceptedGroupMembers());
    assertThat(members)
        .hasSize(7)
        .allSatisfy(member -> assertThat(member.ruleName()).isEqualTo("Gateway payout to bank"))
        .allSatisfy(
            member ->
                assertThat(member.feeTotalMinor())
                    .as("6.78 + 18.17 + 15.00 + 2.00 of fees")
                    .isEqualTo(4195));
  }

  @Test
  void aBankLineOneCentShortOfThePayoutStaysOpen() throws IOException {
    DatabaseFixture.importText(
        database,
        "bank.csv",
        "bank",
        "OPS",
        BANK_HEADER + "10.11.2026;10.11.2026;;1.293,04;EUR;Stripe;STRIPE PAYOUT po_1QpayC3\n");
    importStripe();

    assertThat(DatabaseFixture.automaticRun(database).groupsCreated()).isZero();
  }
}
