package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each way a camt file can be wrong gets its own message, naming the element by its path. */
class CamtBadInputTest {
  private static String statement(String namespace, String entries) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
        + namespace
        + "\">\n<BkToCstmrStmt>\n<Stmt><Id>S1</Id>\n"
        + "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n"
        + entries
        + "</Stmt>\n</BkToCstmrStmt>\n</Document>\n";
  }

  private static String entry(String amount, String bookingDate) {
    return "<Ntry><Amt Ccy=\"EUR\">"
        + amount
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>\n"
        + "<BookgDt><Dt>"
        + bookingDate
        + "</Dt></BookgDt><AddtlNtryInf>Gutschrift M\u00fcller</AddtlNtryInf></Ntry>\n";
  }

  private static void parse(String name, byte[] bytes) {
    FileParser.parse(InputFile.of(name, bytes), Profiles.load("bank"), null);
  }

  private static void parse(String text) {
    parse("camt.xml", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBadValueIsNamedByItsElementPathWithPositions() {
    String text =
        statement(
            "camt.053.001.08",
            entry("1.00", "2026-11-02")
                + entry("2.00", "2026-11-02")
                + entry("3.00", "2026-13-02"));

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "camt.xml:10: element /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/BookgDt: \"2026-13-02\""
                + " is not a date (expected YYYY-MM-DD)");
  }

  @Test
  void aCutOffFileSaysInsideWhichElementItEnds() {
    String text = statement("camt.053.001.08", entry("1.00", "2026-11-02") + entry("2.00", "x"));
    String cut = text.substring(0, text.indexOf("<BookgDt>", text.indexOf("2.00")));

    assertThatThrownBy(() -> parse(cut))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("camt.xml:")
        .hasMessageContaining("the XML is broken or cut off")
        .hasMessageContaining("inside /Document/BkToCstmrStmt/Stmt[1]/Ntry[2]");
  }

  @Test
  void anUnknownVersionAndAnotherCamtMessageAreNamed() {
    assertThatThrownBy(() -> parse(statement("camt.053.001.01", entry("1.00", "2026-11-02"))))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "camt.xml: is an ISO 20022 camt.053.001.01 message, a message or version Recon does"
                + " not read; it reads camt.052, camt.053 and camt.054 versions .001.02 to"
                + " .001.13");
    assertThatThrownBy(() -> parse(statement("camt.056.001.08", "")))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("is an ISO 20022 camt.056.001.08 message");
  }

  @Test
  void aLatin1FileDeclaredAsUtf8IsAnEncodingProblem() {
    byte[] latin1 =
        statement("camt.053.001.08", entry("1.00", "2026-11-02"))
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parse("latin1.xml", latin1))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("latin1.xml:")
        .hasMessageContaining(
            "a byte is not valid in the encoding the XML declares (UTF-8 unless it names"
                + " another)")
        .hasMessageContaining("export it again as UTF-8");
  }

  @Test
  void anOversizedTextIsRefusedWithItsElement() {
    String text =
        statement(
            "camt.053.001.08",
            entry("1.00", "2026-11-02").replace("Gutschrift", "X".repeat(150_000)));

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining(
            "element /Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/AddtlNtryInf: the text is longer"
                + " than 100000 characters");
  }
}
