package dev.recon.exceptions;

import java.util.Locale;

/**
 * The order of a list: by priority (highest first), age (oldest first), amount (largest absolute
 * first) or id (newest first) when {@code descending}; the reverse otherwise. Ties go by id.
 */
public record ExceptionSort(Key key, boolean descending) {
  public enum Key {
    PRIORITY,
    AGE,
    AMOUNT,
    ID
  }

  public static final ExceptionSort DEFAULT = new ExceptionSort(Key.PRIORITY, true);

  /** "priority", "age", "amount" or "id", with a leading "-" for the reverse (lowest first). */
  public static ExceptionSort parse(String text) {
    String t = text.strip();
    boolean reverse = t.startsWith("-");
    String name = (reverse ? t.substring(1) : t).toUpperCase(Locale.ROOT);
    for (Key key : Key.values()) {
      if (key.name().equals(name)) {
        return new ExceptionSort(key, !reverse);
      }
    }
    throw new IllegalArgumentException(
        "unknown sort \"" + text + "\" (expected priority, age, amount or id, - for the reverse)");
  }
}
