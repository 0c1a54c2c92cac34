package dev.recon.importing;

import static dev.recon.importing.TestFiles.BANK_HEADER;
import static dev.recon.importing.TestFiles.GATEWAY_HEADER;
import static dev.recon.importing.TestFiles.LEDGER_HEADER;
import static dev.recon.importing.TestFiles.refusal;
import static dev.recon.importing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  private static final String POINT_HINT =
      " (this profile reads a decimal point, as in 1,234.50; set decimal.comma=true for 1.234,50)";
  private static final String COMMA_HINT = " (this profile reads a decimal comma, as in 1.234,50)";

  @TempDir Path dir;

  private BadInput refusedByBank(String text) {
    Path file = write(dir, "bank.csv", text);
    return refusal(() -> FileParser.parse(file, Profiles.load("bank"), "ACC"));
  }

  private BadInput refusedByLedger(String text) {
    Path file = write(dir, "gl.csv", text);
    return refusal(() -> FileParser.parse(file, Profiles.load("ledger"), "ACC"));
  }

  @Nested
  class BadFields {
    @Test
    void unparseableAmountNamesItsLineAndColumn() {
      BadInput refused =
          refusedByBank(
              BANK_HEADER
                  + "02.11.2026;02.11.2026;;1.250,00;EUR;;ok\n"
                  + "03.11.2026;03.11.2026;;12,3O;EUR;;typo\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem("bank.csv", 3, "Credit", "\"12,3O\" is not an amount" + COMMA_HINT));
      assertThat(refused)
          .hasMessage("bank.csv:3: column \"Credit\": \"12,3O\" is not an amount" + COMMA_HINT);
    }

    @Test
    void decimalCommaAmountInADecimalPointFileIsRefusedNotReadAsThousands() {
      BadInput refused =
          refusedByLedger(LEDGER_HEADER + "2026-11-02,DOC-1,1200,Receipt,\"12,34\",,EUR,INV-1\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem("gl.csv", 2, "Debit", "\"12,34\" is not an amount" + POINT_HINT));
    }

    @Test
    void centsOnAYenAmountAreRefusedNamingTheCurrency() {
      BadInput refused = refusedByBank(BANK_HEADER + "02.11.2026;;;1.500,50;JPY;;x\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem("bank.csv", 2, "Credit", "amount 1500.50 has 1 decimals but JPY has 0"));
    }

    @Test
    void fractionOfACentIsRefusedNotRounded() {
      BadInput refused = refusedByLedger(LEDGER_HEADER + "2026-11-02,DOC-1,1200,x,,10.005,EUR,\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem("gl.csv", 2, "Credit", "amount 10.005 has 3 decimals but EUR has 2"));
    }

    @Test
    void unknownCurrencyNamesItsLineAndColumn() {
      BadInput refused =
          refusedByBank(
              BANK_HEADER + "02.11.2026;;;1,00;EUR;;ok\n" + "02.11.2026;;;1,00;EURO;;bad\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  3,
                  "Currency",
                  "unknown currency \"EURO\" (expected an ISO 4217 code such as EUR)"));
    }

    @Test
    void missingCurrencyWithoutAProfileDefaultIsRefused() {
      BadInput refused = refusedByBank(BANK_HEADER + "02.11.2026;;;1,00;;;no currency\n");

      assertThat(refused.problems())
          .containsExactly(new Problem("bank.csv", 2, "Currency", "currency is missing"));
    }

    @Test
    void impossibleDateNamesThePattern() {
      BadInput refused = refusedByBank(BANK_HEADER + "31.02.2026;;;1,00;EUR;;x\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  2,
                  "Booking Date",
                  "\"31.02.2026\" is not a date in the format dd.MM.yyyy"));
    }

    @Test
    void badValueDateIsNamedAsTheValueDateColumn() {
      BadInput refused = refusedByBank(BANK_HEADER + "02.11.2026;2026/11/02;;1,00;EUR;;x\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  2,
                  "Value Date",
                  "\"2026/11/02\" is not a date in the format dd.MM.yyyy"));
    }

    @Test
    void emptyBookingDateIsRefused() {
      BadInput refused = refusedByBank(BANK_HEADER + ";;;1,00;EUR;;x\n");

      assertThat(refused.problems())
          .containsExactly(new Problem("bank.csv", 2, "Booking Date", "booking date is empty"));
    }

    @Test
    void lineWithNeitherDebitNorCreditIsRefused() {
      BadInput refused = refusedByBank(BANK_HEADER + "02.11.2026;;;;EUR;;nothing\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv", 2, "Credit", "both the money-in and the money-out column are empty"));
    }

    @Test
    void emptySingleAmountIsRefused() {
      Path profile =
          write(
              dir,
              "single.properties",
              "source = bank\ncolumn.booking_date = Date\ncolumn.amount = Amount\n"
                  + "default.currency = EUR\n");
      Path file = write(dir, "single.csv", "Date,Amount\n2026-11-02,\n");

      BadInput refused =
          refusal(() -> FileParser.parse(file, Profiles.load(profile.toString()), "ACC"));

      assertThat(refused.problems())
          .containsExactly(new Problem("single.csv", 2, "Amount", "amount is empty"));
    }

    @Test
    void lineWithoutAnyAccountIsRefusedSayingHowToGiveOne() {
      BadInput refused =
          refusal(
              () ->
                  FileParser.parse(
                      write(dir, "bank.csv", BANK_HEADER + "02.11.2026;;;1,00;EUR;;x\n"),
                      Profiles.load("bank"),
                      null));

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  2,
                  null,
                  "no account: pass --account, or map column.account or set default.account in the"
                      + " profile"));
    }

    @Test
    void grossMinusFeeThatIsNotTheNetIsRefused() {
      Path file =
          write(
              dir,
              "gateway.csv",
              GATEWAY_HEADER
                  + "2026-11-01,charge,100.00,2.90,97.10,EUR,po_1,INV-2026-0001,,\n"
                  + "2026-11-01,charge,100.00,3.00,97.00,EUR,po_1,INV-2026-0002,,\n"
                  + "2026-11-01,charge,100.00,3.00,96.50,EUR,po_1,INV-2026-0003,,\n");

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("gateway"), "GW"));

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "gateway.csv",
                  4,
                  null,
                  "gross 100.00 EUR minus fee 3.00 EUR is not the net amount 96.50 EUR"));
      assertThat(refused)
          .hasMessage(
              "gateway.csv:4: gross 100.00 EUR minus fee 3.00 EUR is not the net amount 96.50 EUR");
    }
  }

  @Nested
  class SeveralProblems {
    @Test
    void everyBadLineIsReportedTogetherInFileOrder() {
      BadInput refused =
          refusedByBank(
              BANK_HEADER
                  + "02.11.2026;;;1,00;EUR;;ok\n"
                  + "02.11.2026;;;abc;EUR;;bad amount\n"
                  + "02.11.2026;;;1,00;EUR;;ok\n"
                  + "02.11.2026;;;1,00;XYZ;;bad currency\n"
                  + "32.11.2026;;;1,00;EUR;;bad date\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem("bank.csv", 3, "Credit", "\"abc\" is not an amount" + COMMA_HINT),
              new Problem(
                  "bank.csv",
                  5,
                  "Currency",
                  "unknown currency \"XYZ\" (expected an ISO 4217 code such as EUR)"),
              new Problem(
                  "bank.csv",
                  6,
                  "Booking Date",
                  "\"32.11.2026\" is not a date in the format dd.MM.yyyy"));
      assertThat(refused.getMessage().lines())
          .containsExactly(
              "bank.csv:3: column \"Credit\": \"abc\" is not an amount" + COMMA_HINT,
              "bank.csv:5: column \"Currency\": unknown currency \"XYZ\" (expected an ISO 4217"
                  + " code such as EUR)",
              "bank.csv:6: column \"Booking Date\": \"32.11.2026\" is not a date in the format"
                  + " dd.MM.yyyy");
    }

    @Test
    void reportStopsAtFiftyProblems() {
      StringBuilder text = new StringBuilder(BANK_HEADER);
      for (int i = 0; i < 80; i++) {
        text.append("02.11.2026;;;x;EUR;;bad\n");
      }

      BadInput refused = refusedByBank(text.toString());

      assertThat(refused.problems()).hasSize(RowNormalizer.PROBLEMS_MAX);
      assertThat(refused.problems().get(49).line()).isEqualTo(51);
    }

    @Test
    void problemAfterAQuotedLineBreakNamesTheLineTheRecordStartsOn() {
      BadInput refused =
          refusedByBank(
              BANK_HEADER
                  + "02.11.2026;;;1,00;EUR;;\"two\nlines\"\n"
                  + "03.11.2026;;;bad;EUR;;\"also\ntwo\"\n");

      assertThat(refused.problems())
          .extracting(Problem::line, Problem::column)
          .containsExactly(tuple(4, "Credit"));
    }

    @Test
    void problemOnALastLineWithoutLineBreakNamesThatLine() {
      BadInput refused =
          refusedByBank(BANK_HEADER + "02.11.2026;;;1,00;EUR;;a\n" + "03.11.2026;;;bad;EUR;;b");

      assertThat(refused.problems()).extracting(Problem::line).containsExactly(3);
    }
  }

  @Nested
  class WrongShape {
    @Test
    void missingColumnIsNamedWithTheColumnsTheFileHas() {
      BadInput refused =
          refusedByBank(
              "Booking Date;Value Date;Amount;Currency;Counterparty;Remittance Information\n"
                  + "02.11.2026;02.11.2026;1,00;EUR;;x\n");

      assertThat(refused.problems())
          .containsExactly(
              Problem.ofFile(
                  "bank.csv",
                  "missing column \"Credit\" (column.money_in), \"Debit\" (column.money_out) that"
                      + " profile bank expects; the file's columns are: Booking Date, Value Date,"
                      + " Amount, Currency, Counterparty, Remittance Information. Choose the"
                      + " matching profile with --profile"));
    }

    @Test
    void ledgerFileReadAsABankStatementListsEveryMissingColumnInProfileOrder() {
      BadInput refused = refusedByBank(LEDGER_HEADER + "2026-11-02,D,1200,x,1.00,,EUR,r\n");

      assertThat(refused.problems())
          .containsExactly(
              Problem.ofFile(
                  "bank.csv",
                  "missing column \"Booking Date\" (column.booking_date), \"Value Date\""
                      + " (column.value_date), \"Credit\" (column.money_in), \"Debit\""
                      + " (column.money_out), \"Currency\" (column.currency), \"Counterparty\""
                      + " (column.counterparty), \"Remittance Information\" (column.text) that"
                      + " profile bank expects; the file's columns are: Posting Date,Document"
                      + " No,GL Account,Description,Debit,Credit,Currency,External Reference."
                      + " The header was read as a single column: the file may not be separated"
                      + " by ';' as profile bank expects. Choose the matching profile with"
                      + " --profile"));
    }

    @Test
    void lineWithTooFewFieldsNamesItsLineAndTheDelimiter() {
      BadInput refused =
          refusedByBank(
              BANK_HEADER + "02.11.2026;;;1,00;EUR;;ok\n" + "02.11.2026;;1,00;EUR;;short\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  3,
                  null,
                  "has 6 fields but the header has 7 (check the delimiter ';' and quoting)"));
    }

    @Test
    void lineWithTooManyFieldsIsRefusedToo() {
      BadInput refused =
          refusedByLedger(LEDGER_HEADER + "2026-11-02,D,1200,x,1,250.00,,EUR,INV-1\n");

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "gl.csv",
                  2,
                  null,
                  "has 9 fields but the header has 8 (check the delimiter ',' and quoting)"));
    }

    @Test
    void unclosedQuoteIsRefusedAsInvalidCsv() {
      BadInput refused = refusedByBank(BANK_HEADER + "02.11.2026;;;1,00;EUR;;\"never closed\n");

      assertThat(refused.problems())
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem.fileName()).isEqualTo("bank.csv");
                assertThat(problem.message()).startsWith("is not valid CSV");
              });
    }
  }

  @Nested
  class NoUsableContent {
    @Test
    void zeroByteFileIsRefused() {
      assertThat(refusedByBank("").problems())
          .containsExactly(Problem.ofFile("bank.csv", "is empty (0 bytes)"));
    }

    @Test
    void whitespaceOnlyFileIsRefused() {
      assertThat(refusedByBank("  \n\t\r\n   \n").problems())
          .containsExactly(Problem.ofFile("bank.csv", "has no content, only blank space"));
    }

    @Test
    void headerOnlyFileIsRefused() {
      assertThat(refusedByBank(BANK_HEADER).problems())
          .containsExactly(Problem.ofFile("bank.csv", "has a header but no records"));
    }

    @Test
    void headerFollowedByBlankLinesIsRefusedAsHeaderOnly() {
      assertThat(refusedByBank(BANK_HEADER + "\n   \n\n").problems())
          .containsExactly(Problem.ofFile("bank.csv", "has a header but no records"));
      assertThat(refusedByBank(BANK_HEADER + "\n   \n\n"))
          .hasMessage("bank.csv: has a header but no records");
    }

    @Test
    void fileWithOnlyIgnoredPayoutsIsReadAsNothingToReconcile() {
      Path file =
          write(
              dir,
              "stripe.csv",
              TestFiles.STRIPE_HEADER
                  + "txn_P,payout,po_A,-10.00,0.00,-10.00,eur,2026-11-04 00:00,2026-11-04 00:00,"
                  + "STRIPE PAYOUT,,,,,\n");

      ParsedFile parsed = FileParser.parse(file, Profiles.load("stripe-balance"), "STRIPE");

      assertThat(parsed.facts()).isEmpty();
      assertThat(parsed.ignoredRows()).isEqualTo(1);
    }

    @Test
    void binaryFileIsRefused() {
      byte[] bytes = new byte[512];
      new Random(42).nextBytes(bytes);
      bytes[0] = 0x7f;
      bytes[100] = 0;
      Path file = write(dir, "statement.pdf", bytes);

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "ACC"));

      assertThat(refused.problems())
          .containsExactly(
              Problem.ofFile("statement.pdf", "is a binary file, not a CSV text or XLSX workbook"));
    }

    @Test
    void missingFileIsRefusedWithItsPath() {
      Path missing = dir.resolve("nope.csv");

      BadInput refused = refusal(() -> FileParser.parse(missing, Profiles.load("bank"), "ACC"));

      assertThat(refused.problems())
          .containsExactly(Problem.ofFile(missing.toString(), "no such file"));
    }
  }

  @Nested
  class WrongEncoding {
    @Test
    void latin1BytesReadAsUtf8NameTheLineOfTheFirstBadByte() {
      String head = BANK_HEADER + "02.11.2026;;;1,00;EUR;Nordwind;a\n" + "03.11.2026;;;2,00;EUR;M";
      String text = head + "üller GmbH;b\n" + "04.11.2026;;;3,00;EUR;Café;c\n";
      Path file = write(dir, "bank.csv", text, StandardCharsets.ISO_8859_1);

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "ACC"));

      assertThat(refused.problems())
          .containsExactly(
              new Problem(
                  "bank.csv",
                  3,
                  null,
                  "byte "
                      + head.length()
                      + " is not valid UTF-8; set encoding in the profile (e.g."
                      + " encoding=ISO-8859-1 or windows-1252)"));
    }

    @Test
    void latin1ByteInTheHeaderNamesLineOne() {
      Path file = write(dir, "bank.csv", "Datum;Betrag;Währung\n", StandardCharsets.ISO_8859_1);

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "ACC"));

      assertThat(refused.problems()).extracting(Problem::line).containsExactly(1);
    }
  }
}
