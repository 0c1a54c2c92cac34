package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
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
}
