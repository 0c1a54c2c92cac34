package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.normalizing.References;
import dev.recon.rules.CandidateSink;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import dev.recon.rules.Payout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The matching core: items and a rule set in, groups and leftovers out. It reads no clock, file or
 * database. Drools finds every candidate group the rules allow; the {@link Allocator} then decides
 * in one total order, so an item lands in at most one group and the same inputs give the same
 * groups whatever order they came in.
 */
public final class Matcher {
  private static final int RIVALS_DESCRIBED_MAX = 5;

  /** Minor units per currency unit, by the currency's scale (ISO 4217 scales are 0 to 4). */
  private static final long[] UNIT_MINOR = {1, 10, 100, 1_000, 10_000};

  private Matcher() {}

  public static MatchOutcome match(List<Item> items, RuleSet ruleSet) {
    Map<Long, Item> byId = new HashMap<>();
    for (Item item : items) {
      byId.put(item.id(), item);
    }
    Set<Long> grouped = new HashSet<>();
    List<ProposedGroup> groups =
        Allocator.allocate(findCandidates(items, ruleSet)).stream()
            .map(decision -> toGroup(decision, byId))
            .toList();
    groups.forEach(group -> group.items().forEach(item -> grouped.add(item.id())));
    List<Item> unmatched = items.stream().filter(item -> !grouped.contains(item.id())).toList();
    return new MatchOutcome(groups, unmatched);
  }

  /**
   * Candidates of every partition, matched on as many threads as there are cores, each with its own
   * session on the shared rule base. A rule set that is not known to respect the partitions (a
   * folder of hand-written DRL) runs in a single session.
   */
  private static List<MatchCandidate> findCandidates(List<Item> items, RuleSet ruleSet) {
    KieBase kieBase = RuleBase.of(ruleSet);
    if (!ruleSet.partitionable()) {
      return candidatesOf(items, kieBase);
    }
    List<List<Item>> partitions = Partitions.split(items);
    int threads =
        Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Matcher::matchingThread);
    try {
      List<Future<List<MatchCandidate>>> results = new ArrayList<>();
      for (List<Item> partition : partitions) {
        results.add(pool.submit(() -> candidatesOf(partition, kieBase)));
      }
      List<MatchCandidate> candidates = new ArrayList<>();
      for (Future<List<MatchCandidate>> result : results) {
        candidates.addAll(result.get());
      }
      return candidates;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("matching was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("matching a partition failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread matchingThread(Runnable work) {
    Thread thread = new Thread(work, "matching");
    thread.setDaemon(true);
    return thread;
  }

  private static List<MatchCandidate> candidatesOf(List<Item> items, KieBase kieBase) {
    KieSession session = kieBase.newKieSession();
    try {
      CandidateSink sink = new CandidateSink();
      session.setGlobal("candidates", sink);
      List<MatchItem> facts = new ArrayList<>(items.size());
      for (Item item : items) {
        MatchItem fact = toMatchItem(item);
        facts.add(fact);
        session.insert(fact);
      }
      Payout.of(facts).forEach(session::insert);
      session.fireAllRules();
      return sink.candidates();
    } finally {
      session.dispose();
    }
  }

  static MatchItem toMatchItem(Item item) {
    Fact f = item.fact();
    int bookingDay = Math.toIntExact(f.bookingDate().toEpochDay());
    return new MatchItem(
        item.id(),
        item.naturalKey(),
        f.side().name(),
        f.account(),
        f.currencyCode(),
        f.amount().minor(),
        UNIT_MINOR[Currencies.scale(f.amount().currency())],
        bookingDay,
        f.valueDate() == null ? bookingDay : Math.toIntExact(f.valueDate().toEpochDay()),
        f.reference(),
        f.counterparty(),
        References.clean(f.payoutId()));
  }

  private static ProposedGroup toGroup(Allocator.Decision decision, Map<Long, Item> byId) {
    MatchCandidate candidate = decision.candidate();
    List<Item> members = candidate.items().stream().map(m -> byId.get(m.getId())).toList();
    Side anchor = members.get(0).fact().side();
    long difference = 0;
    for (Item member : members) {
      long amount = member.fact().amount().minor();
      difference = Math.addExact(difference, member.fact().side() == anchor ? amount : -amount);
    }
    return new ProposedGroup(
        candidate.ruleName(),
        ProposedGroup.Status.valueOf(decision.outcome().name()),
        BigDecimal.valueOf(candidate.confidenceBp(), 4),
        members.get(0).fact().currencyCode(),
        difference,
        candidate.amountDeltaMinor(),
        candidate.dayDistance(),
        candidate.similarityBp(),
        explain(decision, byId),
        members);
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
