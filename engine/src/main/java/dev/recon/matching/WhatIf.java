package dev.recon.matching;

import dev.recon.facts.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a proposed rule set would do differently from the current one on the same items: the groups
 * that would appear, disappear or be made by another rule, and the groups per rule under each. Both
 * sets match the items from scratch in memory; nothing is written, so a team can try a rule before
 * switching to it.
 */
public final class WhatIf {
  private WhatIf() {}

  /** One difference, with its members described as side and file:line. */
  public record Change(Kind kind, String members, String before, String after) {}

  public enum Kind {
    APPEARS,
    DISAPPEARS,
    CHANGES
  }

  /**
   * @param perRule for each rule name, its groups under the current set and under the proposed
   */
  public record Result(int items, List<Change> changes, Map<String, int[]> perRule) {
    public long count(Kind kind) {
      return changes.stream().filter(change -> change.kind() == kind).count();
    }
  }

  public static Result compare(List<Item> items, RuleSet current, RuleSet proposed) {
    Map<String, ProposedGroup> before = byMembers(Matcher.match(items, current));
    Map<String, ProposedGroup> after = byMembers(Matcher.match(items, proposed));
    List<Change> changes = new ArrayList<>();
    Map<String, int[]> perRule = new TreeMap<>();
    before.values().forEach(g -> perRule.computeIfAbsent(g.ruleName(), r -> new int[2])[0]++);
    after.values().forEach(g -> perRule.computeIfAbsent(g.ruleName(), r -> new int[2])[1]++);
    for (Map.Entry<String, ProposedGroup> entry : after.entrySet()) {
      ProposedGroup was = before.get(entry.getKey());
      ProposedGroup now = entry.getValue();
      if (was == null) {
        changes.add(new Change(Kind.APPEARS, describe(now), null, label(now)));
      } else if (!label(was).equals(label(now))) {
        changes.add(new Change(Kind.CHANGES, describe(now), label(was), label(now)));
      }
    }
    for (Map.Entry<String, ProposedGroup> entry : before.entrySet()) {
      if (!after.containsKey(entry.getKey())) {
        ProposedGroup was = entry.getValue();
        changes.add(new Change(Kind.DISAPPEARS, describe(was), label(was), null));
      }
    }
    return new Result(items.size(), changes, perRule);
  }

  /** Groups keyed by their members' natural keys, which do not depend on database ids. */
  private static Map<String, ProposedGroup> byMembers(MatchOutcome outcome) {
    Map<String, ProposedGroup> groups = new TreeMap<>();
    for (ProposedGroup group : outcome.groups()) {
      String key =
          group.items().stream().map(Item::naturalKey).sorted().collect(Collectors.joining("|"));
      groups.put(key, group);
    }
    return groups;
  }

  private static String label(ProposedGroup group) {
    return group.ruleName()
        + (group.accepted()
            ? ""
            : " (" + group.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  private static String describe(ProposedGroup group) {
    return group.items().stream()
        .map(item -> item.fact().side().label() + " " + item.fact().origin())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
