package dev.recon.matching;

import dev.recon.facts.Item;
import java.util.List;

/** What matching made of a set of items: the groups, and the items no rule could place. */
public record MatchOutcome(List<ProposedGroup> groups, List<Item> unmatched) {
  public MatchOutcome {
    groups = List.copyOf(groups);
    unmatched = List.copyOf(unmatched);
  }
}
