package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.MatchStore;
import dev.recon.persistence.Transaction;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A matching run against the database, in one transaction: load the items no accepted group holds,
 * match them, store the groups, and bring the exception queue in line (open one exception per item
 * left unmatched, resolve those whose item is now matched). Running it again with nothing new
 * changes no group and no exception.
 */
public final class MatchRunner {
  private final Database database;
  private final Clock clock;
  private final String actor;

  public MatchRunner(Database database, Clock clock, String actor) {
    this.database = database;
    this.clock = clock;
    this.actor = actor;
  }

  /** What a run did. */
  public record RunSummary(
      long runId,
      String ruleSetName,
      String ruleSetVersion,
      int itemsConsidered,
      int groupsCreated,
      int itemsMatched,
      int exceptionsOpened,
      int exceptionsResolved) {}

  public RunSummary run(RuleSet ruleSet) {
    return database.inTransaction(tx -> run(tx, ruleSet));
  }

  private RunSummary run(Transaction tx, RuleSet ruleSet) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    long runId = tx.matches().startRun(ruleSet.name(), ruleSet.version(), actor, now);
    List<Item> candidates = tx.items().unmatched();
    MatchOutcome outcome = Matcher.match(candidates, ruleSet);
    Map<Long, String> matchedBy = new HashMap<>();
    int itemsMatched = 0;
    for (ProposedGroup group : outcome.groups()) {
      long groupId = tx.matches().insertGroup(runId, ruleSet.version(), toNewGroup(group), now);
      for (Item item : group.items()) {
        matchedBy.put(
            item.id(), "matched by rule \"" + group.ruleName() + "\" in group #" + groupId);
      }
      itemsMatched += group.items().size();
      tx.audit().append(auditOf(group, groupId, ruleSet, now));
    }
    int[] opened = syncExceptions(tx, outcome, matchedBy, runId, now);
    tx.matches().finishRun(runId, candidates.size(), outcome.groups().size(), now);
    return new RunSummary(
        runId,
        ruleSet.name(),
        ruleSet.version(),
        candidates.size(),
        outcome.groups().size(),
        itemsMatched,
        opened[0],
        opened[1]);
  }

  /**
   * Opens exceptions for unmatched items and resolves those of matched ones: [opened, resolved].
   */
  private static int[] syncExceptions(
      Transaction tx,
      MatchOutcome outcome,
      Map<Long, String> matchedBy,
      long runId,
      OffsetDateTime now) {
    ExceptionStore exceptions = tx.exceptions();
    Map<Long, Long> open = exceptions.openByItem();
    int opened = 0;
    for (Item item : outcome.unmatched()) {
      if (!open.containsKey(item.id())) {
        exceptions.open(
            new ExceptionStore.NewException(
                item.id(),
                ExceptionStore.UNMATCHED,
                unmatchedReason(item),
                item.fact().currencyCode(),
                item.fact().amount().minor()),
            runId,
            now);
        opened++;
      }
    }
    int resolved = 0;
    for (Map.Entry<Long, String> matched : matchedBy.entrySet()) {
      Long exceptionId = open.get(matched.getKey());
      if (exceptionId != null) {
        exceptions.resolve(exceptionId, runId, now, matched.getValue());
        resolved++;
      }
    }
    return new int[] {opened, resolved};
  }

  private static String unmatchedReason(Item item) {
    return "no rule found a counterpart for this "
        + item.fact().side().label()
        + " item (same account and currency, equal amount and reference within the date window,"
        + " or a payout whose transactions sum to it)";
  }

  private static MatchStore.NewGroup toNewGroup(ProposedGroup group) {
    return new MatchStore.NewGroup(
        group.ruleName(),
        group.automatic() ? MatchStore.ACCEPTED : MatchStore.SUGGESTED,
        group.confidence(),
        group.currency(),
        group.differenceMinor(),
        group.items().stream()
            .map(i -> new MatchStore.Member(i.id(), i.fact().side().name()))
            .toList());
  }

  private static AuditStore.Entry auditOf(
      ProposedGroup group, long groupId, RuleSet ruleSet, OffsetDateTime now) {
    String members =
        group.items().stream()
            .map(i -> i.fact().side().label() + "#" + i.id() + " " + i.fact().amount())
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    return new AuditStore.Entry(
        now,
        "rule:" + group.ruleName(),
        group.automatic() ? "MATCH_ACCEPTED" : "MATCH_SUGGESTED",
        "match_group",
        groupId,
        ruleSet.version(),
        members);
  }
}
