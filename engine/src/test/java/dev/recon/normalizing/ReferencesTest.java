package dev.recon.normalizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferencesTest {
  private static final Pattern INVOICE_GROUP = Pattern.compile("(INV-\\d{4}-\\d{4})");
  private static final Pattern INVOICE_WHOLE = Pattern.compile("INV-\\d{4}-\\d{4}");
  private static final Pattern INVOICE_NUMBER_ONLY = Pattern.compile("INV-(\\d{4}-\\d{4})");

  @Nested
  class Cleaning {
    @ParameterizedTest
    @ValueSource(strings = {"inv-2026/0042", "INV 2026 0042", "Inv.2026.0042", " INV_2026-0042 "})
    void writingsOfTheSameReferenceCompareEqual(String raw) {
      assertThat(References.clean(raw)).isEqualTo("INV20260042");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "-/-", "#"})
    void referenceWithoutLettersOrDigitsIsNoReference(String raw) {
      assertThat(References.clean(raw)).isNull();
    }
  }

  @Nested
  class Extraction {
    @Test
    void groupOfThePatternIsTheReference() {
      assertThat(References.extract(INVOICE_NUMBER_ONLY, "Payment INV-2026-0042 thanks", null))
          .isEqualTo("20260042");
    }

    @Test
    void wholeMatchIsTheReferenceWhenThePatternHasNoGroup() {
      assertThat(References.extract(INVOICE_WHOLE, "Inv. INV-2026-0042 / thanks", null))
          .isEqualTo("INV20260042");
    }

    @Test
    void firstMatchWinsWhenTheTextNamesTwoInvoices() {
      assertThat(References.extract(INVOICE_GROUP, "INV-2026-0001 and INV-2026-0002", null))
          .isEqualTo("INV20260001");
    }

    @Test
    void referenceFieldIsSearchedBeforeTheText() {
      assertThat(References.extract(INVOICE_GROUP, "INV-2026-0001", "re INV-2026-0002"))
          .isEqualTo("INV20260001");
    }

    @Test
    void textColumnIsSearchedWhenTheReferenceFieldHasNoMatch() {
      assertThat(References.extract(INVOICE_GROUP, "ch_3QdemoC1", "Invoice INV-2026-2001"))
          .isEqualTo("INV20262001");
    }

    @Test
    void textColumnIsSearchedWhenThereIsNoReferenceField() {
      assertThat(References.extract(INVOICE_GROUP, null, "Payment INV-2026-1002 thank you"))
          .isEqualTo("INV20261002");
    }

    @Test
    void cleanedReferenceFieldIsKeptWhenNothingMatches() {
      assertThat(References.extract(INVOICE_GROUP, "ch_3QdemoC1", "Radar fees"))
          .isEqualTo("CH3QDEMOC1");
    }

    @Test
    void freeTextIsNotTurnedIntoAReferenceWhenNothingMatches() {
      assertThat(References.extract(INVOICE_GROUP, null, "Account maintenance fee November"))
          .isNull();
    }

    @Test
    void withoutAPatternTheReferenceFieldIsCleaned() {
      assertThat(References.extract(null, "inv-2026/0042", "INV-2026-9999"))
          .isEqualTo("INV20260042");
    }

    @Test
    void patternIsCaseSensitiveAsWritten() {
      assertThat(References.extract(INVOICE_GROUP, null, "inv-2026-0042")).isNull();
    }
  }
}
