package dev.recon.matching;

import dev.recon.facts.Item;
import java.math.BigDecimal;
import java.util.List;

/**
 * Items a rule put together, with what the rule said of them.
 *
 * @param differenceMinor the amounts on the first member's side minus those on the other sides;
 *     zero for an exact match
 */
public record ProposedGroup(
    String ruleName,
    boolean automatic,
    BigDecimal confidence,
    String currency,
    long differenceMinor,
    List<Item> items) {

  public ProposedGroup {
    items = List.copyOf(items);
  }
}
