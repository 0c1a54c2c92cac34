package dev.recon.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How old an exception is and how urgent. Age is in days from the aging date (the item's booking
 * date, or the statement's date for an account exception) to an as-of date, never below zero. The
 * buckets are 0-2, 3-7, 8-30 and over 30 days, all inclusive.
 *
 * <p>Priority is {@code age in days + 10 x the number of digits of the amount in whole currency
 * units}: 0.99 EUR scores 0 for its amount, 9.99 EUR 10, 1,000.00 EUR 40. So a 1,000 EUR item ranks
 * with a 10 EUR item twenty days older. Because age is as-of minus aging date, priority equals
 * {@link #priorityKey} plus the as-of date's epoch day: the stored key orders exceptions by
 * priority whatever the as-of date, which lets the database sort by it through an index.
 */
public final class Aging {
  /** Points per decimal digit of the whole-unit amount. */
  public static final int POINTS_PER_AMOUNT_DIGIT = 10;

  private Aging() {}

  /** An aging bucket, with its bounds in days (inclusive; {@code maxDays} -1 for no bound). */
  public enum Bucket {
    DAYS_0_2("0-2", 0, 2),
    DAYS_3_7("3-7", 3, 7),
    DAYS_8_30("8-30", 8, 30),
    OVER_30("over 30", 31, -1);

    private final String label;
    private final int minDays;
    private final int maxDays;

    Bucket(String label, int minDays, int maxDays) {
      this.label = label;
      this.minDays = minDays;
      this.maxDays = maxDays;
    }

    public String label() {
      return label;
    }

    public int minDays() {
      return minDays;
    }

    /** The largest age in the bucket, or -1 for the last, open-ended one. */
    public int maxDays() {
      return maxDays;
    }

    /** The latest aging date in this bucket as of a day (inclusive). */
    public LocalDate latestDate(LocalDate asOf) {
      return asOf.minusDays(minDays);
    }

    /** The earliest aging date in this bucket as of a day (inclusive), or null for no bound. */
    public LocalDate earliestDate(LocalDate asOf) {
      return maxDays < 0 ? null : asOf.minusDays(maxDays);
    }

    public static Bucket of(long ageDays) {
      for (Bucket bucket : values()) {
        if (ageDays >= bucket.minDays && (bucket.maxDays < 0 || ageDays <= bucket.maxDays)) {
          return bucket;
        }
      }
      return DAYS_0_2;
    }

    /** A bucket by its label ("0-2", "3-7", "8-30", "over 30" or "30+") or its name. */
    public static Bucket parse(String text) {
      String t = text.strip();
      for (Bucket bucket : values()) {
        if (bucket.label.equalsIgnoreCase(t) || bucket.name().equalsIgnoreCase(t)) {
          return bucket;
        }
      }
      if (t.equals("30+") || t.equals(">30")) {
        return OVER_30;
      }
      throw new IllegalArgumentException(
          "unknown aging bucket \"" + text + "\" (expected 0-2, 3-7, 8-30 or over 30)");
    }
  }

  /** Days from the aging date to the as-of date; 0 for a date after it. */
  public static long ageDays(LocalDate agingDate, LocalDate asOf) {
    return Math.max(0, ChronoUnit.DAYS.between(agingDate, asOf));
  }

  /** The amount's share of the priority: 10 points per digit of its whole units. */
  public static int amountPoints(long amountMinor, int scale) {
    long whole = Math.abs(amountMinor);
    for (int i = 0; i < scale; i++) {
      whole /= 10;
    }
    int digits = whole == 0 ? 0 : Long.toString(whole).length();
    return POINTS_PER_AMOUNT_DIGIT * digits;
  }

  /** The as-of-independent sort key: amount points minus the aging date's epoch day. */
  public static int priorityKey(long amountMinor, int scale, LocalDate agingDate) {
    return Math.toIntExact(amountPoints(amountMinor, scale) - agingDate.toEpochDay());
  }

  /** The priority as of a day, from the stored key (age clamped at zero as {@link #ageDays}). */
  public static long priority(int priorityKey, LocalDate agingDate, LocalDate asOf) {
    long points = priorityKey + agingDate.toEpochDay();
    return points + ageDays(agingDate, asOf);
  }
}
