package dev.recon.corrections;

import java.util.Locale;

/** What a correction entry books. */
public enum CorrectionKind {
  /** A payout's gateway fees: gross minus net of its transactions. */
  GATEWAY_FEE("gateway fees"),
  /** A difference a matching rule tolerated (rounding, FX). */
  ROUNDING("FX/rounding difference"),
  /** A difference a person chose to book when matching by hand. */
  MATCH_DIFFERENCE("manual match difference"),
  /** A bank charge on the statement that the ledger lacks. */
  BANK_CHARGE("bank charge"),
  /** Interest on the statement that the ledger lacks. */
  BANK_INTEREST("bank interest"),
  /** An exception written off with a reason. */
  WRITE_OFF("write-off");

  private final String label;

  CorrectionKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static CorrectionKind parse(String text) {
    String t = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    for (CorrectionKind kind : values()) {
      if (kind.name().equals(t)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown correction kind \""
            + text
            + "\" (expected one of "
            + java.util.Arrays.toString(values())
            + ")");
  }
}
