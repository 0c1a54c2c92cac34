package dev.recon.rules;

import java.util.List;

/**
 * A group of items one rule says belong together. Rules only propose candidates; the engine then
 * assigns them in a fixed total order, so the result does not depend on the order facts were
 * inserted or rules fired.
 *
 * @param priority lower is tried first; a rule's place in its rule set
 * @param confidence a decimal in [0, 1] as text, e.g. {@code "1.00"}
 * @param automatic true when the rule accepts its matches, false when it only suggests them
 * @param dayDistance how far apart the dates are; among equal priorities the closer match wins
 */
public record MatchCandidate(
    String ruleName,
    int priority,
    String confidence,
    boolean automatic,
    int dayDistance,
    List<MatchItem> items) {

  public MatchCandidate {
    items = List.copyOf(items);
  }
}
