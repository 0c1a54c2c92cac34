package dev.recon.facts;

import java.util.Locale;

/**
 * Where a record comes from. On every side money coming in to the company is positive and money
 * going out is negative, so a bank credit, a ledger debit to the bank account and a gateway
 * charge's net are all positive.
 */
public enum Side {
  BANK,
  GATEWAY,
  LEDGER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Side parse(String text) {
    for (Side side : values()) {
      if (side.label().equalsIgnoreCase(text.strip())) {
        return side;
      }
    }
    throw new IllegalArgumentException(
        "unknown source \"" + text + "\" (expected bank, gateway or ledger)");
  }
}
