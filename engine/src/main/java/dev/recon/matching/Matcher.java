package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.normalizing.References;
import dev.recon.rules.CandidateSink;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.runtime.KieSession;

/**
 * The matching core: items and a rule set in, groups and leftovers out. It reads no clock, file or
 * database. Drools finds every candidate group; this class then accepts them greedily in one total
 * order (rule priority, date distance, then the members' natural keys), so an item lands in at most
 * one group and the same inputs give the same groups whatever order they came in.
 */
public final class Matcher {
  private static final Comparator<MatchCandidate> ASSIGNMENT_ORDER =
      Comparator.comparingInt(MatchCandidate::priority)
          .thenComparingInt(MatchCandidate::dayDistance)
          .thenComparing(Matcher::memberKeys);

  private Matcher() {}

  public static MatchOutcome match(List<Item> items, RuleSet ruleSet) {
    Map<Long, Item> byId = new HashMap<>();
    for (Item item : items) {
      byId.put(item.id(), item);
    }
    List<MatchCandidate> candidates = new ArrayList<>(findCandidates(items, ruleSet));
    candidates.sort(ASSIGNMENT_ORDER);
    Set<Long> taken = new HashSet<>();
    List<ProposedGroup> groups = new ArrayList<>();
    for (MatchCandidate candidate : candidates) {
      List<Long> ids = candidate.items().stream().map(MatchItem::getId).toList();
      if (ids.stream().anyMatch(taken::contains)) {
        continue;
      }
      taken.addAll(ids);
      groups.add(toGroup(candidate, ids.stream().map(byId::get).toList()));
    }
    List<Item> unmatched = items.stream().filter(item -> !taken.contains(item.id())).toList();
    return new MatchOutcome(groups, unmatched);
  }

  private static List<MatchCandidate> findCandidates(List<Item> items, RuleSet ruleSet) {
    KieSession session = RuleBase.of(ruleSet).newKieSession();
    try {
      CandidateSink sink = new CandidateSink();
      session.setGlobal("candidates", sink);
      for (Item item : items) {
        session.insert(toMatchItem(item));
      }
      session.fireAllRules();
      return sink.candidates();
    } finally {
      session.dispose();
    }
  }

  static MatchItem toMatchItem(Item item) {
    Fact f = item.fact();
    return new MatchItem(
        item.id(),
        item.naturalKey(),
        f.side().name(),
        f.account(),
        f.currencyCode(),
        f.amount().minor(),
        Math.toIntExact(f.bookingDate().toEpochDay()),
        f.reference(),
        References.clean(f.payoutId()));
  }

  private static ProposedGroup toGroup(MatchCandidate candidate, List<Item> members) {
    Side anchor = members.get(0).fact().side();
    long difference = 0;
    for (Item member : members) {
      long amount = member.fact().amount().minor();
      difference = Math.addExact(difference, member.fact().side() == anchor ? amount : -amount);
    }
    return new ProposedGroup(
        candidate.ruleName(),
        candidate.automatic(),
        new BigDecimal(candidate.confidence()),
        members.get(0).fact().currencyCode(),
        difference,
        members);
  }

  private static String memberKeys(MatchCandidate candidate) {
    return candidate.items().stream()
        .map(MatchItem::getNaturalKey)
        .sorted()
        .collect(Collectors.joining(","));
  }
}
