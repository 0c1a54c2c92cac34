package dev.recon.exceptions;

import java.util.Locale;

/**
 * Where an exception is in its work: OPEN (nobody has it), ASSIGNED (someone has it), IN_REVIEW
 * (being checked), and the two ends: RESOLVED (matched, booked or explained) and WRITTEN_OFF.
 */
public enum ExceptionStatus {
  OPEN,
  ASSIGNED,
  IN_REVIEW,
  RESOLVED,
  WRITTEN_OFF;

  public boolean isOpen() {
    return this == OPEN || this == ASSIGNED || this == IN_REVIEW;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  public static ExceptionStatus parse(String text) {
    String t = text.strip().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    for (ExceptionStatus status : values()) {
      if (status.name().equals(t)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown status \""
            + text
            + "\" (expected open, assigned, in_review, resolved or written_off)");
  }
}
