package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matching scenarios written as small text tables, so tests read like the statements they model:
 *
 * <pre>
 * name side    account ccy amount  date       ref     payout counterparty
 * b1   bank    OPS     EUR 100.00  2026-11-02 INV-1   -
 * l1   ledger  OPS     EUR 100.00  2026-11-04 INV-1   -
 * </pre>
 *
 * An optional tenth column, {@code gross}, gives a gateway transaction's gross; its fee is the
 * gross minus the amount (the net). A {@code -} is an empty field. Items get ids in table order and
 * their names as natural keys, so a test can shuffle or renumber them and expect the same groups.
 * Names that differ only after a {@code #} ({@code fee#1}, {@code fee#2}) mark rows of identical
 * content, as the importer's fingerprint#occurrence keys do.
 */
final class Scenario {
  private final List<Item> items;
  private final Map<Long, String> names;

  private Scenario(List<Item> items, Map<Long, String> names) {
    this.items = items;
    this.names = names;
  }

  static Scenario parse(String table) {
    List<Item> items = new ArrayList<>();
    Map<Long, String> names = new TreeMap<>();
    long id = 1;
    for (String line : table.strip().split("\\R")) {
      String[] f = line.strip().split("\\s+");
      if (f[0].equals("name") || f[0].isEmpty()) {
        continue;
      }
      items.add(item(id, f));
      names.put(id, f[0]);
      id++;
    }
    return new Scenario(items, names);
  }

  private static Item item(long id, String[] f) {
    return RuleExamples.item(id, f, new Origin("scenario", (int) id));
  }

  List<Item> items() {
    return items;
  }

  /**
   * The groups found, sorted, each as its members' names joined by '+' and its rule; groups that
   * were not accepted say so: {@code b1+l1 AMBIGUOUS by Exact bank to ledger}.
   */
  TreeSet<String> groups(MatchOutcome outcome) {
    TreeSet<String> groups = new TreeSet<>();
    for (ProposedGroup group : outcome.groups()) {
      TreeSet<String> members = new TreeSet<>();
      group.items().forEach(item -> members.add(item.naturalKey()));
      String status = group.accepted() ? "" : " " + group.status();
      groups.add(String.join("+", members) + status + " by " + group.ruleName());
    }
    return groups;
  }

  String name(long id) {
    return names.get(id);
  }
}
