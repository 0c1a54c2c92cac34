package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Origin;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import dev.recon.money.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Stored items, read back as facts. */
public final class ItemStore {
  private final DSLContext dsl;

  ItemStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  public int count() {
    return dsl.fetchCount(ITEM);
  }

  /** The latest booking date of any stored item, if there is one. */
  public java.util.Optional<java.time.LocalDate> latestBookingDate() {
    return java.util.Optional.ofNullable(
        dsl.select(DSL.max(ITEM.BOOKING_DATE)).from(ITEM).fetchOne(0, java.time.LocalDate.class));
  }

  /**
   * Items not reconciled, in id order: bank and ledger lines in no accepted group, and gateway
   * transactions in no accepted settlement group (not yet paid out, whether booked or not).
   */
  public List<Item> unmatched() {
    return select(DSL.not(reconciled()));
  }

  /** Items reconciled (the complement of {@link #unmatched}), in id order. */
  public List<Item> matched() {
    return select(reconciled());
  }

  private Condition reconciled() {
    return ITEM.SIDE
        .ne(Side.GATEWAY.name())
        .and(DSL.exists(acceptedMembership()))
        .or(
            ITEM.SIDE
                .eq(Side.GATEWAY.name())
                .and(DSL.exists(acceptedMembership(ITEM.ID, Scope.SETTLEMENT))));
  }

  /**
   * What a matching run has to look at: the items still free in a scope they can be matched in,
   * with the scopes each is already matched in (empty for most).
   */
  public record ToMatch(List<Item> items, Map<Long, Set<Scope>> matchedIn) {}

  /**
   * Items in no accepted group, and gateway transactions matched in one of their two scopes that
   * may still find a match in the other: not yet settled, or not yet booked while the ledger has an
   * open line of the gateway's account and currency. Bank and ledger lines are matched once.
   */
  public ToMatch toMatch() {
    var ledger = ITEM.as("open_ledger");
    Condition openLedgerOfBlock =
        DSL.exists(
            DSL.selectOne()
                .from(ledger)
                .where(ledger.SIDE.eq(Side.LEDGER.name()))
                .and(ledger.ACCOUNT.eq(ITEM.ACCOUNT))
                .and(ledger.CURRENCY.eq(ITEM.CURRENCY))
                .and(DSL.notExists(acceptedMembership(ledger.ID))));
    Condition gatewayStillOpen =
        ITEM.SIDE
            .eq(Side.GATEWAY.name())
            .and(
                DSL.notExists(acceptedMembership(ITEM.ID, Scope.SETTLEMENT))
                    .or(
                        DSL.notExists(acceptedMembership(ITEM.ID, Scope.SALES))
                            .and(openLedgerOfBlock)));
    List<Item> items = select(DSL.notExists(acceptedMembership()).or(gatewayStillOpen));
    Map<Long, Set<Scope>> matchedIn = new HashMap<>();
    dsl.select(MATCH_MEMBER.ITEM_ID, MATCH_GROUP.SCOPE)
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(MATCH_MEMBER.SIDE.eq(Side.GATEWAY.name()))
        .and(MATCH_MEMBER.ITEM_ID.in(DSL.select(ITEM.ID).from(ITEM).where(gatewayStillOpen)))
        .forEach(
            r ->
                matchedIn
                    .computeIfAbsent(r.value1(), id -> EnumSet.noneOf(Scope.class))
                    .add(Scope.valueOf(r.value2())));
    return new ToMatch(items, matchedIn);
  }

  /**
   * The items booked in a period (inclusive) that automatic matching may decide: all but those a
   * person matched by hand. For what-if runs, which never write.
   */
  public List<Item> automaticScope(LocalDate from, LocalDate to) {
    Condition inPeriod = DSL.trueCondition();
    if (from != null) {
      inPeriod = inPeriod.and(ITEM.BOOKING_DATE.ge(from));
    }
    if (to != null) {
      inPeriod = inPeriod.and(ITEM.BOOKING_DATE.le(to));
    }
    Condition matchedByHand =
        DSL.exists(
            DSL.selectOne()
                .from(MATCH_MEMBER)
                .join(MATCH_GROUP)
                .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
                .where(MATCH_MEMBER.ITEM_ID.eq(ITEM.ID))
                .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
                .and(MATCH_GROUP.RUN_ID.isNull()));
    return select(inPeriod.and(DSL.not(matchedByHand)));
  }

  private org.jooq.Select<?> acceptedMembership() {
    return acceptedMembership(ITEM.ID);
  }

  private static org.jooq.Select<?> acceptedMembership(org.jooq.Field<Long> itemId) {
    return DSL.selectOne()
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_MEMBER.ITEM_ID.eq(itemId))
        .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED));
  }

  private static org.jooq.Select<?> acceptedMembership(org.jooq.Field<Long> itemId, Scope scope) {
    return DSL.selectOne()
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_MEMBER.ITEM_ID.eq(itemId))
        .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(MATCH_GROUP.SCOPE.eq(scope.name()));
  }

  /** The items with these ids, in id order (ids that do not exist are left out). */
  public List<Item> byIds(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return select(ITEM.ID.in(ids));
  }

  private List<Item> select(Condition condition) {
    return dsl.select(ITEM.asterisk(), IMPORTED_FILE.FILE_NAME)
        .from(ITEM)
        .join(IMPORTED_FILE)
        .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
        .where(condition)
        .orderBy(ITEM.ID)
        .fetch(ItemStore::toItem);
  }

  static Item toItem(Record r) {
    Currency currency = Currency.getInstance(r.get(ITEM.CURRENCY));
    Fact fact =
        new Fact(
            Side.valueOf(r.get(ITEM.SIDE)),
            r.get(ITEM.ACCOUNT),
            new Money(r.get(ITEM.AMOUNT_MINOR), currency),
            r.get(ITEM.BOOKING_DATE),
            r.get(ITEM.VALUE_DATE),
            r.get(ITEM.REFERENCE),
            r.get(ITEM.REFERENCE_RAW),
            r.get(ITEM.COUNTERPARTY),
            r.get(ITEM.COUNTERPARTY_RAW),
            r.get(ITEM.DESCRIPTION),
            r.get(ITEM.PAYOUT_ID),
            r.get(ITEM.KIND),
            money(r.get(ITEM.GROSS_MINOR), currency),
            money(r.get(ITEM.FEE_MINOR), currency),
            new Origin(r.get(IMPORTED_FILE.FILE_NAME), r.get(ITEM.LINE_NO)),
            ifSelected(r, ITEM.COUNTERPARTY_IBAN),
            ifSelected(r, ITEM.BANK_TX_CODE),
            ifSelected(r, ITEM.BANK_TX_CODE_PROPRIETARY),
            ifSelected(r, ITEM.END_TO_END_ID));
    return new Item(r.get(ITEM.ID), r.get(ITEM.FINGERPRINT) + "#" + r.get(ITEM.OCCURRENCE), fact);
  }

  /** A column some queries leave out (what matching and reports do not use), else null. */
  private static String ifSelected(Record r, org.jooq.Field<String> field) {
    return r.field(field) == null ? null : r.get(field);
  }

  private static Money money(Long minor, Currency currency) {
    return minor == null ? null : new Money(minor, currency);
  }
}
