package dev.recon.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.recon.facts.Side;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportFixtures;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The report's figures against a real database (H2 and PostgreSQL): reconciliation statements,
 * aging buckets, run and period selection, corrections, and the streamed rows.
 */
@EveryDatabase
class ReconciliationReportTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
  private static final String IBAN = "DE89370400440532013000";
  private static final String LEDGER_HEADER =
      "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n";
  private static final String BANK_HEADER =
      "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n";

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  private Database database;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, tempDir);
  }

  @AfterEach
  void checkAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  private void importText(String name, String profile, String account, String text) {
    InputFile file = InputFile.of(name, text.getBytes(StandardCharsets.UTF_8));
    new Importer(database, CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load(profile), account), account);
  }

  /**
   * The camt.053 statement of 2 to 5 Nov 2026: opening 10,000.00, four entries, closing 9,150.00.
   */
  private void importCamtStatement() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/camt/statement-v08.xml")) {
      InputFile file = InputFile.of("statement-v08.xml", in.readAllBytes());
      new Importer(database, CLOCK, "tester")
          .importFile(FileParser.parse(file, Profiles.load("bank"), null), null);
    }
  }

  private MatchRunner.RunSummary match() {
    return new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());
  }

  private ReportSummary summary(ReportScope scope) {
    return database.inTransaction(tx -> ReportSummary.build(tx, scope));
  }

  private static ReconciliationStatement statementOf(ReportSummary summary, String account) {
    return summary.statements().stream()
        .filter(s -> s.account().equals(account))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement for " + account));
  }

  @Test
  void theBankStatementsBalanceIsReconciledToTheLedgerWithNothingUnexplained() throws IOException {
    importCamtStatement();
    // Two of the statement's four entries are booked; one receipt is booked but not yet paid.
    importText(
        "gl.csv",
        "ledger",
        IBAN,
        LEDGER_HEADER
            + "2026-11-02,D1,1200,Receipt Nordwind,1250.00,,EUR,INV-2026-1001\n"
            + "2026-11-01,D2,1200,Rent November,,2400.00,EUR,RENT-2026-11\n"
            + "2026-11-05,D3,1200,Expected receipt,640.00,,EUR,INV-2026-1010\n");
    match();

    ReconciliationStatement s =
        statementOf(summary(ReportScope.upTo(LocalDate.of(2026, 11, 30))), IBAN);

    assertThat(s.openingMinor()).isEqualTo(1_000_000);
    assertThat(s.bankClosingMinor()).as("the statement's closing balance").isEqualTo(915_000);
    assertThat(s.bankLines().count()).isEqualTo(4);
    assertThat(s.ledgerBalanceMinor()).isEqualTo(1_000_000 + 125_000 - 240_000 + 64_000);
    assertThat(s.reconcilingItems())
        .extracting(
            ReconciliationStatement.Line::label,
            ReconciliationStatement.Line::count,
            ReconciliationStatement.Line::amountMinor)
        .containsExactly(
            tuple("In the bank, not in the ledger: no matching line", 2L, 10_000L + 20_000L),
            tuple("In the ledger, not in the bank: no matching line", 1L, -64_000L));
    assertThat(s.differenceMinor()).isEqualTo(915_000 - 949_000);
    assertThat(s.unexplainedMinor()).isZero();
  }

  @Test
  void aBankLineTheStatementDoesNotHoldIsLeftUnexplained() throws IOException {
    importCamtStatement();
    // A bank line of the same account from another export, which the statement's balances do not
    // include, matched to its ledger line: the statement and the lines no longer agree.
    importText(
        "extra.csv",
        "bank",
        IBAN,
        BANK_HEADER + "20.11.2026;20.11.2026;;50,00;EUR;Someone;INV-2026-7777\n");
    importText(
        "gl.csv",
        "ledger",
        IBAN,
        LEDGER_HEADER + "2026-11-20,D9,1200,Receipt Someone,50.00,,EUR,INV-2026-7777\n");
    match();

    ReconciliationStatement s =
        statementOf(summary(ReportScope.upTo(LocalDate.of(2026, 11, 30))), IBAN);

    assertThat(s.bankLines().count()).isEqualTo(5);
    assertThat(s.unexplainedMinor()).isEqualTo(-5_000);
  }

  @Test
  void aGroupWhoseBankLineIsBookedAfterTheDateIsATimingItem() {
    importSamples();
    match();

    // The rent is booked in the ledger on 1 Nov and leaves the bank on 2 Nov.
    ReportSummary onFirst = summary(ReportScope.upTo(LocalDate.of(2026, 11, 1)));
    ReconciliationStatement s = statementOf(onFirst, "OPERATING-EUR");

    assertThat(s.bankLines().count()).isZero();
    assertThat(s.ledgerLines().count()).isEqualTo(1);
    assertThat(s.reconcilingItems())
        .extracting(
            ReconciliationStatement.Line::label,
            ReconciliationStatement.Line::count,
            ReconciliationStatement.Line::amountMinor)
        .containsExactly(tuple("Matched with lines booked after 2026-11-01", 1L, 240_000L));
    assertThat(s.unexplainedMinor()).isZero();
    ReconciliationStatement atEnd =
        statementOf(summary(ReportScope.upTo(LocalDate.of(2026, 11, 12))), "OPERATING-EUR");
    assertThat(atEnd.reconcilingItems())
        .extracting(ReconciliationStatement.Line::label)
        .doesNotContain("Matched with lines booked after 2026-11-12")
        .contains("Amount differences in matched groups", "Bank lines settled by gateway payouts");
    assertThat(atEnd.unexplainedMinor()).isZero();
  }

  @Test
  void openItemsFallIntoAgingBucketsWithInclusiveBounds() throws IOException {
    LocalDate asOf = LocalDate.of(2026, 11, 30);
    StringBuilder ledger = new StringBuilder(LEDGER_HEADER);
    int[] ages = {0, 2, 3, 7, 8, 30, 31, 400};
    for (int i = 0; i < ages.length; i++) {
      ledger
          .append(asOf.minusDays(ages[i]))
          .append(",D")
          .append(i)
          .append(",1200,Age ")
          .append(ages[i])
          .append(",")
          .append(10 + i)
          .append(".00,,EUR,REF-AGE-")
          .append(i)
          .append('\n');
    }
    importText("ages.csv", "ledger", "OPS", ledger.toString());
    match();

    ReportSummary summary = summary(ReportScope.upTo(asOf));

    assertThat(summary.aging())
        .extractingFromEntries(e -> e.getKey(), e -> e.getValue().get(Side.LEDGER)[0])
        .containsExactly(
            tuple(AgingBucket.DAYS_0_2, 2L),
            tuple(AgingBucket.DAYS_3_7, 2L),
            tuple(AgingBucket.DAYS_8_30, 2L),
            tuple(AgingBucket.OVER_30, 2L));
    Path out = tempDir.resolve("r.csv");
    ReportWriter.write(database, ReportScope.upTo(asOf), out);
    assertThat(readCsv(out.resolveSibling("r-exceptions.csv")))
        .extracting(row -> row.get("Age (days)"), row -> row.get("Aging bucket"))
        .containsExactly(
            tuple("400", "over 30 days"),
            tuple("31", "over 30 days"),
            tuple("30", "8-30 days"),
            tuple("8", "8-30 days"),
            tuple("7", "3-7 days"),
            tuple("3", "3-7 days"),
            tuple("2", "0-2 days"),
            tuple("0", "0-2 days"));
  }

  @Test
  void aRunsReportHoldsOnlyTheGroupsThatRunMade() {
    importSamples();
    long first = match().runId();
    importText(
        "more.csv",
        "ledger",
        "OPERATING-EUR",
        LEDGER_HEADER + "2026-11-05,D77,1200,Account fee,,12.50,EUR,\n");
    importText(
        "more-bank.csv",
        "bank",
        "OPERATING-EUR",
        BANK_HEADER + "12.11.2026;12.11.2026;;77,00;EUR;Late;INV-2026-5555\n");
    importText(
        "more-gl.csv",
        "ledger",
        "OPERATING-EUR",
        LEDGER_HEADER + "2026-11-12,D78,1200,Late,77.00,,EUR,INV-2026-5555\n");
    long second = match().runId();

    List<ReportStore.GroupRow> ofSecond = new ArrayList<>();
    List<ReportStore.GroupRow> all = new ArrayList<>();
    database.inTransaction(
        tx -> {
          tx.reports()
              .streamGroupMembers(new ReportStore.Period(null, null, second), ofSecond::add);
          tx.reports().streamGroupMembers(new ReportStore.Period(null, null, null), all::add);
          return null;
        });

    assertThat(ofSecond).isNotEmpty().allSatisfy(row -> assertThat(row.runId()).isEqualTo(second));
    assertThat(all).anySatisfy(row -> assertThat(row.runId()).isEqualTo(first));
    assertThat(all)
        .extracting(row -> row.member().item().id())
        .containsExactlyElementsOf(
            database.inTransaction(tx -> tx.reports().acceptedGroupMembers()).stream()
                .map(member -> member.item().id())
                .toList());
    ReportSummary summary = summary(ReportScope.run(second, LocalDate.of(2026, 11, 12)));
    assertThat(summary.rules().stream().mapToLong(ReportSummary.RuleLine::groups).sum())
        .isEqualTo(ofSecond.stream().map(r -> r.member().groupId()).distinct().count());
  }

  @Test
  void correctionsAreListedWithTheirApprovalStateAndFormulaLikeTextNeutralised()
      throws IOException {
    importSamples();
    match();
    insertCorrection(1, "PROPOSED", "=HYPERLINK(\"http://x\")", new String[] {"6855", "1200"}, 250);
    insertCorrection(2, "APPROVED", "Bank fee November", new String[] {"6855", "1200"}, 1250);

    Path out = tempDir.resolve("r.csv");
    ReportWriter.write(database, ReportScope.upTo(LocalDate.of(2026, 11, 12)), out);

    assertThat(readCsv(out.resolveSibling("r-corrections.csv")))
        .extracting(
            row -> row.get("Approval state"),
            row -> row.get("Amount"),
            row -> row.get("Description"),
            row -> row.get("Journal lines"))
        .containsExactly(
            tuple("proposed", "2.50", "'=HYPERLINK(\"http://x\")", "Dr 6855 2.50; Cr 1200 2.50"),
            tuple("approved", "12.50", "Bank fee November", "Dr 6855 12.50; Cr 1200 12.50"));
  }

  private void insertCorrection(
      int n, String status, String description, String[] accounts, long minor) {
    ImportFixtures.execute(
        database,
        "INSERT INTO correction (idempotency_key, kind, status, currency, description, proposed_by,"
            + " proposed_at) VALUES ('key-"
            + n
            + "', 'BANK_FEE', '"
            + status
            + "', 'EUR', '"
            + description.replace("'", "''")
            + "', 'tester', TIMESTAMP WITH TIME ZONE '2026-11-12 08:00:00+00')");
    String id = "(SELECT id FROM correction WHERE idempotency_key = 'key-" + n + "')";
    ImportFixtures.execute(
        database,
        "INSERT INTO correction_line (correction_id, account_code, debit_minor, credit_minor)"
            + " VALUES ("
            + id
            + ", '"
            + accounts[0]
            + "', "
            + minor
            + ", 0)");
    ImportFixtures.execute(
        database,
        "INSERT INTO correction_line (correction_id, account_code, debit_minor, credit_minor)"
            + " VALUES ("
            + id
            + ", '"
            + accounts[1]
            + "', 0, "
            + minor
            + ")");
  }

  private void importSamples() {
    for (String[] file :
        List.of(
            new String[] {"bank/statement-2026-11-02_to_06.csv", "bank", "OPERATING-EUR"},
            new String[] {"bank/statement-2026-11-05_to_11.csv", "bank", "OPERATING-EUR"},
            new String[] {"ledger/gl-1200-2026-11.csv", "ledger", "OPERATING-EUR"},
            new String[] {"gateway/stripe-balance-2026-11.csv", "stripe-balance", "STRIPE"},
            new String[] {"ledger/gl-1361-stripe-clearing-2026-11.csv", "ledger", "STRIPE"})) {
      new Importer(database, CLOCK, "tester")
          .importFile(
              FileParser.parse(ImportFixtures.sample(file[0]), Profiles.load(file[1]), file[2]),
              file[2]);
    }
  }

  private static List<Map<String, String>> readCsv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords()
          .stream()
          .map(CSVRecord::toMap)
          .toList();
    }
  }
}
