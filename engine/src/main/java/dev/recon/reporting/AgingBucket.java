package dev.recon.reporting;

/**
 * How long an item has been open: whole days from its booking date to the report date, in the
 * buckets reviewers work by. Bounds are inclusive; an item booked after the report date counts as 0
 * days old.
 */
public enum AgingBucket {
  DAYS_0_2("0-2 days", 2),
  DAYS_3_7("3-7 days", 7),
  DAYS_8_30("8-30 days", 30),
  OVER_30("over 30 days", Long.MAX_VALUE);

  private final String label;
  private final long maxDays;

  AgingBucket(String label, long maxDays) {
    this.label = label;
    this.maxDays = maxDays;
  }

  public String label() {
    return label;
  }

  public static AgingBucket of(long ageDays) {
    for (AgingBucket bucket : values()) {
      if (ageDays <= bucket.maxDays) {
        return bucket;
      }
    }
    throw new AssertionError("no bucket for " + ageDays + " days");
  }
}
