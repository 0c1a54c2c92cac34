package dev.recon.matching;

import dev.recon.facts.Item;
import java.math.BigDecimal;
import java.util.List;

/**
 * Items a rule put together, what the rule tolerated, and what the allocator decided.
 *
 * @param differenceMinor the amounts on the first member's side minus those on the other sides;
 *     zero for an exact match
 * @param feeTotalMinor the gateway fees of the members (a payout's fees), for the correction step
 * @param heldItems for an ambiguous group, its equally good rivals' other items: they wait for the
 *     same review
 * @param explanation one sentence for the audit trail and the reviewer: why these items, and what
 *     the nearest alternatives were
 */
public record ProposedGroup(
    String ruleName,
    Status status,
    BigDecimal confidence,
    String currency,
    long differenceMinor,
    long amountDeltaMinor,
    int dayDistance,
    int similarityBp,
    long feeTotalMinor,
    String explanation,
    List<Item> items,
    List<Item> heldItems) {

  /** ACCEPTED groups are matches; SUGGESTED and AMBIGUOUS ones wait for a person. */
  public enum Status {
    ACCEPTED,
    SUGGESTED,
    AMBIGUOUS
  }

  public ProposedGroup {
    items = List.copyOf(items);
    heldItems = List.copyOf(heldItems);
  }

  public boolean accepted() {
    return status == Status.ACCEPTED;
  }
}
