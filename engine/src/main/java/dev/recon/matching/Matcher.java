package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.rules.CandidateSink;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The matching core: items and a rule set in, groups and leftovers out. It reads no clock, file or
 * database. Drools finds every candidate group the rules allow; the {@link Allocator} then decides
 * in one total order, so an item lands in at most one group and the same inputs give the same
 * groups whatever order they came in.
 */
public final class Matcher {
  private static final int RIVALS_DESCRIBED_MAX = 5;

  private Matcher() {}

  public static MatchOutcome match(List<Item> items, RuleSet ruleSet) {
    Decided decided = decide(items, proposeCandidates(items, ruleSet));
    return explain(decided, ruleSet);
  }

  /**
   * Stage 1: every candidate group the rules propose, per partition (Drools). No candidate spans
   * two partitions, which is what lets stage 2 decide each partition on its own.
   */
  public static List<List<MatchCandidate>> proposeCandidates(List<Item> items, RuleSet ruleSet) {
    return PartitionedRun.run(
        items,
        RuleBase.of(ruleSet),
        ruleSet.partitionable(),
        session -> {
          CandidateSink sink = new CandidateSink();
          session.set("candidates", sink);
          return sink::candidates;
        });
  }

  /** The groups decided and the items left over, before they are explained. */
  public record Decided(List<ProposedGroup> groups, List<Item> unmatched) {}

  /**
   * Stage 2: the allocator's decisions, as groups, and the items no group took. Partitions are
   * decided in parallel; the groups come out in partition order.
   */
  public static Decided decide(List<Item> items, List<List<MatchCandidate>> perPartition) {
    Map<Long, Item> byId = new HashMap<>();
    for (Item item : items) {
      byId.put(item.id(), item);
    }
    List<ProposedGroup> groups = new ArrayList<>();
    PartitionedRun.inParallel(
            perPartition,
            candidates ->
                Allocator.allocate(candidates).stream()
                    .map(decision -> toGroup(decision, byId))
                    .toList())
        .forEach(groups::addAll);
    Set<Long> grouped = new HashSet<>();
    groups.forEach(group -> group.items().forEach(item -> grouped.add(item.id())));
    groups.forEach(group -> group.heldItems().forEach(item -> grouped.add(item.id())));
    List<Item> unmatched = items.stream().filter(item -> !grouped.contains(item.id())).toList();
    return new Decided(groups, unmatched);
  }

  /** Stage 3: why each leftover stayed unmatched (the rule set's near-miss rules). */
  public static MatchOutcome explain(Decided decided, RuleSet ruleSet) {
    return new MatchOutcome(
        decided.groups(), decided.unmatched(), WhyUnmatched.explain(decided.unmatched(), ruleSet));
  }

  private static ProposedGroup toGroup(Allocator.Decision decision, Map<Long, Item> byId) {
    MatchCandidate candidate = decision.candidate();
    List<Item> members = candidate.items().stream().map(m -> byId.get(m.getId())).toList();
    return new ProposedGroup(
        candidate.ruleName(),
        ProposedGroup.Status.valueOf(decision.outcome().name()),
        BigDecimal.valueOf(candidate.confidenceBp(), 4),
        members.get(0).fact().currencyCode(),
        GroupSums.differenceMinor(members),
        candidate.amountDeltaMinor(),
        candidate.dayDistance(),
        candidate.similarityBp(),
        GroupSums.feeTotalMinor(members),
        explain(decision, byId),
        members,
        heldItems(decision, byId));
  }

  /** An ambiguous decision's rivals' items that are not its own, once each, in id order. */
  private static List<Item> heldItems(Allocator.Decision decision, Map<Long, Item> byId) {
    if (decision.outcome() != Allocator.Outcome.AMBIGUOUS) {
      return List.of();
    }
    Set<Long> own = new HashSet<>();
    decision.candidate().items().forEach(item -> own.add(item.getId()));
    java.util.TreeSet<Long> held = new java.util.TreeSet<>();
    for (MatchCandidate rival : decision.rivals()) {
      rival.items().forEach(item -> held.add(item.getId()));
    }
    held.removeAll(own);
    return held.stream().map(byId::get).toList();
  }

  /** One sentence on the decision and the alternatives that lost (or tied). */
  static String explain(Allocator.Decision decision, Map<Long, Item> byId) {
    MatchCandidate c = decision.candidate();
    // Built with plain concatenation: this runs once per group, a million times in a large run.
    String tolerated =
        c.dayDistance()
            + " day(s) apart, amount difference "
            + c.amountDeltaMinor()
            + " minor units, reference similarity "
            + BigDecimal.valueOf(c.similarityBp(), 4).toPlainString();
    String rivals =
        decision.rivals().stream()
            .limit(RIVALS_DESCRIBED_MAX)
            .map(rival -> describeOthers(rival, c, byId))
            .collect(Collectors.joining("; "));
    if (decision.rivals().size() > RIVALS_DESCRIBED_MAX) {
      rivals += "; and " + (decision.rivals().size() - RIVALS_DESCRIBED_MAX) + " more";
    }
    if (c.note() != null) {
      tolerated += "; " + c.note();
    }
    return switch (decision.outcome()) {
      case AMBIGUOUS ->
          "Ambiguous: "
              + decision.rivals().size()
              + " equally good alternative(s) ("
              + rivals
              + "); "
              + tolerated
              + ". Review and choose.";
      case SUGGESTED -> "Suggested by a review-only rule: " + tolerated + ".";
      case ACCEPTED ->
          "Accepted: "
              + tolerated
              + (rivals.isEmpty() ? "; no alternative." : "; next best: " + rivals + ".");
    };
  }

  /** The rival's items that are not in the candidate, as file:line. */
  private static String describeOthers(
      MatchCandidate rival, MatchCandidate candidate, Map<Long, Item> byId) {
    Set<Long> own = candidate.items().stream().map(MatchItem::getId).collect(Collectors.toSet());
    return rival.items().stream()
        .filter(item -> !own.contains(item.getId()))
        .map(item -> byId.get(item.getId()).fact())
        .map(f -> f.side().label() + " " + f.origin())
        .collect(Collectors.joining(", "));
  }
}
