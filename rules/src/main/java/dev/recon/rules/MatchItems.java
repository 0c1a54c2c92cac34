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
    return tolerantConfidenceBp(9500, similarityBp, amountDeltaMinor, unitMinor, dayDistance);
  }

  /**
   * The confidence of a tolerant match in basis points: the rule's confidence scaled by the text
   * similarity, less 100 per day apart and less up to 1000 for an amount difference of a whole
   * currency unit.
   */
  public static int tolerantConfidenceBp(
      int ruleConfidenceBp,
      int similarityBp,
      long amountDeltaMinor,
      long unitMinor,
      int dayDistance) {
    long confidence =
        (long) similarityBp * ruleConfidenceBp / 10_000
            - 100L * dayDistance
            - 1000L * amountDeltaMinor / unitMinor;
    return (int) Math.max(0, confidence);
  }

  /** A tolerant one-to-one candidate scored on reference similarity, with confidence 0.95. */
  public static MatchCandidate tolerant(
      String ruleName, int priority, boolean automatic, MatchItem anchor, MatchItem other) {
    return tolerant(ruleName, priority, automatic, 9500, "reference", false, anchor, other);
  }

  /**
   * A tolerant one-to-one candidate, with what it tolerated: the amount difference, the days apart
   * (on the value dates when the rule compares those, else the booking dates), and the similarity
   * of the named text field (reference or counterparty; 1.00 when null, for a rule that compares no
   * text).
   */
  public static MatchCandidate tolerant(
      String ruleName,
      int priority,
      boolean automatic,
      int confidenceBp,
      String similarField,
      boolean valueDates,
      MatchItem anchor,
      MatchItem other) {
    long delta = Math.abs(anchor.getAmountMinor() - other.getAmountMinor());
    int days = daysApart(anchor, other, valueDates);
    int similarity =
        similarField == null
            ? 10_000
            : Similarity.jaroWinklerBp(text(anchor, similarField), text(other, similarField));
    return new MatchCandidate(
        ruleName,
        priority,
        automatic,
        tolerantConfidenceBp(confidenceBp, similarity, delta, anchor.getUnitMinor(), days),
        delta,
        days,
        similarity,
        null,
        List.of(anchor, other));
  }

  private static String text(MatchItem item, String field) {
    return "counterparty".equals(field) ? item.getCounterparty() : item.getReference();
  }

  /** Whether the text contains the part; never when either is missing. */
  public static boolean contains(String text, String part) {
    return text != null && part != null && text.contains(part);
  }

  private static final java.util.Map<String, java.util.regex.Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Whether the whole text matches the regular expression; never when the text is missing. */
  public static boolean matches(String text, String regex) {
    return text != null
        && PATTERNS
            .computeIfAbsent(regex, java.util.regex.Pattern::compile)
            .matcher(text)
            .matches();
  }

  /** The sum of the items' gross amounts (a gateway transaction's before fees), minor units. */
  public static long sumGrossMinor(Collection<?> items) {
    long sum = 0;
    for (Object item : items) {
      sum = Math.addExact(sum, ((MatchItem) item).getGrossMinor());
    }
    return sum;
  }

  /** The sum of the items' fees (gross minus net), minor units. */
  public static long sumFeeMinor(Collection<?> items) {
    return Math.subtractExact(sumGrossMinor(items), sumMinor(items));
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
    subsets(sink, ruleName, priority, automatic, 9000, anchor, pool, itemsMax, candidatesMax);
  }

  /**
   * As {@link #subsets(CandidateSink, String, int, boolean, MatchItem, Collection, int, int)}, with
   * the rule's confidence for a pair, less 0.02 per item beyond two.
   */
  public static void subsets(
      CandidateSink sink,
      String ruleName,
      int priority,
      boolean automatic,
      int confidenceBp,
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
              Math.max(0, confidenceBp - 200 * (subset.size() - 2)),
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

  /** Days between two items, on their value dates or their booking dates. */
  public static int daysApart(MatchItem a, MatchItem b, boolean valueDates) {
    return valueDates
        ? Math.abs(a.getValueDay() - b.getValueDay())
        : Math.abs(a.getBookingDay() - b.getBookingDay());
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
