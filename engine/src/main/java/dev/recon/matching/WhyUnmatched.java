package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.rules.NearMisses;
import dev.recon.rules.NearMisses.NearMiss;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * Says why each unmatched item stayed unmatched, by running the rule set's near-miss rules on the
 * unmatched items: the closest counterparts with the condition that failed, or a reason of the
 * item's own (a payout not yet on the bank statement). Items no near-miss rule speaks of get a
 * plain statement that nothing came close.
 */
final class WhyUnmatched {
  static final String NOTHING_CLOSE =
      "no unmatched item on the other side shares its reference, or its amount within 10 days";

  private WhyUnmatched() {}

  static Map<Long, String> explain(List<Item> unmatched, RuleSet ruleSet) {
    Map<Long, String> reasons = new HashMap<>();
    KieBase kieBase = RuleBase.whyOf(ruleSet);
    if (kieBase == null || unmatched.isEmpty()) {
      unmatched.forEach(item -> reasons.put(item.id(), NOTHING_CLOSE));
      return reasons;
    }
    Map<Long, Item> byId = new HashMap<>();
    unmatched.forEach(item -> byId.put(item.id(), item));
    List<Map<Long, List<NearMiss>>> perPartition =
        PartitionedRun.run(
            unmatched,
            Map.of(),
            kieBase,
            ruleSet,
            session -> {
              NearMisses nearMisses = new NearMisses();
              session.set("nearMisses", nearMisses);
              return partitionItems -> nearMisses.closest();
            });
    for (Item item : unmatched) {
      reasons.put(item.id(), NOTHING_CLOSE);
    }
    for (Map<Long, List<NearMiss>> partition : perPartition) {
      partition.forEach((id, misses) -> reasons.put(id, render(misses, byId)));
    }
    return reasons;
  }

  private static String render(List<NearMiss> misses, Map<Long, Item> byId) {
    StringBuilder text = new StringBuilder("Nearest: ");
    for (int i = 0; i < misses.size(); i++) {
      NearMiss miss = misses.get(i);
      if (i > 0) {
        text.append(" | ");
      }
      if (miss.otherId() != null) {
        Fact other = byId.get(miss.otherId()).fact();
        text.append(other.side().label()).append(' ').append(other.origin()).append(": ");
      }
      text.append(miss.reason());
    }
    return text.toString();
  }
}
