package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** OFX and QFX statements: 1.x SGML without end tags, and 2.x XML. */
class OfxImportTest {
  private static ParsedFile parse(String name) throws IOException {
    try (InputStream in = OfxImportTest.class.getResourceAsStream("/ofx/" + name)) {
      return FileParser.parse(InputFile.of(name, in.readAllBytes()), Profiles.load("bank"), null);
    }
  }

  @Test
  void anSgmlCheckingStatementInWindows1252() throws IOException {
    ParsedFile parsed = parse("checking-v1.ofx");

    assertThat(parsed.format()).isEqualTo(FileFormat.OFX);
    assertThat(parsed.facts())
        .extracting(FactText::of)
        .containsExactly(
            "1234567890 1250.00 USD 2026-11-02 ref=INV20261001 cp=NORDWIND LOGISTIK @17",
            "1234567890 -30.00 USD 2026-11-03 ref=1042 cp=CAFE MULLER @25");
    assertThat(parsed.facts().get(1).valueDate()).isEqualTo(LocalDate.of(2026, 11, 4));
    assertThat(parsed.facts().get(1).counterpartyRaw()).isEqualTo("Café Müller");
  }

  @Test
  void anXmlCreditCardStatementWithAPayeeAggregate() throws IOException {
    assertThat(parse("card-v2.qfx").facts())
        .extracting(FactText::of)
        .containsExactly("4111********1111 -49.90 EUR 2026-11-05 ref=SUB7781 cp=CLOUD HOSTING @12");
  }

  @Test
  void cutOffAndBadAmountsAreRefused() {
    assertThatThrownBy(() -> parse("cut-off.ofx"))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("cut off");
    assertThatThrownBy(() -> parse("bad-amount.ofx"))
        .isInstanceOf(BadInput.class)
        .hasMessage("bad-amount.ofx:17: element TRNAMT: \"12,50.00\" is not an amount");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = OfxImportTest.class.getResourceAsStream("/ofx/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ParsedFile parse(String name, byte[] bytes) {
    return FileParser.parse(InputFile.of(name, bytes), Profiles.load("bank"), null);
  }

  @Test
  void aUtf8FileWithAForeignByteIsRefusedWithItsLine() throws IOException {
    byte[] latin1 =
        resource("card-v2.qfx")
            .replace("Cloud Hosting", "Caf\u00e9 Hosting")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parse("latin1.qfx", latin1))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("latin1.qfx:18: byte ")
        .hasMessageContaining("(0xE9) is not UTF-8: the file is in another encoding");
  }

  @Test
  void aUtf16FileIsRecognisedAndRefusedAsUtf16() throws IOException {
    byte[] utf16 = resource("checking-v1.ofx").getBytes(StandardCharsets.UTF_16);

    assertThat(InputFile.of("utf16.ofx", utf16).format()).isEqualTo(FileFormat.OFX);
    assertThatThrownBy(() -> parse("utf16.ofx", utf16))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "utf16.ofx: is UTF-16 or binary, but OFX files are ASCII or UTF-8 text; export or"
                + " save it again as UTF-8");
  }

  @Test
  void anUnknownVersionIsNamedInBothHeaderStyles() throws IOException {
    String sgml = resource("checking-v1.ofx").replace("VERSION:102", "VERSION:999");
    String xml = resource("card-v2.qfx").replace("VERSION=\"211\"", "VERSION=\"300\"");

    assertThatThrownBy(() -> parse("v999.ofx", sgml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("v999.ofx: OFX header VERSION 999 is not a version Recon reads");
    assertThatThrownBy(() -> parse("v300.qfx", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("v300.qfx: OFX header VERSION 300 is not a version Recon reads");
  }

  @Test
  void anOversizedValueIsRefusedWithItsElementAndLine() throws IOException {
    String huge = resource("card-v2.qfx").replace("<CITY>Berlin", "<CITY>" + "B".repeat(10_000));

    assertThatThrownBy(() -> parse("huge.qfx", huge.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "huge.qfx:18: element CITY: its text is 10,000 characters long; OFX values have at"
                + " most a few hundred (Recon accepts up to 4,096): the file is damaged or not OFX");
  }
}
