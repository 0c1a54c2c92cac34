package dev.recon.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount: whole minor units of an ISO 4217 currency (cents for EUR, yen for JPY, fils for
 * BHD). The currency decides the scale; there is no floating point anywhere in the path.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  public static Money ofMinor(long minor, String currencyCode) {
    return new Money(minor, Currencies.of(currencyCode));
  }

  /**
   * The amount of a decimal in this currency. A decimal with more fractional digits than the
   * currency has (12.345 EUR) is refused rather than rounded: rounding silently would invent or
   * lose money.
   */
  public static Money ofDecimal(BigDecimal amount, Currency currency) {
    int scale = Currencies.scale(currency);
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw new IllegalArgumentException(
          "amount "
              + amount.toPlainString()
              + " has "
              + stripped.scale()
              + " decimals but "
              + currency.getCurrencyCode()
              + " has "
              + scale);
    }
    BigDecimal minor = amount.movePointRight(scale).setScale(0, RoundingMode.UNNECESSARY);
    try {
      return new Money(minor.longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount " + amount.toPlainString() + " is too large to hold exactly");
    }
  }

  public BigDecimal toDecimal() {
    return BigDecimal.valueOf(minor, Currencies.scale(currency));
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(minor, other.minor), currency);
  }

  public Money negate() {
    return new Money(Math.negateExact(minor), currency);
  }

  public boolean isZero() {
    return minor == 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minor, other.minor);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + currencyCode() + " with " + other.currencyCode());
    }
  }

  /** Plain decimal with the currency's scale, e.g. {@code 1234.50 EUR}. */
  @Override
  public String toString() {
    return toDecimal().toPlainString() + " " + currencyCode();
  }
}
