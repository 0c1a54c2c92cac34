package dev.recon.exceptions;

import java.util.Locale;

/** What an exception is about. */
public enum ExceptionType {
  /** An item no rule matched; the reason names the nearest candidates and the failed condition. */
  UNMATCHED("unmatched item"),
  /** An item two equally good matches compete for: a person must choose. */
  AMBIGUOUS("ambiguous match"),
  /** An item in a match a rule only suggests: a person accepts or rejects it. */
  SUGGESTED("suggested match"),
  /** A statement whose opening balance and entries do not give its closing balance. */
  BALANCE_BREAK("statement balance break"),
  /** A statement that does not continue from the account's previous one. */
  STATEMENT_CHAIN_BREAK("statement chain break"),
  /** A correction entry an approver rejected, back in the queue with the reason. */
  CORRECTION_REJECTED("rejected correction");

  private final String label;

  ExceptionType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ExceptionType parse(String text) {
    String t = text.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
    for (ExceptionType type : values()) {
      if (type.name().equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown exception type \""
            + text
            + "\" (expected unmatched, ambiguous, suggested, balance_break,"
            + " statement_chain_break or correction_rejected)");
  }
}
