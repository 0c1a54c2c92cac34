package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.ItemStore;
import dev.recon.persistence.MatchStore;
import dev.recon.persistence.SharedRunStore;
import dev.recon.persistence.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A matching run against the database, in one transaction: load the items no accepted group holds
 * (and gateway transactions still open in one of their two reconciliations), match them, store
 * accepted groups and (once) suggestions, and bring the exception queue in line: one open exception
 * per item left unmatched or waiting in a suggestion, and exceptions resolved when their item is
 * matched. Running it again with nothing new changes no group and no exception.
 */
public final class MatchRunner {
  private static final int REASON_LENGTH_MAX = 1000;
  private static final int EXPLANATION_LENGTH_MAX = 2000;

  private final Database database;
  private final Clock clock;
  private final String actor;

  public MatchRunner(Database database, Clock clock, String actor) {
    this.database = database;
    this.clock = clock;
    this.actor = actor;
  }

  /**
   * What a run did.
   *
   * @param itemsMatched items this run's accepted groups reconciled, each once (a gateway
   *     transaction by its payout's group, not by its sale's)
   */
  public record RunSummary(
      long runId,
      String ruleSetName,
      String ruleSetVersion,
      int itemsConsidered,
      int groupsCreated,
      int itemsMatched,
      int suggestionsCreated,
      int exceptionsOpened,
      int exceptionsResolved) {}

  public RunSummary run(RuleSet ruleSet) {
    return database.inTransaction(tx -> run(tx, ruleSet));
  }

  /** As {@link #run(RuleSet)}, in the caller's transaction (a close run records its step in it). */
  public RunSummary run(Transaction tx, RuleSet ruleSet) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    long runId = tx.matches().startRun(ruleSet.name(), ruleSet.version(), actor, now);
    ItemStore.ToMatch toMatch = tx.items().toMatch();
    List<Item> candidates = toMatch.items();
    MatchOutcome outcome = Matcher.match(candidates, ruleSet, toMatch.matchedIn());
    StoredGroups stored = storeGroups(tx, outcome.groups(), runId, ruleSet, now);
    Map<Long, Item> byId = new HashMap<>();
    candidates.forEach(item -> byId.put(item.id(), item));
    Decisions decisions = Decisions.replay(stored.outcomes(), byId::get);
    ExceptionSync sync =
        syncExceptions(
            tx,
            outcome.unmatched(),
            outcome.whyUnmatched(),
            decisions.waiting(),
            decisions.refused(),
            decisions.matchedBy(),
            runId,
            now);
    int groups = stored.accepted() + stored.suggested();
    tx.matches().finishRun(runId, candidates.size(), groups, now);
    return new RunSummary(
        runId,
        ruleSet.name(),
        ruleSet.version(),
        candidates.size(),
        stored.accepted(),
        decisions.matchedBy().size(),
        stored.suggested(),
        sync.opened(),
        sync.resolved());
  }

  /**
   * Groups stored and what they decided about their items, in the order decided: {@code M} an item
   * matched (reason names the group), {@code W} an item waiting in a suggestion, {@code H} an item
   * held by an ambiguous decision's rival (waiting unless it waits already), {@code R} an item of a
   * group a person rejected or undid before, which is not made again (back in the queue unless
   * matched or waiting).
   */
  record StoredGroups(int accepted, int suggested, List<SharedRunStore.Outcome> outcomes) {}

  /** Stores the accepted groups and the suggestions not stored before, each audited. */
  static StoredGroups storeGroups(
      Transaction tx, List<ProposedGroup> groups, long runId, RuleSet ruleSet, OffsetDateTime now) {
    List<SharedRunStore.Outcome> outcomes = new ArrayList<>();
    int accepted = 0;
    int suggested = 0;
    java.util.Set<String> refusedKeys = tx.matches().refusedKeys();
    List<MatchStore.NewGroup> rows = groups.stream().map(MatchRunner::toNewGroup).toList();
    // The accepted groups go in first, in multi-row inserts; what each decided is then recorded in
    // the groups' order, as before.
    List<MatchStore.NewGroup> toAccept = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).accepted() && !refusedKeys.contains(rows.get(g).memberKey())) {
        toAccept.add(rows.get(g));
      }
    }
    java.util.Iterator<Long> acceptedIds =
        tx.matches().insertGroups(runId, ruleSet.version(), toAccept, now).iterator();
    for (int g = 0; g < groups.size(); g++) {
      ProposedGroup group = groups.get(g);
      MatchStore.NewGroup row = rows.get(g);
      if (refusedKeys.contains(row.memberKey())) {
        // A person rejected or undid this very group: its items stay in the queue.
        boolean sales = GroupSums.scopeOf(group.items()) == Scope.SALES;
        String reason =
            "a person refused rule \""
                + group.ruleName()
                + "\"'s match of these items before; it is not made again. "
                + group.explanation();
        for (Item item : group.items()) {
          if (!(sales && item.fact().side() == Side.GATEWAY)) {
            outcomes.add(new SharedRunStore.Outcome(item.id(), 'R', null, reason, null));
          }
        }
        continue;
      }
      if (group.accepted()) {
        long groupId = acceptedIds.next();
        boolean sales = GroupSums.scopeOf(group.items()) == Scope.SALES;
        for (Item item : group.items()) {
          // A sale's gateway transaction is reconciled by its payout, not by its booking.
          if (!(sales && item.fact().side() == Side.GATEWAY)) {
            outcomes.add(
                new SharedRunStore.Outcome(
                    item.id(),
                    'M',
                    null,
                    "matched by rule \"" + group.ruleName() + "\" in group #" + groupId,
                    null));
          }
        }
        accepted++;
        tx.audit().append(auditOf(group, groupId, ruleSet, now));
      } else {
        String type =
            group.status() == ProposedGroup.Status.AMBIGUOUS
                ? ExceptionStore.AMBIGUOUS
                : ExceptionStore.SUGGESTED;
        Long found = tx.matches().findId(row.memberKey(), MatchStore.SUGGESTED).orElse(null);
        if (found == null) {
          found = tx.matches().insertGroup(runId, ruleSet.version(), row, now);
          suggested++;
          tx.audit().append(auditOf(group, found, ruleSet, now));
        }
        Long groupId = found;
        group
            .items()
            .forEach(
                i ->
                    outcomes.add(
                        new SharedRunStore.Outcome(
                            i.id(), 'W', type, group.explanation(), groupId)));
        group
            .heldItems()
            .forEach(
                i ->
                    outcomes.add(
                        new SharedRunStore.Outcome(
                            i.id(), 'H', type, group.explanation(), groupId)));
      }
    }
    return new StoredGroups(accepted, suggested, outcomes);
  }

  /**
   * The items matched (with the reason), waiting for review, and refused (neither matched nor
   * waiting), by item id.
   */
  record Decisions(
      Map<Long, String> matchedBy, Map<Long, Waiting> waiting, Map<Long, Refused> refused) {
    /** Replays outcomes in order ({@code S} outcomes are ignored). */
    static Decisions replay(
        List<SharedRunStore.Outcome> outcomes, java.util.function.LongFunction<Item> itemOf) {
      Map<Long, String> matchedBy = new HashMap<>();
      Map<Long, Waiting> waiting = new HashMap<>();
      Map<Long, Refused> refused = new HashMap<>();
      for (SharedRunStore.Outcome o : outcomes) {
        switch (o.kind()) {
          case 'M' -> matchedBy.put(o.itemId(), o.reason());
          case 'W' ->
              waiting.put(
                  o.itemId(),
                  new Waiting(itemOf.apply(o.itemId()), o.type(), o.reason(), o.groupId()));
          case 'H' ->
              waiting.putIfAbsent(
                  o.itemId(),
                  new Waiting(itemOf.apply(o.itemId()), o.type(), o.reason(), o.groupId()));
          case 'R' ->
              refused.putIfAbsent(o.itemId(), new Refused(itemOf.apply(o.itemId()), o.reason()));
          default -> {}
        }
      }
      refused.keySet().removeAll(matchedBy.keySet());
      refused.keySet().removeAll(waiting.keySet());
      return new Decisions(matchedBy, waiting, refused);
    }
  }

  record ExceptionSync(int opened, int resolved) {}

  /** An item waiting for review in a suggestion (as a member or as a held rival). */
  record Waiting(Item item, String type, String reason, Long groupId) {}

  /** An item whose group a person rejected or undid before, and why it is back in the queue. */
  record Refused(Item item, String reason) {}

  /** Opens exceptions for items not matched and resolves those of items now matched. */
  static ExceptionSync syncExceptions(
      Transaction tx,
      List<Item> unmatched,
      Map<Long, String> whyUnmatched,
      Map<Long, Waiting> waiting,
      Map<Long, Refused> refused,
      Map<Long, String> matchedBy,
      long runId,
      OffsetDateTime now) {
    ExceptionStore exceptions = tx.exceptions();
    Map<Long, ExceptionStore.OpenException> open = exceptions.openDetailsByItem();
    java.util.Set<Long> writtenOff = exceptions.writtenOffItems();
    writtenOff.addAll(tx.corrections().itemsSettled());
    Opener opener = new Opener(exceptions, open, writtenOff, runId, now);
    int opened = 0;
    for (Item item : unmatched) {
      opened += opener.openOnce(item, ExceptionStore.UNMATCHED, whyUnmatched.get(item.id()), null);
    }
    for (Refused entry : refused.values()) {
      if (!open.containsKey(entry.item().id())) {
        // An open exception keeps the person's own words on why the match was refused.
        opened += opener.openOnce(entry.item(), ExceptionStore.UNMATCHED, entry.reason(), null);
      }
    }
    for (Waiting entry : waiting.values()) {
      opened += opener.openOnce(entry.item(), entry.type(), entry.reason(), entry.groupId());
    }
    opener.flush();
    int resolved = 0;
    for (Map.Entry<Long, String> matched : matchedBy.entrySet()) {
      ExceptionStore.OpenException exception = open.get(matched.getKey());
      if (exception != null) {
        exceptions.resolve(exception.id(), runId, now, matched.getValue());
        resolved++;
      }
    }
    return new ExceptionSync(opened, resolved);
  }

  /**
   * Opens an exception for an item unless one is open or the item's exception was written off; an
   * open one whose type or reason this run sees differently (an unmatched item that became
   * ambiguous) is brought up to date. {@link #openOnce} returns 1 if an exception is to be opened;
   * they are stored together, in the order decided, by {@link #flush} (a run opens thousands).
   */
  private static final class Opener {
    private final ExceptionStore exceptions;
    private final Map<Long, ExceptionStore.OpenException> open;
    private final java.util.Set<Long> writtenOff;
    private final long runId;
    private final OffsetDateTime now;
    private final List<ExceptionStore.NewException> toOpen = new ArrayList<>();

    Opener(
        ExceptionStore exceptions,
        Map<Long, ExceptionStore.OpenException> open,
        java.util.Set<Long> writtenOff,
        long runId,
        OffsetDateTime now) {
      this.exceptions = exceptions;
      this.open = open;
      this.writtenOff = writtenOff;
      this.runId = runId;
      this.now = now;
    }

    int openOnce(Item item, String type, String reason, Long groupId) {
      String text = truncate(reason, REASON_LENGTH_MAX);
      ExceptionStore.OpenException existing = open.get(item.id());
      if (existing != null) {
        // A rejected correction keeps its own reason until a person deals with it.
        boolean own = existing.type().equals(ExceptionStore.CORRECTION_REJECTED);
        if (!own && (!existing.type().equals(type) || !existing.reason().equals(text))) {
          exceptions.update(existing.id(), type, text, groupId);
        }
        return 0;
      }
      if (writtenOff.contains(item.id())) {
        return 0;
      }
      toOpen.add(ExceptionStore.NewException.onItem(item, type, text, groupId));
      return 1;
    }

    void flush() {
      exceptions.openAll(toOpen, runId, now);
      toOpen.clear();
    }
  }

  private static MatchStore.NewGroup toNewGroup(ProposedGroup group) {
    return new MatchStore.NewGroup(
        group.ruleName(),
        group.accepted() ? MatchStore.ACCEPTED : MatchStore.SUGGESTED,
        group.confidence(),
        group.currency(),
        group.differenceMinor(),
        group.amountDeltaMinor(),
        group.dayDistance(),
        group.similarityBp(),
        group.feeTotalMinor(),
        truncate(group.explanation(), EXPLANATION_LENGTH_MAX),
        memberKey(group),
        group.items().stream()
            .map(i -> new MatchStore.Member(i.id(), i.fact().side().name()))
            .toList());
  }

  static String memberKey(ProposedGroup group) {
    return memberKey(group.ruleName(), group.items());
  }

  /** SHA-256 of the rule name and the members' natural keys in sorted order. */
  static String memberKey(String ruleName, List<Item> items) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ruleName.getBytes(StandardCharsets.UTF_8));
      items.stream()
          .map(Item::naturalKey)
          .sorted()
          .forEach(key -> digest.update(("\u001f" + key).getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
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
        group.accepted() ? "MATCH_ACCEPTED" : "MATCH_SUGGESTED",
        "match_group",
        groupId,
        ruleSet.version(),
        truncate(members + ". " + group.explanation(), 4000));
  }
}
