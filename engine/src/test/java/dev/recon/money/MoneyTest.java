package dev.recon.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");
  private static final Currency BHD = Currency.getInstance("BHD");

  private static Money money(String decimal, String code) {
    return Money.ofDecimal(new BigDecimal(decimal), Currencies.of(code));
  }

  @Nested
  class ScaleComesFromTheCurrency {
    @ParameterizedTest(name = "{0} {1} is {2} minor units")
    @CsvSource({
      "1234.50, EUR, 123450",
      "0.01, EUR, 1",
      "-12.34, EUR, -1234",
      "1500, JPY, 1500",
      "-7, JPY, -7",
      "12.345, BHD, 12345",
      "0.001, BHD, 1",
      "0, EUR, 0",
    })
    void decimalBecomesWholeMinorUnits(String decimal, String code, long minor) {
      Money money = money(decimal, code);

      assertThat(money.minor()).isEqualTo(minor);
      assertThat(money.currencyCode()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} minor {1} reads back as {2}")
    @CsvSource({
      "123450, EUR, 1234.50",
      "5, EUR, 0.05",
      "1500, JPY, 1500",
      "12345, BHD, 12.345",
      "-1, BHD, -0.001",
    })
    void minorUnitsReadBackAsTheDecimalWithTheCurrencysScale(
        long minor, String code, String decimal) {
      Money money = Money.ofMinor(minor, code);

      assertThat(money.toDecimal().toPlainString()).isEqualTo(decimal);
      assertThat(money.toString()).isEqualTo(decimal + " " + code);
    }

    @Test
    void wholeEuroAmountIsShownWithTwoDecimals() {
      assertThat(money("1234", "EUR")).hasToString("1234.00 EUR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.50", "12.500", "12.5000000", "12.5"})
    void trailingZerosBeyondTheScaleAreAccepted(String decimal) {
      assertThat(money(decimal, "EUR").minor()).isEqualTo(1250);
    }

    @Test
    void yenWrittenWithZeroDecimalsIsAccepted() {
      assertThat(money("1500.00", "JPY").minor()).isEqualTo(1500);
    }

    @Test
    void amountInExponentFormIsExact() {
      assertThat(Money.ofDecimal(new BigDecimal("1E+3"), EUR).minor()).isEqualTo(100_000);
    }
  }

  @Nested
  class ExcessDecimalsAreRefusedNotRounded {
    @Test
    void twelveThreeFourFiveEuroIsRefusedNotRounded() {
      assertThatThrownBy(() -> Money.ofDecimal(new BigDecimal("12.345"), EUR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("amount 12.345 has 3 decimals but EUR has 2");
    }

    @Test
    void yenWithCentsIsRefused() {
      assertThatThrownBy(() -> Money.ofDecimal(new BigDecimal("100.5"), JPY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("amount 100.5 has 1 decimals but JPY has 0");
    }

    @Test
    void bahrainiDinarWithFourDecimalsIsRefused() {
      assertThatThrownBy(() -> Money.ofDecimal(new BigDecimal("1.2345"), BHD))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("amount 1.2345 has 4 decimals but BHD has 3");
    }

    @Test
    void halfACentWithTrailingZerosIsStillRefused() {
      assertThatThrownBy(() -> Money.ofDecimal(new BigDecimal("0.0050"), EUR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("EUR has 2");
    }
  }

  @Nested
  class Overflow {
    @Test
    void largestAmountThatFitsIsKeptExactly() {
      Money money = Money.ofDecimal(new BigDecimal("92233720368547758.07"), EUR);

      assertThat(money.minor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void oneCentMoreThanFitsIsRefused() {
      assertThatThrownBy(() -> Money.ofDecimal(new BigDecimal("92233720368547758.08"), EUR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("amount 92233720368547758.08 is too large to hold exactly");
    }

    @Test
    void sumThatOverflowsFailsInsteadOfWrappingAround() {
      Money max = new Money(Long.MAX_VALUE, EUR);

      assertThatThrownBy(() -> max.plus(Money.ofMinor(1, "EUR")))
          .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void negatingTheSmallestAmountFailsInsteadOfStayingNegative() {
      assertThatThrownBy(() -> new Money(Long.MIN_VALUE, EUR).negate())
          .isInstanceOf(ArithmeticException.class);
    }
  }

  @Nested
  class Arithmetic {
    @Test
    void plusMinusAndNegateWorkInMinorUnits() {
      Money a = money("100.10", "EUR");
      Money b = money("0.20", "EUR");

      assertThat(a.plus(b)).isEqualTo(money("100.30", "EUR"));
      assertThat(a.minus(b)).isEqualTo(money("99.90", "EUR"));
      assertThat(a.negate()).isEqualTo(money("-100.10", "EUR"));
      assertThat(a.minus(a).isZero()).isTrue();
    }

    @Test
    void euroAndDollarCannotBeAdded() {
      assertThatThrownBy(() -> money("1", "EUR").plus(money("1", "USD")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot combine EUR with USD");
    }

    @Test
    void euroAndDollarCannotBeCompared() {
      assertThatThrownBy(() -> money("1", "EUR").compareTo(money("1", "USD")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot combine EUR with USD");
    }

    @Test
    void amountsWithDifferentWrittenScaleAreEqual() {
      assertThat(money("12.5", "EUR")).isEqualTo(money("12.50", "EUR"));
      assertThat(money("12.5", "EUR").compareTo(money("12.49", "EUR"))).isPositive();
    }
  }

  @Nested
  class CurrencyCodes {
    @ParameterizedTest
    @ValueSource(strings = {"eur", "Eur", " EUR ", "EUR"})
    void codeIsCaseInsensitiveAndTrimmed(String code) {
      assertThat(Currencies.of(code)).isEqualTo(EUR);
    }

    @Test
    void scalesFollowIso4217() {
      assertThat(Currencies.scale(JPY)).isZero();
      assertThat(Currencies.scale(EUR)).isEqualTo(2);
      assertThat(Currencies.scale(BHD)).isEqualTo(3);
    }

    @Test
    void unknownCodeIsRefusedWithTheCodeAsWritten() {
      assertThatThrownBy(() -> Currencies.of("EURO"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown currency \"EURO\" (expected an ISO 4217 code such as EUR)");
    }

    @Test
    void unknownLowercaseCodeIsRefusedToo() {
      assertThatThrownBy(() -> Money.ofMinor(100, "abc"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown currency \"abc\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XAU", "XDR", "XXX"})
    void codesWithoutMinorUnitAreRefused(String code) {
      assertThatThrownBy(() -> Currencies.of(code))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("currency " + code + " has no minor unit and cannot be reconciled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingCodeIsRefused(String code) {
      assertThatThrownBy(() -> Currencies.of(code))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("currency is missing");
    }
  }
}
