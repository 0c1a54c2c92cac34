package dev.recon.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small functions rule files call on groups of items. */
public final class MatchItems {
  private MatchItems() {}

  /** Exact sum of the items' amounts in minor units; overflow is an error, never a wrap. */
  public static long sumMinor(Collection<?> items) {
    long sum = 0;
    for (Object item : items) {
      sum = Math.addExact(sum, ((MatchItem) item).getAmountMinor());
    }
    return sum;
  }

  /**
   * The confidence of a tolerant match in basis points: the reference similarity scaled to at most
   * 9500, less 100 per day apart and less up to 1000 for an amount difference of a whole unit. An
   * exact match is 10000; a tolerant one never reaches it.
   */
  public static int tolerantConfidenceBp(
      int similarityBp, long amountDeltaMinor, long unitMinor, int dayDistance) {
    long confidence =
        similarityBp * 95L / 100 - 100L * dayDistance - 1000L * amountDeltaMinor / unitMinor;
    return (int) Math.max(0, confidence);
  }

  /** A tolerant one-to-one candidate, with what it tolerated measured on booking days. */
  public static MatchCandidate tolerant(
      String ruleName, int priority, boolean automatic, MatchItem anchor, MatchItem other) {
    long delta = Math.abs(anchor.getAmountMinor() - other.getAmountMinor());
    int days = Math.abs(anchor.getBookingDay() - other.getBookingDay());
    int similarity = Similarity.jaroWinklerBp(anchor.getReference(), other.getReference());
    return new MatchCandidate(
        ruleName,
        priority,
        automatic,
        tolerantConfidenceBp(similarity, delta, anchor.getUnitMinor(), days),
        delta,
        days,
        similarity,
        null,
        List.of(anchor, other));
  }

  /**
   * Proposes every subset of the pool (at most two) that sums exactly to the anchor's amount, as
   * one-to-many candidates recording how the search ended. The confidence is 0.90 less 0.02 per
   * item beyond two, so a smaller explanation ranks higher.
   */
  public static void subsets(
      CandidateSink sink,
      String ruleName,
      int priority,
      boolean automatic,
      MatchItem anchor,
      Collection<?> pool,
      int itemsMax,
      int candidatesMax) {
    SubsetSum.Result result =
        SubsetSum.find(anchor.getAmountMinor(), pool, itemsMax, candidatesMax);
    for (List<MatchItem> subset : result.solutions()) {
      int days = 0;
      for (MatchItem item : subset) {
        days = Math.max(days, Math.abs(item.getBookingDay() - anchor.getBookingDay()));
      }
      List<MatchItem> members = new ArrayList<>(subset.size() + 1);
      members.add(anchor);
      members.addAll(subset);
      sink.add(
          new MatchCandidate(
              ruleName,
              priority,
              automatic,
              9000 - 200 * (subset.size() - 2),
              0,
              days,
              10_000,
              result.note(),
              members));
    }
  }

  /**
   * Whether two amounts differ by at most a percentage of the anchor's amount, inclusive, in exact
   * integer arithmetic: |anchor - other| * 10000 <= percentBp * |anchor| (50 bp = 0.5 %).
   */
  public static boolean withinPercent(long anchorMinor, long otherMinor, int percentBp) {
    long delta = Math.abs(Math.subtractExact(anchorMinor, otherMinor));
    return Math.multiplyExact(delta, 10_000L)
        <= Math.multiplyExact((long) percentBp, Math.abs(anchorMinor));
  }

  /** The largest distance in days between the anchor and any of the others. */
  public static int daysApart(MatchItem anchor, Collection<?> others) {
    int days = 0;
    for (Object other : others) {
      days = Math.max(days, Math.abs(((MatchItem) other).getBookingDay() - anchor.getBookingDay()));
    }
    return days;
  }

  public static List<MatchItem> with(MatchItem first, Collection<?> rest) {
    List<MatchItem> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    for (Object item : rest) {
      all.add((MatchItem) item);
    }
    return all;
  }
}
