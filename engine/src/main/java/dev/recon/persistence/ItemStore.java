package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.money.Money;
import java.util.Currency;
import java.util.List;
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

  /** Items in no accepted match group, in id order. */
  public List<Item> unmatched() {
    return select(DSL.notExists(acceptedMembership()));
  }

  /** Items in an accepted match group, in id order. */
  public List<Item> matched() {
    return select(DSL.exists(acceptedMembership()));
  }

  private org.jooq.Select<?> acceptedMembership() {
    return DSL.selectOne()
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_MEMBER.ITEM_ID.eq(ITEM.ID))
        .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED));
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
            new Origin(r.get(IMPORTED_FILE.FILE_NAME), r.get(ITEM.LINE_NO)));
    return new Item(r.get(ITEM.ID), r.get(ITEM.FINGERPRINT) + "#" + r.get(ITEM.OCCURRENCE), fact);
  }

  private static Money money(Long minor, Currency currency) {
    return minor == null ? null : new Money(minor, currency);
  }
}
