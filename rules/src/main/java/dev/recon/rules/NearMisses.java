package dev.recon.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why items were left unmatched: the near-miss rules report, per item, a counterpart that came
 * close and the condition that failed (or a reason with no counterpart). Only the closest few per
 * item are kept, ordered by closeness (lower is closer), then by the counterpart's natural key, so
 * the result is the same whatever order the rules fired in. A rule base global named {@code
 * nearMisses}; the engine renders counterparts as file and line.
 */
public final class NearMisses {
  public static final int PER_ITEM_MAX = 3;

  /**
   * @param otherId the counterpart's id, or null for a reason about the item alone
   */
  public record NearMiss(
      long itemId, Long otherId, String otherKey, long closeness, String reason) {}

  private static final Comparator<NearMiss> CLOSEST_FIRST =
      Comparator.comparingLong(NearMiss::closeness)
          .thenComparing(NearMiss::otherKey, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(NearMiss::reason);

  private final Map<Long, List<NearMiss>> byItem = new HashMap<>();

  public synchronized void add(MatchItem item, MatchItem other, long closeness, String reason) {
    byItem
        .computeIfAbsent(item.getId(), id -> new ArrayList<>())
        .add(
            new NearMiss(
                item.getId(),
                other == null ? null : other.getId(),
                other == null ? null : other.getNaturalKey(),
                closeness,
                reason));
  }

  /** The closest near misses of each item, at most {@link #PER_ITEM_MAX}. */
  public synchronized Map<Long, List<NearMiss>> closest() {
    Map<Long, List<NearMiss>> closest = new HashMap<>();
    byItem.forEach(
        (id, misses) -> {
          List<NearMiss> sorted = new ArrayList<>(misses);
          sorted.sort(CLOSEST_FIRST);
          closest.put(id, List.copyOf(sorted.subList(0, Math.min(PER_ITEM_MAX, sorted.size()))));
        });
    return closest;
  }

  /**
   * Why two items with the same reference did not match, naming only what failed: the amount
   * (against the tolerant rule's one currency unit) and the days apart (against the exact and
   * tolerant windows).
   */
  public static String sameReference(
      long deltaMinor, int days, long unitMinor, int exactDaysMax, int tolerantDaysMax) {
    StringBuilder text = new StringBuilder("same reference");
    if (deltaMinor == 0) {
      text.append(" and amount");
    } else {
      text.append("; amounts differ by ")
          .append(amount(deltaMinor, unitMinor))
          .append(deltaMinor > unitMinor ? " (tolerant allows " : " (within the tolerant ")
          .append(amount(unitMinor, unitMinor))
          .append(")");
    }
    text.append("; booked ")
        .append(days)
        .append(" day(s) apart (exact allows ")
        .append(exactDaysMax);
    return text.append(", tolerant ").append(tolerantDaysMax).append(")").toString();
  }

  /**
   * Why two items with the same amount did not match, naming each condition that failed: the
   * references' similarity (or a missing reference) against the tolerant threshold, and the days
   * apart against the tolerant window.
   */
  public static String sameAmount(
      int days,
      String reference,
      String otherReference,
      int similarityBp,
      int daysMax,
      int similarityMinBp) {
    List<String> failed = new ArrayList<>();
    if (reference == null || otherReference == null) {
      failed.add("a reference is missing (tolerant needs both)");
    } else if (similarityBp < similarityMinBp) {
      failed.add(
          "references \""
              + reference
              + "\" and \""
              + otherReference
              + "\" are only "
              + similarity(similarityBp)
              + " similar (tolerant needs "
              + similarity(similarityMinBp)
              + ")");
    }
    if (days > daysMax) {
      failed.add("booked " + days + " day(s) apart (tolerant allows " + daysMax + ")");
    }
    if (failed.isEmpty()) {
      failed.add("references differ");
    }
    return "same amount; " + String.join("; ", failed);
  }

  /** An amount in currency units for messages: 119050 minor units of EUR (unit 100) is 1190.50. */
  public static String amount(long minor, long unitMinor) {
    int scale = Long.toString(unitMinor).length() - 1;
    return BigDecimal.valueOf(minor, scale).toPlainString();
  }

  /** A similarity in basis points as a decimal, e.g. 9636 as 0.9636. */
  public static String similarity(int basisPoints) {
    return BigDecimal.valueOf(basisPoints, 4).toPlainString();
  }
}
