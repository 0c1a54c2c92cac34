package dev.recon.rules;

import java.util.List;

/**
 * A group of items one rule says belong together, with what the rule tolerated to say so. Rules
 * only propose candidates; the engine's allocator assigns them in a fixed total order, so the
 * result never depends on the order facts were inserted or rules fired.
 *
 * @param priority lower is tried first: the rule's place in its rule set
 * @param automatic true when the rule accepts its matches, false when it only suggests them
 * @param confidenceBp the rule's confidence in basis points, 0 to 10000 (10000 = 1.00)
 * @param amountDeltaMinor absolute difference the rule tolerated between the sides, minor units
 * @param dayDistance how many days apart the dates were
 * @param similarityBp text similarity of the references in basis points, 10000 when equal
 * @param note what else the rule wants recorded, e.g. whether a subset search was exhausted; may be
 *     null
 */
public record MatchCandidate(
    String ruleName,
    int priority,
    boolean automatic,
    int confidenceBp,
    long amountDeltaMinor,
    int dayDistance,
    int similarityBp,
    String note,
    List<MatchItem> items) {

  public MatchCandidate {
    if (confidenceBp < 0 || confidenceBp > 10_000) {
      throw new IllegalArgumentException("confidence " + confidenceBp + " bp is outside 0..10000");
    }
    items = List.copyOf(items);
  }

  /** An exact candidate: nothing tolerated. */
  public static MatchCandidate exact(
      String ruleName, int priority, int confidenceBp, int dayDistance, List<MatchItem> items) {
    return new MatchCandidate(
        ruleName, priority, true, confidenceBp, 0, dayDistance, 10_000, null, items);
  }
}
