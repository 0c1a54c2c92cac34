package dev.recon.matching;

import static dev.recon.matching.DatabaseFixture.LEDGER_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.ParsedFile;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A camt.053 entry that batches 25 transactions imports as 25 bank items, and the single ledger
 * posting of the batch total still matches them: many-to-one through the engine's match run.
 */
@EveryDatabase
class BatchedEntryMatchTest {
  private static final int TRANSACTIONS = 25;
  private static final String ACCOUNT = "DE89370400440532013000";

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

  /** Transaction i collects 10.00 + i * 1.37 EUR from customer i, each with its own reference. */
  private static long amountMinor(int i) {
    return 1000 + i * 137L;
  }

  private static String statement(String batchId, long entryMinor) {
    StringBuilder txs = new StringBuilder();
    for (int i = 1; i <= TRANSACTIONS; i++) {
      txs.append(
          String.format(
              Locale.ROOT,
              "<TxDtls><Refs><EndToEndId>DD-%02d</EndToEndId></Refs>"
                  + "<Amt Ccy=\"EUR\">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                  + "<RltdPties><Dbtr><Pty><Nm>Customer %02d</Nm></Pty></Dbtr></RltdPties>"
                  + "<RmtInf><Ustrd>Membership fee M-%04d</Ustrd></RmtInf></TxDtls>\n",
              i,
              decimal(amountMinor(i)),
              i,
              i));
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>\n"
        + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-10T06:00:00</CreDtTm></GrpHdr>\n"
        + "<Stmt><Id>S-BATCH</Id><Acct><Id><IBAN>"
        + ACCOUNT
        + "</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
        + "<Ntry><Amt Ccy=\"EUR\">"
        + decimal(entryMinor)
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        + "<BookgDt><Dt>2026-11-09</Dt></BookgDt><ValDt><Dt>2026-11-09</Dt></ValDt>"
        + "<AcctSvcrRef>BK-0001</AcctSvcrRef>\n"
        + "<NtryDtls><Btch><PmtInfId>"
        + batchId
        + "</PmtInfId><NbOfTxs>25</NbOfTxs></Btch>\n"
        + txs
        + "</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>\n";
  }

  private static String decimal(long minor) {
    return String.format(Locale.ROOT, "%d.%02d", minor / 100, minor % 100);
  }

  private static long batchTotalMinor() {
    long total = 0;
    for (int i = 1; i <= TRANSACTIONS; i++) {
      total += amountMinor(i);
    }
    return total;
  }

  private ImportResult importBank(String batchId) {
    InputFile file =
        InputFile.of(
            "camt053-batch.xml",
            statement(batchId, batchTotalMinor()).getBytes(StandardCharsets.UTF_8));
    ParsedFile parsed = FileParser.parse(file, Profiles.load("bank"), null);
    return new Importer(database, DatabaseFixture.CLOCK, "tester").importFile(parsed, null);
  }

  private void importLedger(String reference, long minor) {
    DatabaseFixture.importText(
        database,
        "gl-1200.csv",
        "ledger",
        ACCOUNT,
        LEDGER_HEADER
            + "2026-11-09,DOC-77,1200,Direct debit collection November,"
            + decimal(minor)
            + ",,EUR,"
            + reference
            + "\n");
  }

  @Test
  void twentyFiveBatchedTransactionsImportAsTwentyFiveItemsAndMatchTheBatchTotal() {
    ImportResult imported = importBank("COLL-2026-11-09");
    importLedger("COLL-2026-11-09", batchTotalMinor());

    assertThat(imported.records()).isEqualTo(TRANSACTIONS);
    assertThat(imported.added()).isEqualTo(TRANSACTIONS);
    MatchRunner.RunSummary run = DatabaseFixture.automaticRun(database);

    assertThat(run.groupsCreated()).isEqualTo(1);
    assertThat(run.itemsMatched()).isEqualTo(TRANSACTIONS + 1);
    List<ReportStore.GroupMember> members =
        database.inTransaction(tx -> tx.reports().acceptedGroupMembers());
    assertThat(members)
        .hasSize(TRANSACTIONS + 1)
        .allSatisfy(
            member ->
                assertThat(member.ruleName())
                    .isEqualTo("Batch: ledger line to a bank entry's batched transactions"));
    assertThat(DatabaseFixture.automaticRun(database).groupsCreated())
        .as("a second run changes nothing")
        .isZero();
  }

  @Test
  void eachBatchedTransactionKeepsItsOwnAmountReferenceAndCounterparty() {
    InputFile file =
        InputFile.of(
            "camt053-batch.xml",
            statement("COLL-2026-11-09", batchTotalMinor()).getBytes(StandardCharsets.UTF_8));
    List<Fact> facts = FileParser.parse(file, Profiles.load("bank"), null).facts();

    assertThat(facts).hasSize(TRANSACTIONS);
    assertThat(facts.get(0).amount().minor()).isEqualTo(amountMinor(1));
    assertThat(facts.get(24).amount().minor()).isEqualTo(amountMinor(25));
    assertThat(facts.get(24).referenceRaw()).isEqualTo("DD-25");
    assertThat(facts.get(24).counterpartyRaw()).isEqualTo("Customer 25");
    assertThat(facts).extracting(Fact::payoutId).containsOnly("COLL-2026-11-09");
  }

  @Test
  void aLedgerPostingOneCentOffTheBatchTotalDoesNotMatch() {
    importBank("COLL-2026-11-09");
    importLedger("COLL-2026-11-09", batchTotalMinor() - 1);

    assertThat(DatabaseFixture.automaticRun(database).groupsCreated()).isZero();
  }
}
