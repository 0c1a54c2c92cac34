package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import dev.recon.money.Money;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.ItemStore;
import dev.recon.persistence.MatchStore;
import dev.recon.persistence.Transaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A match made by a person: any unmatched items, on at least two sides, whose sides balance exactly
 * or differ by no more than the caller allows (the difference is then recorded on the group, and
 * the exception queue books it as a correction). It is stored as an accepted group decided by that
 * person, audited, and closes the items' exceptions. Automatic runs only ever load items outside
 * accepted groups, so they never touch it.
 */
public final class ManualMatcher {
  public static final String RULE_NAME = "Manual match";

  private final Database database;
  private final Clock clock;

  public ManualMatcher(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Matches the items, which must balance exactly; returns the new group's id. */
  public long match(String person, Set<Long> itemIds, String note) {
    return database.inTransaction(tx -> match(tx, person, itemIds, note, 0).groupId());
  }

  /**
   * What a manual match made.
   *
   * @param differenceMinor the first member's side minus the other sides (0 when balanced)
   * @param closed the items' exceptions it closed, as they were before (for the queue's history)
   */
  public record Result(
      long groupId,
      String currency,
      long differenceMinor,
      List<Item> members,
      List<ExceptionStore.Row> closed) {}

  /**
   * Matches the items in the caller's transaction. The sides may differ by at most {@code
   * allowedDifferenceMinor} (inclusive); the difference is recorded on the group.
   */
  public Result match(
      Transaction tx, String person, Set<Long> itemIds, String note, long allowedDifferenceMinor) {
    TreeSet<Long> ids = new TreeSet<>(itemIds);
    List<Item> members = checkedMembers(tx, ids);
    Side anchor = members.get(0).fact().side();
    String currency = members.get(0).fact().currencyCode();
    java.util.Currency ccy = members.get(0).fact().amount().currency();
    long difference = GroupSums.differenceMinor(members);
    if (Math.abs(difference) > allowedDifferenceMinor) {
      throw new IllegalArgumentException(
          "the "
              + anchor.label()
              + " side and the other sides differ by "
              + new Money(Math.abs(difference), ccy)
              + (allowedDifferenceMinor == 0
                  ? "; pick items that balance"
                  : ", more than the "
                      + new Money(allowedDifferenceMinor, ccy)
                      + " tolerated; pick items that balance or book the difference"));
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    String explanation =
        "Matched by " + person + (note == null || note.isBlank() ? "." : ": " + note);
    long groupId =
        tx.matches()
            .insertManualGroup(
                person,
                new MatchStore.NewGroup(
                    RULE_NAME,
                    MatchStore.ACCEPTED,
                    BigDecimal.ONE,
                    currency,
                    difference,
                    Math.abs(difference),
                    0,
                    10_000,
                    GroupSums.feeTotalMinor(members),
                    explanation,
                    MatchRunner.memberKey(RULE_NAME, members),
                    members.stream()
                        .map(i -> new MatchStore.Member(i.id(), i.fact().side().name()))
                        .toList()),
                now);
    List<ExceptionStore.Row> closed = new ArrayList<>();
    for (Item item : members) {
      tx.exceptions().openOfItem(item.id()).ifPresent(closed::add);
    }
    for (ExceptionStore.Row exception : closed) {
      tx.exceptions()
          .resolve(exception.id(), null, now, "matched by " + person + " in group #" + groupId);
    }
    tx.audit()
        .append(
            new AuditStore.Entry(
                now,
                person,
                "MATCH_MANUAL",
                "match_group",
                groupId,
                null,
                "before: items "
                    + ids
                    + " unmatched, exceptions "
                    + closed.stream().map(ExceptionStore.Row::id).toList()
                    + " open; after: ACCEPTED group #"
                    + groupId
                    + " ("
                    + RULE_NAME
                    + ") by "
                    + person
                    + ", exceptions resolved"
                    + (difference == 0 ? "" : ", difference " + new Money(difference, ccy))
                    + ". "
                    + explanation));
    return new Result(groupId, currency, difference, members, List.copyOf(closed));
  }

  /** The items, checked: each free to match, at least two sides, one currency. */
  private static List<Item> checkedMembers(Transaction tx, TreeSet<Long> itemIds) {
    if (itemIds.isEmpty()) {
      throw new IllegalArgumentException("pick the items to match");
    }
    ItemStore.ToMatch open = tx.items().toMatch();
    Map<Long, Item> unmatched = new HashMap<>();
    open.items().forEach(item -> unmatched.put(item.id(), item));
    List<Item> members = new ArrayList<>();
    for (long id : itemIds) {
      Item item = unmatched.get(id);
      if (item == null) {
        throw new IllegalArgumentException(
            "item #" + id + " does not exist or is already in an accepted group");
      }
      members.add(item);
    }
    Scope scope = GroupSums.scopeOf(members);
    for (Item item : members) {
      if (open.matchedIn().getOrDefault(item.id(), Set.of()).contains(scope)) {
        throw new IllegalArgumentException(
            "item #"
                + item.id()
                + " is already matched in the "
                + scope.name().toLowerCase(Locale.ROOT)
                + " reconciliation");
      }
    }
    Side anchor = members.get(0).fact().side();
    if (members.stream().allMatch(item -> item.fact().side() == anchor)) {
      throw new IllegalArgumentException("a match needs items from at least two sides");
    }
    String currency = members.get(0).fact().currencyCode();
    for (Item item : members) {
      if (!item.fact().currencyCode().equals(currency)) {
        throw new IllegalArgumentException(
            "items in "
                + currency
                + " and "
                + item.fact().currencyCode()
                + " cannot be matched together");
      }
    }
    return members;
  }

  /** The first member's side minus the other sides, as a match would record it. */
  public static long differenceMinor(List<Item> members) {
    return GroupSums.differenceMinor(members);
  }
}
