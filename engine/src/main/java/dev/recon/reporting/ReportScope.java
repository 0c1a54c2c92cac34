package dev.recon.reporting;

import dev.recon.persistence.ReportStore;
import java.time.LocalDate;

/**
 * What a report covers. The reconciliation statement is as at {@code to} (everything booked up to
 * it; everything stored when null); the item tables and totals cover the items booked from {@code
 * from} to {@code to} (inclusive, null leaves that end open); with a run, the groups sheet and the
 * match rate per rule hold only that run's groups. Ages are days from the booking date to {@code
 * asOf}.
 */
public record ReportScope(LocalDate asOf, LocalDate from, LocalDate to, Long runId) {
  public ReportScope {
    if (asOf == null) {
      throw new IllegalArgumentException("a report needs a date to count ages to");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException(
          "the period starts (" + from + ") after it ends (" + to + ")");
    }
  }

  /** Everything booked up to and including a date, as at that date: a close's report. */
  public static ReportScope upTo(LocalDate date) {
    return new ReportScope(date, null, date, null);
  }

  /** The items booked in a period, as at its last day. */
  public static ReportScope period(LocalDate from, LocalDate to) {
    return new ReportScope(to, from, to, null);
  }

  /** The groups one matching run made, with everything booked up to a date. */
  public static ReportScope run(long runId, LocalDate date) {
    return new ReportScope(date, null, date, runId);
  }

  ReportStore.Period period() {
    return new ReportStore.Period(from, to, runId);
  }

  /** The scope in words, for the summary sheet's header. */
  String describe() {
    String items =
        from == null && to == null
            ? "all items"
            : from == null
                ? "items booked up to " + to
                : "items booked " + from + " to " + (to == null ? "today" : to);
    return items + (runId == null ? "" : ", groups of match run #" + runId) + "; ages to " + asOf;
  }
}
