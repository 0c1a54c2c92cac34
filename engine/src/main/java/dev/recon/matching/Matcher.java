package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.rules.CandidateSink;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    return match(items, ruleSet, Map.of());
  }

  /**
   * @param matchedIn the scopes some of the items (gateway transactions) are already matched in:
   *     they are offered only for the others, and are not left over when nothing more matches them
   */
  public static MatchOutcome match(
      List<Item> items, RuleSet ruleSet, Map<Long, Set<Scope>> matchedIn) {
    return explain(decide(proposeCandidates(items, matchedIn, ruleSet)), ruleSet);
  }

  /** The candidates of every partition, with what they were proposed over. */
  public record Proposed(
      List<Item> items, Map<Long, Set<Scope>> matchedIn, List<Proposals> partitions) {}

  /**
   * One partition and the candidates the rules proposed in it; a candidate's item of ordinal {@code
   * i} is {@code partition.items().get(i)}.
   */
  record Proposals(Partitions.Partition partition, List<MatchCandidate> candidates) {}

  /**
   * Stage 1: every candidate group the rules propose, per partition (Drools). No candidate spans
   * two partitions, which is what lets stage 2 decide each partition on its own.
   */
  public static Proposed proposeCandidates(
      List<Item> items, Map<Long, Set<Scope>> matchedIn, RuleSet ruleSet) {
    List<Proposals> partitions =
        PartitionedRun.run(
            items,
            matchedIn,
            RuleBase.of(ruleSet),
            ruleSet,
            session -> {
              CandidateSink sink = new CandidateSink();
              session.set("candidates", sink);
              return partition -> new Proposals(partition, sink.candidates());
            });
    return new Proposed(items, matchedIn, partitions);
  }

  /** The groups decided and the items left over, before they are explained. */
  public record Decided(List<ProposedGroup> groups, List<Item> unmatched) {}

  /**
   * One partition's groups, and the input positions of the items they settle: take or hold in any
   * group, except that a gateway transaction is settled only by its payout's group.
   */
  private record PartitionDecided(List<ProposedGroup> groups, List<Integer> settled) {}

  /**
   * Stage 2: the allocator's decisions, as groups, and the items no group took, in input order.
   * Partitions are decided in parallel; the groups come out in partition order.
   */
  public static Decided decide(Proposed proposed) {
    List<Item> items = proposed.items();
    boolean[] taken = new boolean[items.size()];
    List<ProposedGroup> groups = new ArrayList<>();
    for (PartitionDecided partition :
        PartitionedRun.inParallel(
            proposed.partitions(), p -> decidePartition(p, proposed.matchedIn()))) {
      groups.addAll(partition.groups());
      partition.settled().forEach(position -> taken[position] = true);
    }
    // Left over: what no group settles now and no earlier run settled. A gateway transaction
    // counts as settled only in its payout (the money reached the bank); one booked in the
    // ledger but not yet paid out stays open.
    List<Item> unmatched = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Set<Scope> before = proposed.matchedIn().getOrDefault(items.get(i).id(), Set.of());
      if (!taken[i] && !before.contains(Scope.SETTLEMENT)) {
        unmatched.add(items.get(i));
      }
    }
    return new Decided(groups, unmatched);
  }

  /**
   * One partition's share of a run (a worker's): its candidates and decisions, exactly as {@link
   * #decide} makes them for this partition.
   *
   * @return the groups, and the positions (as {@code partition.positions()} gives them) of the
   *     items they settle
   */
  static PartitionResult matchPartition(
      Partitions.Partition partition, Map<Long, Set<Scope>> matchedIn, RuleSet ruleSet) {
    Proposals proposals =
        PartitionedRun.inSession(
            partition,
            RuleBase.of(ruleSet),
            ruleSet.groupSpecs(),
            session -> {
              CandidateSink sink = new CandidateSink();
              session.set("candidates", sink);
              return p -> new Proposals(p, sink.candidates());
            });
    PartitionDecided decided = decidePartition(proposals, matchedIn);
    return new PartitionResult(decided.groups(), decided.settled());
  }

  /** See {@link #matchPartition}. */
  record PartitionResult(List<ProposedGroup> groups, List<Integer> settledPositions) {}

  private static PartitionDecided decidePartition(
      Proposals proposals, Map<Long, Set<Scope>> matchedIn) {
    List<Item> items = proposals.partition().items();
    int[] positions = proposals.partition().positions();
    List<MatchCandidate> open = proposals.candidates();
    if (!matchedIn.isEmpty()) {
      open = open.stream().filter(c -> !alreadyMatched(c, items, matchedIn)).toList();
    }
    List<ProposedGroup> groups = new ArrayList<>();
    List<Integer> settled = new ArrayList<>();
    for (Allocator.Decision decision : Allocator.allocate(open, items.size())) {
      groups.add(toGroup(decision, items));
      List<MatchCandidate> involved = new ArrayList<>(List.of(decision.candidate()));
      if (decision.outcome() == Allocator.Outcome.AMBIGUOUS) {
        involved.addAll(decision.rivals());
      }
      for (MatchCandidate candidate : involved) {
        boolean sales = Allocator.scopeOf(candidate) == Scope.SALES;
        for (MatchItem item : candidate.items()) {
          if (!(sales && GATEWAY.equals(item.getSide()))) {
            settled.add(positions[item.getOrdinal()]);
          }
        }
      }
    }
    return new PartitionDecided(groups, settled);
  }

  private static final String GATEWAY = dev.recon.facts.Side.GATEWAY.name();

  /** Whether one of the candidate's items is already matched in the candidate's scope. */
  private static boolean alreadyMatched(
      MatchCandidate candidate, List<Item> items, Map<Long, Set<Scope>> matchedIn) {
    Scope scope = Allocator.scopeOf(candidate);
    for (MatchItem member : candidate.items()) {
      Set<Scope> done = matchedIn.get(items.get(member.getOrdinal()).id());
      if (done != null && done.contains(scope)) {
        return true;
      }
    }
    return false;
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
