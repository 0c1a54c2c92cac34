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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A match made by a person: any unmatched items, on at least two sides, whose sides balance
 * exactly. It is stored as an accepted group decided by that person, audited, and closes the items'
 * exceptions. Automatic runs only ever load items outside accepted groups, so they never touch it.
 * (Booking a difference as a correction comes with the corrections work.)
 */
public final class ManualMatcher {
  public static final String RULE_NAME = "Manual match";

  private final Database database;
  private final Clock clock;

  public ManualMatcher(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Matches the items; returns the new group's id. A request that cannot be met is refused. */
  public long match(String person, Set<Long> itemIds, String note) {
    return database.inTransaction(tx -> match(tx, person, new TreeSet<>(itemIds), note));
  }

  private long match(Transaction tx, String person, TreeSet<Long> itemIds, String note) {
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
                + scope.name().toLowerCase(java.util.Locale.ROOT)
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
    long difference = GroupSums.differenceMinor(members);
    if (difference != 0) {
      throw new IllegalArgumentException(
          "the "
              + anchor.label()
              + " side and the other sides differ by "
              + new Money(Math.abs(difference), members.get(0).fact().amount().currency())
              + "; pick items that balance");
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
                    0,
                    0,
                    0,
                    10_000,
                    GroupSums.feeTotalMinor(members),
                    explanation,
                    MatchRunner.memberKey(RULE_NAME, members),
                    members.stream()
                        .map(i -> new MatchStore.Member(i.id(), i.fact().side().name()))
                        .toList()),
                now);
    Map<Long, ExceptionStore.OpenException> exceptions = tx.exceptions().openDetailsByItem();
    for (Item item : members) {
      ExceptionStore.OpenException exception = exceptions.get(item.id());
      if (exception != null) {
        tx.exceptions()
            .resolve(exception.id(), null, now, "matched by " + person + " in group #" + groupId);
      }
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
                explanation + " Items " + itemIds));
    return groupId;
  }
}
