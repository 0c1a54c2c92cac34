package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.facts.Fact;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ISO 20022 camt statements, reports and notifications, read from real message files. */
class CamtImportTest {
  @TempDir Path tempDir;

  private static InputFile file(String name) throws IOException {
    try (InputStream in = CamtImportTest.class.getResourceAsStream("/camt/" + name)) {
      return InputFile.of(name, in.readAllBytes());
    }
  }

  /** An importer acting as alice at a fixed instant. */
  private static Importer alice(Database database, String instant) {
    return new Importer(database, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), "alice");
  }

  private static ParsedFile parse(String name) throws IOException {
    return FileParser.parse(file(name), Profiles.load("bank"), null);
  }

  @Test
  void aVersion8StatementGivesOneItemPerBookedEntryAndPerBatchedTransaction() throws IOException {
    ParsedFile parsed = parse("statement-v08.xml");

    assertThat(parsed.format()).isEqualTo(FileFormat.CAMT);
    assertThat(parsed.facts())
        .extracting(FactText::of)
        .containsExactly(
            "DE89370400440532013000 1250.00 EUR 2026-11-02 ref=INV20261001"
                + " cp=NORDWIND LOGISTIK @27",
            "DE89370400440532013000 -2400.00 EUR 2026-11-02 ref=RENT202611"
                + " cp=HAUSVERWALTUNG MITTE @43",
            "DE89370400440532013000 100.00 EUR 2026-11-05 ref=RF18539007547034" + " cp=ALPHA @67",
            "DE89370400440532013000 200.00 EUR 2026-11-05 ref=INV20263002" + " cp=BETA @73");
    assertThat(parsed.facts().get(0).valueDate()).isEqualTo(LocalDate.of(2026, 11, 3));
    assertThat(parsed.facts().get(2).text()).startsWith("[entry BANKREF-0003]");
    assertThat(parsed.ignoredRows()).as("the pending entry").isEqualTo(1);
    assertThat(parsed.balanceChecks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.agrees()).isTrue();
              assertThat(check.openingMinor()).isEqualTo(1_000_000);
              assertThat(check.closingMinor()).isEqualTo(915_000);
            });
  }

  @Test
  void aVersion2StatementAndANotificationRead() throws IOException {
    assertThat(parse("statement-v02.xml").facts())
        .extracting(FactText::of)
        .containsExactly("0532013000 980.40 CHF 2026-11-03 ref=INV20261002 cp=GAMMA @8");
    Fact fee = parse("notification-054.xml").facts().get(0);
    assertThat(fee.amount().minor()).isEqualTo(-1250);
    assertThat(fee.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 4));
    assertThat(fee.text()).isEqualTo("Kontofuehrungsgebuehr");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Backend.class)
  void aStatementWhoseBalancesDoNotAddUpIsStoredWithAnExceptionOnTheAccount(
      TestDatabase.Backend backend) throws IOException {
    try (Database database = TestDatabase.open(backend, tempDir)) {
      Importer importer = alice(database, "2026-11-07T08:00:00Z");

      ImportResult result = importer.importFile(parse("balance-break.xml"), null);

      assertThat(result.added()).isEqualTo(4);
      assertThat(result.describe())
          .contains(
              "BALANCES DO NOT AGREE: statement STMT-2026-11-06 of account DE89370400440532013000"
                  + " (balance-break.xml:8): opening balance 10000.00 EUR plus booked entries"
                  + " -850.00 EUR is 9150.00 EUR, but the closing balance is 9160.00 EUR (a"
                  + " difference of 10.00 EUR)");
      int open = database.inTransaction(tx -> tx.exceptions().countOpen());
      assertThat(open).isEqualTo(1);
      DatabaseInvariants.check(database);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Backend.class)
  void aStreamedImportStoresTheCounterpartyIbanTransactionCodeAndEndToEndId(
      TestDatabase.Backend backend) {
    Path sample = Path.of("..", "samples", "formats", "camt053-2026-11-09.xml");
    try (Database database = TestDatabase.open(backend, tempDir)) {
      Importer importer = alice(database, "2026-11-10T08:00:00Z");

      ImportResult result =
          importer.importCamt(sample, FileParser.sha256(sample), Profiles.load("bank"), null);

      assertThat(result.added()).isEqualTo(6);
      List<Fact> stored =
          database.inTransaction(tx -> tx.items().unmatched()).stream()
              .map(dev.recon.facts.Item::fact)
              .toList();
      assertThat(stored.get(0).counterpartyIban()).isEqualTo("DE02120300000000202051");
      assertThat(stored.get(0).bankTransactionCode()).isEqualTo("PMNT/RCDT/ESCT");
      assertThat(stored.get(0).bankTransactionCodeProprietary()).isEqualTo("NTRF+166");
      assertThat(stored.get(0).endToEndId()).isEqualTo("E2E-NW-1001");
      assertThat(stored.get(1).counterpartyIban()).isEqualTo("DE44500105175407324931");
      assertThat(stored.get(2).endToEndId()).isEqualTo("E2E-A-1");
      DatabaseInvariants.check(database);
    }
  }

  @Test
  void brokenFilesAreRefusedWithWhereAndWhat() {
    assertThatThrownBy(() -> parse("truncated.xml"))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("truncated.xml:")
        .hasMessageContaining("the XML is broken or cut off");
    assertThatThrownBy(() -> parse("bad-amount.xml"))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "bad-amount.xml:44: element /Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt: \"24O0.00\""
                + " is not an amount");
    assertThatThrownBy(() -> parse("payment-initiation.xml"))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("is XML but not an ISO 20022 camt.052, camt.053 or camt.054 message");
    assertThatThrownBy(
            () -> FileParser.parse(file("statement-v08.xml"), Profiles.load("ledger"), null))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("import it as a bank file (--source bank)");
  }

  @Test
  void aDtdOrExternalEntityIsNeverFollowed() {
    String hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>"
            + "<Stmt><Acct><Id><IBAN>X</IBAN></Id></Acct><Ntry><Amt Ccy=\"EUR\">1.00</Amt>"
            + "<CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-02</Dt></BookgDt>"
            + "<AddtlNtryInf>&x;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>";
    List<Fact> facts;
    try {
      facts =
          FileParser.parse(
                  InputFile.of(
                      "hostile.xml", hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  Profiles.load("bank"),
                  null)
              .facts();
    } catch (BadInput refused) {
      return;
    }
    assertThat(facts).allSatisfy(f -> assertThat(String.valueOf(f.text())).doesNotContain("root:"));
  }
}
