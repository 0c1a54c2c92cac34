package dev.recon.importing;

import static dev.recon.importing.TestFiles.BANK_HEADER;
import static dev.recon.importing.TestFiles.GATEWAY_HEADER;
import static dev.recon.importing.TestFiles.LEDGER_HEADER;
import static dev.recon.importing.TestFiles.STRIPE_HEADER;
import static dev.recon.importing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvParsingTest {
  @TempDir Path dir;

  private static Money eur(String decimal) {
    return Money.ofDecimal(new BigDecimal(decimal), Currencies.of("EUR"));
  }

  @Nested
  class BankStatement {
    private ParsedFile parse(String rows) {
      return FileParser.parse(
          write(dir, "bank.csv", BANK_HEADER + rows), Profiles.load("bank"), "ACC");
    }

    @Test
    void aLargeFileGivesItsRecordsInFileOrderAndItsFirstProblemsInLineOrder() {
      // Large enough to be normalized in several chunks at once (RowNormalizer shares it out).
      StringBuilder good = new StringBuilder();
      StringBuilder bad = new StringBuilder();
      for (int i = 1; i <= 90_000; i++) {
        String amount = (i % 997) + "," + String.format(java.util.Locale.ROOT, "%02d", i % 100);
        String row = "02.11.2026;02.11.2026;;" + amount + ";EUR;Payer " + i + ";INV-" + i + "\n";
        good.append(row);
        // Broken amounts on every 1,500th row: 60 of them, spread over every chunk.
        bad.append(i % 1_500 == 0 ? row.replace(";" + amount + ";", ";12x;") : row);
      }

      ParsedFile parsed = parse(good.toString());

      assertThat(parsed.facts()).hasSize(90_000);
      assertThat(parsed.facts().stream().mapToInt(f -> f.origin().line()).toArray())
          .isEqualTo(java.util.stream.IntStream.rangeClosed(2, 90_001).toArray());
      assertThat(parsed.facts().get(45_000).counterpartyRaw()).isEqualTo("Payer 45001");
      BadInput refusal =
          org.junit.jupiter.api.Assertions.assertThrows(
              BadInput.class, () -> parse(bad.toString()));
      assertThat(refusal.problems())
          .extracting(Problem::line)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, RowNormalizer.PROBLEMS_MAX)
                  .mapToObj(k -> k * 1_500 + 1)
                  .toList());
    }

    @Test
    void creditIsMoneyInAndDebitIsMoneyOut() {
      ParsedFile parsed =
          parse(
              "02.11.2026;02.11.2026;;1.250,00;EUR;Nordwind Logistik GmbH;INV-2026-1001\n"
                  + "02.11.2026;03.11.2026;2.400,00;;EUR;Hausverwaltung Schmidt KG;RENT-2026-11\n");

      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(eur("1250.00"), eur("-2400.00"));
    }

    @Test
    void debitWrittenWithAMinusIsStillMoneyOut() {
      ParsedFile parsed = parse("05.11.2026;05.11.2026;-12,50;;EUR;;Account fee\n");

      assertThat(parsed.facts().get(0).amount()).isEqualTo(eur("-12.50"));
    }

    @Test
    void creditWrittenWithAMinusIsStillMoneyIn() {
      ParsedFile parsed = parse("05.11.2026;05.11.2026;;-980,40;EUR;;Payment\n");

      assertThat(parsed.facts().get(0).amount()).isEqualTo(eur("980.40"));
    }

    @Test
    void everyFieldOfABankLineIsKept() {
      Fact fact =
          parse("03.11.2026;04.11.2026;;980,40;EUR;Café Lumen SARL;Payment INV-2026-1002 thanks\n")
              .facts()
              .get(0);

      assertThat(fact.side()).isEqualTo(Side.BANK);
      assertThat(fact.account()).isEqualTo("ACC");
      assertThat(fact.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 3));
      assertThat(fact.valueDate()).isEqualTo(LocalDate.of(2026, 11, 4));
      assertThat(fact.amount()).isEqualTo(eur("980.40"));
      assertThat(fact.reference()).isEqualTo("INV20261002");
      assertThat(fact.referenceRaw()).isNull();
      assertThat(fact.counterparty()).isEqualTo("CAFE LUMEN");
      assertThat(fact.counterpartyRaw()).isEqualTo("Café Lumen SARL");
      assertThat(fact.text()).isEqualTo("Payment INV-2026-1002 thanks");
      assertThat(fact.gross()).isNull();
      assertThat(fact.fee()).isNull();
      assertThat(fact.origin()).isEqualTo(new Origin("bank.csv", 2));
    }

    @Test
    void lineWithoutAReferenceHasNone() {
      Fact fact =
          parse("05.11.2026;05.11.2026;12,50;;EUR;;Account maintenance fee\n").facts().get(0);

      assertThat(fact.reference()).isNull();
      assertThat(fact.counterparty()).isNull();
    }

    @Test
    void totalsAreKeptPerCurrency() {
      ParsedFile parsed =
          parse(
              "02.11.2026;02.11.2026;;1.000,00;EUR;;a\n"
                  + "02.11.2026;02.11.2026;;2.000,50;USD;;b\n"
                  + "02.11.2026;02.11.2026;1.500;;JPY;;c\n"
                  + "02.11.2026;02.11.2026;250,25;;EUR;;d\n");

      assertThat(parsed.totalMinorByCurrency())
          .containsExactly(
              Map.entry("EUR", 74_975L), Map.entry("JPY", -1_500L), Map.entry("USD", 200_050L));
    }

    @Test
    void identicalLinesAreBothKept() {
      ParsedFile parsed =
          parse(
              "11.11.2026;11.11.2026;2,50;;EUR;;Card transaction fee\n"
                  + "11.11.2026;11.11.2026;2,50;;EUR;;Card transaction fee\n");

      assertThat(parsed.facts()).hasSize(2);
      assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(2, 3);
    }

    @Test
    void lineNumbersSurviveBlankLinesAndWindowsLineEnds() {
      ParsedFile parsed =
          FileParser.parse(
              write(
                  dir,
                  "crlf.csv",
                  BANK_HEADER.replace("\n", "\r\n")
                      + "02.11.2026;;;1,00;EUR;;a\r\n"
                      + "\r\n"
                      + "03.11.2026;;;2,00;EUR;;b\r\n"
                      + "04.11.2026;;;3,00;EUR;;c"),
              Profiles.load("bank"),
              "ACC");

      assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(2, 4, 5);
    }

    @Test
    void recordWithAQuotedLineBreakIsLocatedAtTheLineItStartsOn() {
      ParsedFile parsed =
          parse(
              "02.11.2026;;;1,00;EUR;;\"Payment\nINV-2026-1001\"\n" + "03.11.2026;;;2,00;EUR;;b\n");

      assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(2, 4);
      assertThat(parsed.facts().get(0).reference()).isEqualTo("INV20261001");
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsIgnored() {
      ParsedFile parsed =
          FileParser.parse(
              write(dir, "bom.csv", "\uFEFF" + BANK_HEADER + "02.11.2026;;;1,00;EUR;;a\n"),
              Profiles.load("bank"),
              "ACC");

      assertThat(parsed.facts()).hasSize(1);
    }

    @Test
    void headersAreMatchedWhateverTheirCaseAndSurroundingBlanks() {
      ParsedFile parsed =
          FileParser.parse(
              write(
                  dir,
                  "upper.csv",
                  " BOOKING DATE ;value date;DEBIT;credit;Currency;COUNTERPARTY;remittance information\n"
                      + "02.11.2026;;;1,00;EUR;;a\n"),
              Profiles.load("bank"),
              "ACC");

      assertThat(parsed.facts().get(0).amount()).isEqualTo(eur("1.00"));
    }
  }

  @Nested
  class LedgerExport {
    private ParsedFile parse(String rows) {
      return FileParser.parse(
          write(dir, "gl.csv", LEDGER_HEADER + rows), Profiles.load("ledger"), "ACC");
    }

    @Test
    void debitToTheBankAccountIsMoneyInAndCreditIsMoneyOut() {
      ParsedFile parsed =
          parse(
              "2026-11-02,DOC-5001,1200,Receipt Nordwind,\"1,250.00\",,EUR,INV-2026-1001\n"
                  + "2026-11-01,DOC-5002,1200,Rent November,,2400.00,EUR,RENT-2026-11\n");

      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(eur("1250.00"), eur("-2400.00"));
      assertThat(parsed.facts()).extracting(Fact::side).containsOnly(Side.LEDGER);
    }

    @Test
    void referenceColumnIsPreferredAndCleaned() {
      Fact fact =
          parse("2026-11-03,DOC-5003,1200,Receipt INV-2026-9999,980.40,,EUR,INV-2026-1002\n")
              .facts()
              .get(0);

      assertThat(fact.reference()).isEqualTo("INV20261002");
      assertThat(fact.referenceRaw()).isEqualTo("INV-2026-1002");
      assertThat(fact.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void referenceThatDoesNotMatchThePatternIsKeptCleaned() {
      Fact fact = parse("2026-11-03,DOC-5003,1200,Misc,1.00,,EUR,ref 77/a\n").facts().get(0);

      assertThat(fact.reference()).isEqualTo("REF77A");
    }
  }

  @Nested
  class GenericGateway {
    @Test
    void netIsTheAmountAndGrossAndFeeAreKept() {
      ParsedFile parsed =
          FileParser.parse(
              write(
                  dir,
                  "gateway.csv",
                  GATEWAY_HEADER
                      + "2026-11-01,Charge,100.00,2.90,97.10,EUR,po_1,INV-2026-2001,ACME Ltd,Order\n"
                      + "2026-11-02,payout,-97.10,0.00,-97.10,EUR,po_1,,,Payout\n"
                      + "2026-11-02,refund,-40.00,0.00,-40.00,EUR,po_1,INV-2026-2001,ACME Ltd,\n"),
              Profiles.load("gateway"),
              "GW");

      assertThat(parsed.ignoredRows()).isEqualTo(1);
      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(eur("97.10"), eur("-40.00"));
      Fact charge = parsed.facts().get(0);
      assertThat(charge.gross()).isEqualTo(eur("100.00"));
      assertThat(charge.fee()).isEqualTo(eur("2.90"));
      assertThat(charge.kind()).isEqualTo("charge");
      assertThat(charge.payoutId()).isEqualTo("po_1");
      assertThat(charge.counterparty()).isEqualTo("ACME");
      assertThat(charge.side()).isEqualTo(Side.GATEWAY);
    }
  }

  @Nested
  class StripeBalance {
    private ParsedFile parse() {
      return FileParser.parse(
          write(
              dir,
              "stripe.csv",
              STRIPE_HEADER
                  + "txn_1,charge,ch_1,1200.00,18.25,1181.75,eur,2026-11-01 09:14,2026-11-03 00:00,"
                  + "Invoice INV-2026-2001,1200.00,eur,po_A,2026-11-04 00:00,\n"
                  + "txn_2,refund,re_1,-75.00,0.00,-75.00,eur,2026-11-02 15:10,2026-11-04 00:00,"
                  + "Refund for INV-2026-1999,-75.00,eur,po_A,2026-11-04 00:00,\n"
                  + "txn_3,Payout,po_A,-1106.75,0.00,-1106.75,eur,2026-11-04 00:00,2026-11-04 00:00,"
                  + "STRIPE PAYOUT,,,,,\n"
                  + "txn_4,stripe_fee,,-0.41,0.00,-0.41,eur,2026-11-02 23:59,2026-11-04 00:00,"
                  + "Radar fees,,,po_A,2026-11-04 00:00,\n"),
          Profiles.load("stripe-balance"),
          "STRIPE");
    }

    @Test
    void payoutRowsAreIgnoredWhateverTheirCase() {
      ParsedFile parsed = parse();

      assertThat(parsed.ignoredRows()).isEqualTo(1);
      assertThat(parsed.facts())
          .extracting(Fact::kind)
          .as("Stripe's stripe_fee type is a fee")
          .containsExactly("charge", "refund", "fee");
    }

    @Test
    void chargeIsPositiveNetAndRefundIsNegative() {
      assertThat(parse().facts())
          .extracting(Fact::amount)
          .containsExactly(eur("1181.75"), eur("-75.00"), eur("-0.41"));
    }

    @Test
    void grossFeeAndNetAreKeptInLowercaseCurrency() {
      Fact charge = parse().facts().get(0);

      assertThat(charge.gross()).isEqualTo(eur("1200.00"));
      assertThat(charge.fee()).isEqualTo(eur("18.25"));
      assertThat(charge.amount()).isEqualTo(eur("1181.75"));
      assertThat(charge.currencyCode()).isEqualTo("EUR");
    }

    @Test
    void createdTimeIsDroppedAndAvailableOnIsTheValueDate() {
      Fact charge = parse().facts().get(0);

      assertThat(charge.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 1));
      assertThat(charge.valueDate()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void invoiceInTheDescriptionIsTheReferenceAndTransferIsThePayout() {
      ParsedFile parsed = parse();

      assertThat(parsed.facts())
          .extracting(Fact::reference)
          .containsExactly("INV20262001", "INV20261999", null);
      assertThat(parsed.facts().get(0).referenceRaw()).isEqualTo("ch_1");
      assertThat(parsed.facts()).extracting(Fact::payoutId).containsOnly("po_A");
    }

    @Test
    void linesAreCountedIncludingTheIgnoredPayout() {
      assertThat(parse().facts()).extracting(f -> f.origin().line()).containsExactly(2, 3, 5);
    }
  }

  @Nested
  class CustomProfile {
    private Path profile(String properties) {
      return write(dir, "card.properties", properties);
    }

    private static final String CARD =
        "source = bank\n"
            + "delimiter = tab\n"
            + "encoding = ISO-8859-1\n"
            + "skip.rows = 3\n"
            + "date.format = dd/MM/yyyy\n"
            + "column.booking_date = Date\n"
            + "column.amount = Amount\n"
            + "column.counterparty = Payee\n"
            + "column.text = Memo\n"
            + "default.currency = GBP\n"
            + "default.account = CARD-GBP\n"
            + "amount.sign = inverted\n";

    private static final String CARD_FILE =
        "Card statement for account 4711\n"
            + "Exported 03/11/2026\n"
            + "\n"
            + "Date\tAmount\tPayee\tMemo\n"
            + "02/11/2026\t120.00\tMüller Café\tBrötchen\n"
            + "03/11/2026\t-250.00\tBank\tPayment received - thank you\n";

    @Test
    void profileIsNamedAfterItsFile() {
      assertThat(Profiles.load(profile(CARD).toString()).name()).isEqualTo("card");
    }

    @Test
    void invertedSingleAmountColumnTurnsSpendingNegative() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile(CARD).toString()), null);

      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(Money.ofMinor(-12_000, "GBP"), Money.ofMinor(25_000, "GBP"));
    }

    @Test
    void singleAmountColumnIsTakenAsWrittenWithoutInversion() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);
      String normal = CARD.replace("amount.sign = inverted\n", "");

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile(normal).toString()), null);

      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(Money.ofMinor(12_000, "GBP"), Money.ofMinor(-25_000, "GBP"));
    }

    @Test
    void latin1FileIsReadWithItsAccents() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);

      Fact fact =
          FileParser.parse(file, Profiles.load(profile(CARD).toString()), null).facts().get(0);

      assertThat(fact.counterpartyRaw()).isEqualTo("Müller Café");
      assertThat(fact.counterparty()).isEqualTo("MULLER CAFE");
      assertThat(fact.text()).isEqualTo("Brötchen");
    }

    @Test
    void skippedPreambleLinesStillCountInLineNumbers() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile(CARD).toString()), null);

      assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(5, 6);
    }

    @Test
    void defaultAccountAndCurrencyApplyWhenTheFileHasNone() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);

      Fact fact =
          FileParser.parse(file, Profiles.load(profile(CARD).toString()), null).facts().get(0);

      assertThat(fact.account()).isEqualTo("CARD-GBP");
      assertThat(fact.currencyCode()).isEqualTo("GBP");
      assertThat(fact.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void accountGivenByTheUserOverridesTheProfileDefault() {
      Path file = write(dir, "card.tsv", CARD_FILE, StandardCharsets.ISO_8859_1);

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile(CARD).toString()), "OTHER");

      assertThat(parsed.facts()).extracting(Fact::account).containsOnly("OTHER");
    }

    @Test
    void accountColumnIsUsedWhenMapped() {
      Path profile =
          profile(
              "source = ledger\n"
                  + "column.booking_date = Date\n"
                  + "column.amount = Amount\n"
                  + "column.account = Account\n"
                  + "default.currency = EUR\n");
      Path file =
          write(dir, "multi.csv", "Date,Amount,Account\n2026-11-02,1.00,A1\n2026-11-02,2.00,B2\n");

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile.toString()), null);

      assertThat(parsed.facts()).extracting(Fact::account).containsExactly("A1", "B2");
    }

    @Test
    void trailingMinusWithDecimalCommaIsMoneyOut() {
      Path profile =
          profile(
              "source = ledger\n"
                  + "delimiter = ;\n"
                  + "date.format = dd.MM.yyyy\n"
                  + "decimal.comma = true\n"
                  + "column.booking_date = Datum\n"
                  + "column.amount = Betrag\n"
                  + "default.currency = EUR\n");
      Path file =
          write(dir, "sap.csv", "Datum;Betrag\n02.11.2026;1.234,56-\n03.11.2026;1.234,56\n");

      ParsedFile parsed = FileParser.parse(file, Profiles.load(profile.toString()), "ACC");

      assertThat(parsed.facts())
          .extracting(Fact::amount)
          .containsExactly(eur("-1234.56"), eur("1234.56"));
    }
  }
}
