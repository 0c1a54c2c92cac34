package dev.recon.corrections;

/**
 * One line of a journal entry in minor units: exactly one of debit and credit is positive, the
 * other zero.
 */
public record JournalLine(String account, long debitMinor, long creditMinor, String memo) {
  public JournalLine {
    if (account == null || account.isBlank()) {
      throw new IllegalArgumentException("a journal line needs an account");
    }
    if (debitMinor < 0 || creditMinor < 0) {
      throw new IllegalArgumentException(
          "journal line on " + account + ": debit and credit are never negative");
    }
    if ((debitMinor == 0) == (creditMinor == 0)) {
      throw new IllegalArgumentException(
          "journal line on " + account + ": exactly one of debit and credit must be non-zero");
    }
  }

  public static JournalLine debit(String account, long minor, String memo) {
    return new JournalLine(account, minor, 0, memo);
  }

  public static JournalLine credit(String account, long minor, String memo) {
    return new JournalLine(account, 0, minor, memo);
  }
}
