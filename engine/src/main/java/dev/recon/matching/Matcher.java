package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.rules.CandidateSink;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
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
    Decided decided = decide(proposeCandidates(items, ruleSet));
    return explain(decided, ruleSet);
  }

  /**
   * One partition's items and the candidates the rules proposed for them; a candidate's item of
   * ordinal {@code i} is {@code items.get(i)}.
   */
  public record Proposals(List<Item> items, List<MatchCandidate> candidates) {}

  /**
   * Stage 1: every candidate group the rules propose, per partition (Drools). No candidate spans
   * two partitions, which is what lets stage 2 decide each partition on its own.
   */
  public static List<Proposals> proposeCandidates(List<Item> items, RuleSet ruleSet) {
    return PartitionedRun.run(
        items,
        RuleBase.of(ruleSet),
        ruleSet.partitionable(),
        session -> {
          CandidateSink sink = new CandidateSink();
          session.set("candidates", sink);
          return partitionItems -> new Proposals(partitionItems, sink.candidates());
        });
  }

  /** The groups decided and the items left over, before they are explained. */
  public record Decided(List<ProposedGroup> groups, List<Item> unmatched) {}

  /**
   * Stage 2: the allocator's decisions, as groups, and the items no group took. Partitions are
   * decided in parallel; the groups come out in partition order.
   */
  public static Decided decide(List<Proposals> perPartition) {
    List<ProposedGroup> groups = new ArrayList<>();
    List<Item> unmatched = new ArrayList<>();
    for (Decided partition : PartitionedRun.inParallel(perPartition, Matcher::decidePartition)) {
      groups.addAll(partition.groups());
      unmatched.addAll(partition.unmatched());
    }
    return new Decided(groups, unmatched);
  }

  private static Decided decidePartition(Proposals proposals) {
    List<Item> items = proposals.items();
    boolean[] grouped = new boolean[items.size()];
    List<ProposedGroup> groups = new ArrayList<>();
    for (Allocator.Decision decision : Allocator.allocate(proposals.candidates(), items.size())) {
      groups.add(toGroup(decision, items));
      decision.candidate().items().forEach(item -> grouped[item.getOrdinal()] = true);
      if (decision.outcome() == Allocator.Outcome.AMBIGUOUS) {
        for (MatchCandidate rival : decision.rivals()) {
          rival.items().forEach(item -> grouped[item.getOrdinal()] = true);
        }
      }
    }
    List<Item> unmatched = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!grouped[i]) {
        unmatched.add(items.get(i));
      }
    }
    return new Decided(groups, unmatched);
  }

  /** Stage 3: why each leftover stayed unmatched (the rule set's near-miss rules). */
  public static MatchOutcome explain(Decided decided, RuleSet ruleSet) {
    return new MatchOutcome(
        decided.groups(), decided.unmatched(), WhyUnmatched.explain(decided.unmatched(), ruleSet));
  }

  private static ProposedGroup toGroup(Allocator.Decision decision, List<Item> items) {
    MatchCandidate candidate = decision.candidate();
    List<Item> members = candidate.items().stream().map(m -> items.get(m.getOrdinal())).toList();
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
        explain(decision, items),
        members,
        heldItems(decision, items));
  }

  /** An ambiguous decision's rivals' items that are not its own, once each, in id order. */
  private static List<Item> heldItems(Allocator.Decision decision, List<Item> items) {
    if (decision.outcome() != Allocator.Outcome.AMBIGUOUS) {
      return List.of();
    }
    Set<Long> own = new HashSet<>();
    decision.candidate().items().forEach(item -> own.add(item.getId()));
    TreeMap<Long, Item> held = new TreeMap<>();
    for (MatchCandidate rival : decision.rivals()) {
      for (MatchItem item : rival.items()) {
        if (!own.contains(item.getId())) {
          held.put(item.getId(), items.get(item.getOrdinal()));
        }
      }
    }
    return List.copyOf(held.values());
  }

  /** One sentence on the decision and the alternatives that lost (or tied). */
  static String explain(Allocator.Decision decision, List<Item> items) {
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
            .map(rival -> describeOthers(rival, c, items))
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
      MatchCandidate rival, MatchCandidate candidate, List<Item> items) {
    Set<Long> own = candidate.items().stream().map(MatchItem::getId).collect(Collectors.toSet());
    return rival.items().stream()
        .filter(item -> !own.contains(item.getId()))
        .map(item -> items.get(item.getOrdinal()).fact())
        .map(f -> f.side().label() + " " + f.origin())
        .collect(Collectors.joining(", "));
  }
}
