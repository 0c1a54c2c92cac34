package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.facts.Fact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stripe payout reconciliation, PayPal settlement and Adyen settlement details reports. */
class GatewayReportTest {
  private static final Path FORMATS = Path.of("../samples/formats");
  private static final String STRIPE = "stripe-payout-reconciliation-po_1QpayC3.csv";
  private static final String PAYPAL = "paypal-settlement-STL-20261109.01.009.csv";
  private static final String ADYEN = "adyen-settlement-details-batch-42.csv";

  private static String sample(String name) throws IOException {
    return Files.readString(FORMATS.resolve(name));
  }

  private static ParsedFile parse(String name, String text) {
    return FileParser.parse(
        InputFile.of(name, text.getBytes(StandardCharsets.UTF_8)), Profiles.load("gateway"), null);
  }

  private static String kinds(ParsedFile parsed) {
    return String.join(" ", parsed.facts().stream().map(Fact::kind).toList());
  }

  @Nested
  class Stripe {
    @Test
    void eachRowIsAnItemWithGrossFeeNetKindAndPayout() throws IOException {
      ParsedFile parsed = parse(STRIPE, sample(STRIPE));

      assertThat(parsed.format()).isEqualTo(FileFormat.STRIPE_PAYOUT);
      assertThat(kinds(parsed)).isEqualTo("charge charge refund chargeback fee adjustment");
      Fact dispute = parsed.facts().get(3);
      assertThat(dispute.gross().minor()).isEqualTo(-30000);
      assertThat(dispute.fee().minor()).isEqualTo(1500);
      assertThat(dispute.amount().minor()).isEqualTo(-31500);
      assertThat(dispute.reference()).isEqualTo("INV20261088");
      assertThat(parsed.facts()).extracting(Fact::payoutId).containsOnly("po_1QpayC3");
      assertThat(parsed.facts()).extracting(Fact::account).containsOnly("STRIPE");
    }

    @Test
    void aNetThatIsNotGrossMinusFeeIsRefusedWithItsLine() throws IOException {
      String altered = sample(STRIPE).replace("1280.00,18.17,1261.83", "1280.00,18.17,1262.83");

      assertThatThrownBy(() -> parse(STRIPE, altered))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              STRIPE
                  + ":3: column \"net\": gross 128000 minus fee 1817 is not net 126283 (minor"
                  + " units)");
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
      String noFee = sample(STRIPE).replace(",gross,fee,net,", ",gross,fees,net,");

      assertThatThrownBy(() -> parse(STRIPE, noFee))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              STRIPE
                  + ":1: the Stripe payout reconciliation report header lacks the column(s) fee;"
                  + " export the report with its default columns");
    }
  }

  @Nested
  class PayPal {
    @Test
    void itemsBeforeAWithdrawalCarryItsIdAndAmountsAreMinorUnitsWithDebitCredit()
        throws IOException {
      ParsedFile parsed = parse(PAYPAL, sample(PAYPAL));

      assertThat(parsed.format()).isEqualTo(FileFormat.PAYPAL);
      assertThat(kinds(parsed)).isEqualTo("charge charge refund charge fee");
      assertThat(parsed.ignoredRows()).as("the withdrawal").isEqualTo(1);
      assertThat(parsed.facts())
          .extracting(Fact::payoutId)
          .containsExactly(
              "2GH45678JK9012345", "2GH45678JK9012345", "2GH45678JK9012345", null, null);
      long settled =
          parsed.facts().stream()
              .filter(f -> "2GH45678JK9012345".equals(f.payoutId()))
              .mapToLong(f -> f.amount().minor())
              .sum();
      assertThat(settled).as("the withdrawal's amount").isEqualTo(32241);
      Fact first = parsed.facts().get(0);
      assertThat(first.gross().minor()).isEqualTo(25900);
      assertThat(first.fee().minor()).isEqualTo(781);
    }

    @Test
    void aReportWithoutItsFootersIsCutOff() throws IOException {
      String text = sample(PAYPAL);
      String cut = text.substring(0, text.indexOf("\"SF\""));

      assertThatThrownBy(() -> parse(PAYPAL, cut))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              PAYPAL
                  + ":10: the report ends without its RF report footer: the file is cut off;"
                  + " nothing of it was stored");
    }

    @Test
    void aSectionCountThatDisagreesIsRefused() throws IOException {
      String text = sample(PAYPAL).replace("\"SC\",\"6\"", "\"SC\",\"7\"");

      assertThatThrownBy(() -> parse(PAYPAL, text))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              PAYPAL
                  + ":12: the section says it has 7 body rows (SB), but 6 were read; rows are"
                  + " missing or were added");
    }

    @Test
    void aBadAmountAndSignAreNamedByColumn() throws IOException {
      String text =
          sample(PAYPAL)
              .replace("\"CR\",\"25900\"", "\"CR\",\"259.00\"")
              .replace("\"CR\",\"12000\"", "\"XX\",\"12000\"");

      assertThatThrownBy(() -> parse(PAYPAL, text))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(
              PAYPAL
                  + ":5: column \"Gross Transaction Amount\": \"259.00\" is not a PayPal amount"
                  + " (whole minor units without sign or separator)")
          .hasMessageContaining(
              PAYPAL
                  + ":6: column \"Transaction Debit or Credit\": expected CR or DR, found \"XX\"");
    }
  }

  @Nested
  class Adyen {
    @Test
    void feesAreWhatLiesBetweenGrossAndNetAndAConversionUsesTheFeeColumns() throws IOException {
      ParsedFile parsed = parse(ADYEN, sample(ADYEN));

      assertThat(parsed.format()).isEqualTo(FileFormat.ADYEN);
      assertThat(kinds(parsed)).isEqualTo("charge charge charge refund chargeback fee");
      assertThat(parsed.ignoredRows()).as("the merchant payout").isEqualTo(1);
      Fact converted = parsed.facts().get(2);
      assertThat(converted.amount().minor()).isEqualTo(8970);
      assertThat(converted.fee().minor()).isEqualTo(230);
      assertThat(converted.gross().minor()).isEqualTo(9200);
      Fact refund = parsed.facts().get(3);
      assertThat(refund.gross().minor()).isEqualTo(-20000);
      assertThat(refund.fee().minor()).isEqualTo(12);
      assertThat(parsed.facts()).extracting(Fact::payoutId).containsOnly("42");
      assertThat(parsed.facts()).extracting(Fact::account).containsOnly("AcmeToolsEU");
      assertThat(parsed.totalMinorByCurrency().get("EUR"))
          .as("the payout's amount")
          .isEqualTo(122894);
    }

    @Test
    void aRowWithAnExtraFieldIsRefusedRatherThanReadShifted() throws IOException {
      String text = sample(ADYEN).replace(",1180.81,", ",1.180,81,");

      assertThatThrownBy(() -> parse(ADYEN, text))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              ADYEN
                  + ":3: the row has 24 fields but the header (line 1) has 23; a value holds an"
                  + " unquoted comma, or the row is cut or joined");
    }

    @Test
    void aLatin1ExportAndAnOversizedLineGetTheirOwnMessages() throws IOException {
      byte[] latin1 =
          sample(ADYEN)
              .replace("Monthly processing fee", "Geb\u00fchr")
              .getBytes(StandardCharsets.ISO_8859_1);
      assertThatThrownBy(
              () -> FileParser.parse(InputFile.of(ADYEN, latin1), Profiles.load("gateway"), null))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(ADYEN + ":7: byte ")
          .hasMessageContaining("is not UTF-8");

      String huge = sample(ADYEN).replace("Monthly processing fee", "x".repeat(70_000));
      assertThatThrownBy(() -> parse(ADYEN, huge))
          .isInstanceOf(BadInput.class)
          .hasMessageStartingWith(ADYEN + ":7: the line is ")
          .hasMessageContaining(
              "more than the 65536 a report row may have; the file is damaged or is no Adyen"
                  + " settlement details report");
    }
  }

  @Test
  void aGatewayReportReadWithABankProfileSaysWhatItIs() throws IOException {
    assertThatThrownBy(
            () ->
                FileParser.parse(
                    InputFile.of(ADYEN, sample(ADYEN).getBytes(StandardCharsets.UTF_8)),
                    Profiles.load("bank"),
                    null))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            ADYEN
                + ": is a gateway report (adyen); import it as a gateway file (--source gateway),"
                + " not with the bank profile bank");
  }

  /** The refusals every gateway report shares, each with its own message. */
  @Nested
  class EveryReport {
    @ParameterizedTest
    @ValueSource(strings = {STRIPE, PAYPAL, ADYEN})
    void aUtf16ExportIsRefusedAsUtf16(String name) throws IOException {
      byte[] utf16 = sample(name).getBytes(StandardCharsets.UTF_16);

      assertThatThrownBy(
              () -> FileParser.parse(InputFile.of(name, utf16), Profiles.load("gateway"), null))
          .isInstanceOf(BadInput.class)
          .hasMessageStartingWith(name + ": is UTF-16 or binary, but ")
          .hasMessageEndingWith("files are ASCII or UTF-8 text; export or save it again as UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {STRIPE, PAYPAL, ADYEN})
    void aLatin1ExportIsRefusedWithTheLineOfItsFirstForeignByte(String name) throws IOException {
      String text = sample(name);
      int line = lastDataLine(text);
      byte[] latin1 = withLineSuffixed(text, line, "\u00e9").getBytes(StandardCharsets.ISO_8859_1);

      assertThatThrownBy(
              () -> FileParser.parse(InputFile.of(name, latin1), Profiles.load("gateway"), null))
          .isInstanceOf(BadInput.class)
          .hasMessageStartingWith(name + ":" + line + ": byte ")
          .hasMessageContaining("(0xE9) is not UTF-8: the file is in another encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {STRIPE, PAYPAL, ADYEN})
    void anOversizedLineIsRefusedWithItsLine(String name) throws IOException {
      String text = sample(name);
      int line = lastDataLine(text);

      assertThatThrownBy(() -> parse(name, withLineSuffixed(text, line, "x".repeat(70_000))))
          .isInstanceOf(BadInput.class)
          .hasMessageStartingWith(name + ":" + line + ": the line is ")
          .hasMessageContaining("more than the 65536 a report row may have");
    }

    @ParameterizedTest
    @ValueSource(strings = {STRIPE, PAYPAL, ADYEN})
    void aReportCutOffInsideARowIsRefused(String name) throws IOException {
      String text = sample(name);
      int line = lastDataLine(text);
      String[] lines = text.split("\n", -1);
      String cutLine = lines[line - 1];
      String cut =
          String.join("\n", java.util.Arrays.copyOf(lines, line - 1))
              + "\n"
              + cutLine.substring(0, cutLine.indexOf(',') + 1);

      assertThatThrownBy(() -> parse(name, cut))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(name + ":" + line + ": ");
    }

    /** The file line (1-based) of the report's last data row. */
    private static int lastDataLine(String text) {
      String[] lines = text.split("\n", -1);
      int last = 0;
      for (int i = 1; i < lines.length; i++) {
        // PayPal's records start with their type; its rows are "SB", the rest headers and footers.
        boolean payPalRecord = lines[i].matches("^\"[A-Z]{2}\",.*");
        boolean row = payPalRecord ? lines[i].startsWith("\"SB\"") : lines[i].contains(",");
        if (row) {
          last = i + 1;
        }
      }
      return last;
    }

    private static String withLineSuffixed(String text, int line, String suffix) {
      String[] lines = text.split("\n", -1);
      String target = lines[line - 1];
      int lastComma = target.lastIndexOf(',');
      lines[line - 1] =
          target.substring(0, lastComma + 1) + suffix + target.substring(lastComma + 1);
      return String.join("\n", lines);
    }
  }
}
