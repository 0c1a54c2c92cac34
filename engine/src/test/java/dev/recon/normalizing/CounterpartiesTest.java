package dev.recon.normalizing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CounterpartiesTest {

  @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Müller GmbH & Co. KG | MULLER",
        "Café Lumen SARL | CAFE LUMEN",
        "CAFE LUMEN | CAFE LUMEN",
        "Nordwind Logistik GmbH | NORDWIND LOGISTIK",
        "Brightside Ltd. | BRIGHTSIDE",
        "Brightside Limited | BRIGHTSIDE",
        "brightside, inc. | BRIGHTSIDE",
        "Atelier Rossi SRL | ATELIER ROSSI",
        "Société Générale SA | SOCIETE GENERALE",
        "  Kessler   Metallbau  | KESSLER METALLBAU",
        "Ångström Oy | ANGSTROM",
      })
  void sameCounterpartyWrittenDifferentlyNormalizesAlike(String raw, String expected) {
    assertThat(Counterparties.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" keeps \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Agco Holdings | AGCO HOLDINGS",
        "Coast Inc | COAST",
      })
  void legalFormIsDroppedOnlyAsAWholeWord(String raw, String expected) {
    assertThat(Counterparties.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "GmbH & Co. KG", "--"})
  void nameWithNothingButLegalFormsOrPunctuationIsNoCounterparty(String raw) {
    assertThat(Counterparties.normalize(raw)).isNull();
  }
}
