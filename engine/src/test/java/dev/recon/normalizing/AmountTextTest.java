package dev.recon.normalizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTextTest {
  private static final boolean POINT = false;
  private static final boolean COMMA = true;

  @Nested
  class DecimalPoint {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "1234.50 | 1234.50",
          "1,234.50 | 1234.50",
          "1,234,567.89 | 1234567.89",
          "1,234 | 1234",
          "0.5 | 0.5",
          ".5 | 0.5",
          "42 | 42",
          "1'234.50 | 1234.50",
          "1 234.50 | 1234.50",
        })
    void decimalPointWithThousandsCommaIsRead(String text, BigDecimal expected) {
      assertThat(AmountText.parse(text, POINT)).isEqualByComparingTo(expected);
    }

    @Test
    void nonBreakingSpaceAsThousandsSeparatorIsRead() {
      assertThat(AmountText.parse("1\u00a0234.50", POINT)).isEqualByComparingTo("1234.50");
    }

    @Test
    void writtenScaleIsKeptSoExcessDecimalsCanBeRefusedLater() {
      assertThat(AmountText.parse("12.345", POINT)).isEqualTo(new BigDecimal("12.345"));
    }

    @Test
    void twelveCommaThirtyFourInADecimalPointFileIsRefusedNotReadAsTwelveHundred() {
      assertThatThrownBy(() -> AmountText.parse("12,34", POINT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "\"12,34\" is not an amount (this profile reads a decimal point, as in 1,234.50;"
                  + " set decimal.comma=true for 1.234,50)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,23,456.00", "1234,567.00", "1,234.567,00", "1.234,50"})
    void thousandsCommasThatDoNotGroupByThreeAreRefused(String text) {
      assertThatThrownBy(() -> AmountText.parse(text, POINT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an amount");
    }
  }

  @Nested
  class DecimalComma {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "1.234,50 | 1234.50",
          "1234,50 | 1234.50",
          "1.234.567,89 | 1234567.89",
          "12,5 | 12.5",
          "1.250 | 1250",
          ",5 | 0.5",
          "1 234,50 | 1234.50",
        })
    void decimalCommaWithThousandsDotIsRead(String text, BigDecimal expected) {
      assertThat(AmountText.parse(text, COMMA)).isEqualByComparingTo(expected);
    }

    @Test
    void decimalPointInADecimalCommaFileIsRefusedWithAHint() {
      assertThatThrownBy(() -> AmountText.parse("12.50", COMMA))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "\"12.50\" is not an amount (this profile reads a decimal comma, as in 1.234,50)");
    }

    @Test
    void thousandsDotsThatDoNotGroupByThreeAreRefused() {
      assertThatThrownBy(() -> AmountText.parse("1.23,45", COMMA))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Signs {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "-12.00 | -12.00",
          "12.00- | -12.00",
          "(12.00) | -12.00",
          "( 12.00 ) | -12.00",
          "+5 | 5",
          "+1,234.50 | 1234.50",
          "-1,234.50 | -1234.50",
          "1,234.50- | -1234.50",
          "(1,234.50) | -1234.50",
          "- 12.00 | -12.00",
        })
    void negativeFormsBanksUseAreRead(String text, BigDecimal expected) {
      assertThat(AmountText.parse(text, POINT)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
        delimiter = '|',
        value = {"-1.234,50 | -1234.50", "1.234,50- | -1234.50", "(1.234,50) | -1234.50"})
    void negativeFormsWorkWithDecimalCommaToo(String text, BigDecimal expected) {
      assertThat(AmountText.parse(text, COMMA)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "--12",
          "+-12",
          "-12-",
          "+12-",
          "(12.00",
          "12.00)",
          "-",
          "()",
          "(-12.00)",
          "(12.00-)"
        })
    void doubledOrUnbalancedSignsAreRefused(String text) {
      assertThatThrownBy(() -> AmountText.parse(text, POINT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("\"" + text + "\" is not an amount");
    }
  }

  @Nested
  class SeparatorsOtherThanPunctuation {
    @ParameterizedTest(name = "\"{0}\" with decimal comma {1} is {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "1 234,50 | true | 1234.50",
          "1\u00a0234,50 | true | 1234.50",
          "1'234.50 | false | 1234.50",
          "12 345 678.90 | false | 12345678.90"
        })
    void spacesAndApostrophesGroupByThreeLikeAnyThousandsSeparator(
        String text, boolean decimalComma, BigDecimal expected) {
      assertThat(AmountText.parse(text, decimalComma)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 34", "1'2'3.00", "1 23,45"})
    void aSpaceOrApostropheThatDoesNotGroupByThreeIsRefusedNotDeleted(String text) {
      assertThatThrownBy(() -> AmountText.parse(text, text.contains(",")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an amount");
    }
  }

  @Nested
  class BlanksAndGarbage {
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void blankIsNoAmount(String text) {
      assertThat(AmountText.parse(text, POINT)).isNull();
      assertThat(AmountText.parse(text, COMMA)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12,3O", "EUR 12.00", "12.00 EUR", "1e5", "12..5", "12.5.3"})
    void garbageIsRefused(String text) {
      assertThatThrownBy(() -> AmountText.parse(text, POINT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("\"" + text + "\" is not an amount");
    }

    @Test
    void refusalQuotesTheTextWithoutSurroundingBlanks() {
      assertThatThrownBy(() -> AmountText.parse("  n/a  ", COMMA))
          .hasMessageStartingWith("\"n/a\" is not an amount");
    }
  }
}
