package dev.recon.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One group a grouped rule may form: a value of its group key (a payout id, a shared reference)
 * within a block (account and currency, or currency). Inserted once per group, so a grouped rule
 * runs once per group rather than once per item.
 */
public record GroupKey(int rule, String block, String key) {
  public int getRule() {
    return rule;
  }

  public String getBlock() {
    return block;
  }

  public String getKey() {
    return key;
  }

  /** The groups of every spec among the items, in first-seen order. */
  public static List<GroupKey> of(List<MatchItem> items, List<GroupSpec> specs) {
    List<GroupKey> keys = new ArrayList<>();
    for (GroupSpec spec : specs) {
      Map<GroupKey, Integer> counts = new LinkedHashMap<>();
      for (MatchItem item : items) {
        String key = spec.takes(item) ? spec.keyOf(item) : null;
        if (key != null) {
          counts.merge(new GroupKey(spec.rule(), spec.blockOf(item), key), 1, Integer::sum);
        }
      }
      counts.forEach(
          (group, count) -> {
            if (count >= spec.itemsMin()) {
              keys.add(group);
            }
          });
    }
    return keys;
  }
}
