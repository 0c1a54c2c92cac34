package dev.recon.matching;

import dev.recon.facts.Item;
import java.util.List;
import java.util.Map;

/**
 * What matching made of a set of items: the groups, the items no rule could place, and for each of
 * those (by item id) why: its nearest counterparts and the condition each missed.
 */
public record MatchOutcome(
    List<ProposedGroup> groups, List<Item> unmatched, Map<Long, String> whyUnmatched) {
  public MatchOutcome {
    groups = List.copyOf(groups);
    unmatched = List.copyOf(unmatched);
    whyUnmatched = Map.copyOf(whyUnmatched);
  }
}
