package dev.recon.matching;

import static dev.recon.matching.DatabaseFixture.BANK_HEADER;
import static dev.recon.matching.DatabaseFixture.LEDGER_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.MatchStore;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class MatchRunnerTest {
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

  private void importText(String name, String profile, String text) {
    DatabaseFixture.importText(database, name, profile, "OPS", text);
  }

  private int count(java.util.function.Function<dev.recon.persistence.Transaction, Integer> query) {
    return database.inTransaction(query);
  }

  private MatchRunner.RunSummary match() {
    return DatabaseFixture.automaticRun(database);
  }

  @Test
  void rerunningMatchingChangesNoGroupAndNoException() {
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER
            + "02.11.2026;02.11.2026;;100,00;EUR;A;INV-2026-0001\n"
            + "03.11.2026;03.11.2026;;55,00;EUR;B;INV-2026-0002\n");
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-02,D1,1200,Receipt,100.00,,EUR,INV-2026-0001\n");

    MatchRunner.RunSummary first = match();
    MatchRunner.RunSummary second = match();

    assertThat(first.groupsCreated()).isEqualTo(1);
    assertThat(first.exceptionsOpened()).isEqualTo(1);
    assertThat(second.groupsCreated()).isZero();
    assertThat(second.exceptionsOpened()).isZero();
    assertThat(count(tx -> tx.matches().countGroups(MatchStore.ACCEPTED))).isEqualTo(1);
    assertThat(count(tx -> tx.exceptions().countOpen())).isEqualTo(1);
  }

  @Test
  void aCounterpartArrivingLaterClosesTheExceptionWithTheReason() {
    importText(
        "bank.csv", "bank", BANK_HEADER + "03.11.2026;03.11.2026;;55,00;EUR;B;INV-2026-0002\n");
    assertThat(match().exceptionsOpened()).isEqualTo(1);

    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-04,D2,1200,Receipt,55.00,,EUR,INV-2026-0002\n");
    MatchRunner.RunSummary later = match();

    assertThat(later.groupsCreated()).isEqualTo(1);
    assertThat(later.exceptionsResolved()).isEqualTo(1);
    assertThat(count(tx -> tx.exceptions().countOpen())).isZero();
  }

  @Test
  void everyAutomaticMatchIsAuditedWithItsRuleSetVersion() {
    importText(
        "bank.csv", "bank", BANK_HEADER + "02.11.2026;02.11.2026;;100,00;EUR;A;INV-2026-0001\n");
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-02,D1,1200,Receipt,100.00,,EUR,INV-2026-0001\n");

    match();

    // The audit row carries the same version: DatabaseInvariants checks it after every test.
    assertThat(count(tx -> tx.audit().count("MATCH_ACCEPTED"))).isEqualTo(1);
    List<ReportStore.GroupMember> members =
        database.inTransaction(tx -> tx.reports().acceptedGroupMembers());
    assertThat(members)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.ruleSetVersion()).isEqualTo(RuleSet.standard().version()));
    assertThat(count(tx -> tx.exceptions().countOpen())).isZero();
  }

  @Test
  void ambiguousSuggestionsAndTheirExceptionsAreNotDuplicatedByARerun() {
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER
            + "10.11.2026;10.11.2026;;30,00;EUR;Alice;Cheque INV-2026-0030\n"
            + "10.11.2026;10.11.2026;;30,00;EUR;Bob;Cheque INV-2026-0030\n");
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER
            + "2026-11-10,D1,1200,Receipt Alice,30.00,,EUR,INV-2026-0030\n"
            + "2026-11-10,D2,1200,Receipt Bob,30.00,,EUR,INV-2026-0030\n");

    MatchRunner.RunSummary first = match();
    MatchRunner.RunSummary second = match();

    // One suggestion names the rivals; all four items wait for review as AMBIGUOUS.
    assertThat(first.groupsCreated()).isZero();
    assertThat(first.suggestionsCreated()).isEqualTo(1);
    assertThat(first.exceptionsOpened()).isEqualTo(4);
    assertThat(second.suggestionsCreated()).isZero();
    assertThat(second.exceptionsOpened()).isZero();
    assertThat(count(tx -> tx.matches().countGroups(MatchStore.SUGGESTED))).isEqualTo(1);
  }

  @Test
  void aPayoutGroupCarriesItsGatewayFeesForTheCorrectionStep() {
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER + "04.11.2026;04.11.2026;;2.018,75;EUR;Stripe;STRIPE PAYOUT po_1QfeeTest\n");
    DatabaseFixture.importText(
        database,
        "stripe.csv",
        "stripe-balance",
        "STRIPE",
        ("id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),"
            + "Description,Customer Facing Amount,Customer Facing Currency,Transfer,"
            + "Transfer Date (UTC),Transfer Group\n"
            + "t1,charge,ch_1,1200.00,18.25,1181.75,eur,2026-11-01 09:14,2026-11-03 00:00,"
            + "x,1200.00,eur,po_1QfeeTest,2026-11-04 00:00,\n"
            + "t2,charge,ch_2,850.00,13.00,837.00,eur,2026-11-01 11:02,2026-11-03 00:00,"
            + "y,850.00,eur,po_1QfeeTest,2026-11-04 00:00,\n"));

    assertThat(match().groupsCreated()).isEqualTo(1);

    List<ReportStore.GroupMember> members =
        database.inTransaction(tx -> tx.reports().acceptedGroupMembers());
    assertThat(members)
        .hasSize(3)
        .allSatisfy(member -> assertThat(member.ruleName()).isEqualTo("Gateway payout to bank"))
        .allSatisfy(member -> assertThat(member.feeTotalMinor()).isEqualTo(31_25));
  }

  @Test
  void anOpenExceptionIsBroughtUpToDateWhenItsItemBecomesAmbiguous() {
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-10,D1,1200,Receipt,30.00,,EUR,INV-2026-0030\n");
    match();
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER
            + "10.11.2026;10.11.2026;;30,00;EUR;Alice;Cheque INV-2026-0030\n"
            + "10.11.2026;10.11.2026;;30,00;EUR;Bob;Cheque INV-2026-0030\n");

    MatchRunner.RunSummary later = match();

    java.util.Map<Long, dev.recon.persistence.ExceptionStore.OpenException> open =
        database.inTransaction(tx -> tx.exceptions().openDetailsByItem());
    assertThat(later.exceptionsOpened()).isEqualTo(2);
    assertThat(open.values())
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.type()).isEqualTo("AMBIGUOUS"))
        .allSatisfy(e -> assertThat(e.reason()).startsWith("Ambiguous: "));
  }

  private static final String GATEWAY_HEADER =
      "Date,Type,Gross,Fee,Net,Currency,Payout ID,Reference,Customer,Description\n";

  @Test
  void chargesSettledInOneRunAreBookedAgainstTheLedgerInALaterOne() {
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER + "05.11.2026;05.11.2026;;194,00;EUR;STRIPE;STRIPE PAYOUT po_7\n");
    DatabaseFixture.importText(
        database,
        "stripe.csv",
        "gateway",
        "STRIPE",
        GATEWAY_HEADER
            + "2026-11-02,charge,100.00,3.00,97.00,EUR,po_7,ch_1,A,Invoice INV-2026-0101\n"
            + "2026-11-03,charge,100.00,3.00,97.00,EUR,po_7,ch_2,B,Invoice INV-2026-0102\n"
            + "2026-11-04,charge,50.00,1.50,48.50,EUR,po_8,ch_3,C,Invoice INV-2026-0103\n");
    MatchRunner.RunSummary settled = match();
    assertThat(settled.groupsCreated()).as("the payout").isEqualTo(1);
    assertThat(settled.exceptionsOpened()).as("the charge awaiting payout po_8").isEqualTo(1);

    DatabaseFixture.importText(
        database,
        "gl-1361.csv",
        "ledger",
        "STRIPE",
        LEDGER_HEADER
            + "2026-11-02,S1,1361,Sale,100.00,,EUR,INV-2026-0101\n"
            + "2026-11-03,S2,1361,Sale,100.00,,EUR,INV-2026-0102\n"
            + "2026-11-04,S3,1361,Sale,50.00,,EUR,INV-2026-0103\n");
    MatchRunner.RunSummary booked = match();
    MatchRunner.RunSummary again = match();

    assertThat(booked.groupsCreated()).as("three sales").isEqualTo(3);
    assertThat(booked.exceptionsResolved())
        .as("booking does not settle the charge awaiting payout")
        .isZero();
    assertThat(again.groupsCreated()).isZero();
    assertThat(again.exceptionsOpened()).isZero();
    assertThat(count(tx -> tx.matches().countGroups(MatchStore.ACCEPTED))).isEqualTo(4);
    assertThat(count(tx -> tx.exceptions().countOpen())).isEqualTo(1);
    List<dev.recon.facts.Item> open = database.inTransaction(tx -> tx.items().unmatched());
    assertThat(open).extracting(item -> item.fact().reference()).containsExactly("INV20260103");
  }
}
