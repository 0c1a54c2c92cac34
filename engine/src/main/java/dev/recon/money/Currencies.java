package dev.recon.money;

import java.util.Currency;
import java.util.Locale;

/** ISO 4217 currencies as the JDK knows them, restricted to those that are money with a scale. */
public final class Currencies {
  private Currencies() {}

  /**
   * The currency for a three-letter code, case-insensitive. Codes without a minor-unit scale (gold,
   * SDR, testing codes) are refused: Recon reconciles money, not commodities.
   */
  public static Currency of(String code) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("currency is missing");
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    Currency currency;
    try {
      currency = Currency.getInstance(upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown currency \"" + code.strip() + "\" (expected an ISO 4217 code such as EUR)");
    }
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException(
          "currency " + upper + " has no minor unit and cannot be reconciled");
    }
    return currency;
  }

  /** Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for BHD. */
  public static int scale(Currency currency) {
    return currency.getDefaultFractionDigits();
  }
}
