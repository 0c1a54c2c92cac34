package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.AUDIT_LOG;
import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.RECONCILED_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What must hold in every database after any operation; database tests call {@link #check} at their
 * end. Each item is in at most one accepted group per scope (a bank or ledger line in at most one
 * at all), groups balance to their recorded difference and differ by no more than their rule
 * tolerated, every group and every imported file has an audit row, no item has two open exceptions,
 * and the audit trail's hash chain is intact.
 */
public final class DatabaseInvariants {
  private DatabaseInvariants() {}

  public static void check(Database database) {
    DSLContext dsl = database.dsl();
    assertThat(
            dsl.select(MATCH_MEMBER.ITEM_ID, MATCH_GROUP.SCOPE)
                .from(MATCH_MEMBER)
                .join(MATCH_GROUP)
                .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
                .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
                .groupBy(MATCH_MEMBER.ITEM_ID, MATCH_GROUP.SCOPE)
                .having(DSL.count().gt(1))
                .fetch())
        .as("items in more than one accepted group of one scope")
        .isEmpty();
    assertThat(
            dsl.select(MATCH_MEMBER.ITEM_ID)
                .from(MATCH_MEMBER)
                .join(MATCH_GROUP)
                .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
                .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
                .and(MATCH_MEMBER.SIDE.ne("GATEWAY"))
                .groupBy(MATCH_MEMBER.ITEM_ID)
                .having(DSL.count().gt(1))
                .fetch())
        .as("bank or ledger lines in more than one accepted group")
        .isEmpty();
    assertThat(
            dsl.select(MATCH_GROUP.ID)
                .from(MATCH_GROUP)
                .where(
                    DSL.notExists(
                        DSL.selectOne()
                            .from(AUDIT_LOG)
                            .where(AUDIT_LOG.ENTITY_TYPE.eq("match_group"))
                            .and(AUDIT_LOG.ENTITY_ID.eq(MATCH_GROUP.ID))))
                .fetch())
        .as("match groups without an audit row")
        .isEmpty();
    assertThat(
            dsl.select(MATCH_GROUP.ID)
                .from(MATCH_GROUP)
                .where(MATCH_GROUP.RUN_ID.isNotNull())
                .and(
                    DSL.notExists(
                        DSL.selectOne()
                            .from(AUDIT_LOG)
                            .where(AUDIT_LOG.ENTITY_TYPE.eq("match_group"))
                            .and(AUDIT_LOG.ENTITY_ID.eq(MATCH_GROUP.ID))
                            .and(AUDIT_LOG.RULE_SET_VERSION.eq(MATCH_GROUP.RULE_SET_VERSION))))
                .fetch())
        .as("rule-made groups whose audit row lacks their rule-set version")
        .isEmpty();
    assertThat(
            dsl.select(IMPORTED_FILE.ID)
                .from(IMPORTED_FILE)
                .where(
                    DSL.notExists(
                        DSL.selectOne()
                            .from(AUDIT_LOG)
                            .where(AUDIT_LOG.ENTITY_TYPE.eq("imported_file"))
                            .and(AUDIT_LOG.ENTITY_ID.eq(IMPORTED_FILE.ID))))
                .fetch())
        .as("imported files without an audit row")
        .isEmpty();
    assertThat(
            dsl.select(EXCEPTION_ITEM.ITEM_ID)
                .from(EXCEPTION_ITEM)
                .where(EXCEPTION_ITEM.STATUS.in(ExceptionStore.OPEN_STATUSES))
                .groupBy(EXCEPTION_ITEM.ITEM_ID)
                .having(DSL.count().gt(1))
                .fetch())
        .as("items with more than one open exception")
        .isEmpty();
    checkGroupsBalance(dsl);
    checkTotals(database);
    AuditStore.Verification audit = database.inTransaction(tx -> tx.audit().verify());
    assertThat(audit.problem()).as("the audit trail's hash chain").isNull();
  }

  /**
   * The dashboard's kept totals equal a recount from the items and groups (so every path that adds
   * items or accepts or withdraws a group keeps them), on a date that puts items in every bucket.
   */
  private static void checkTotals(Database database) {
    DSLContext dsl = database.dsl();
    LocalDate latest = dsl.select(DSL.max(ITEM.BOOKING_DATE)).from(ITEM).fetchOne().value1();
    LocalDate asOf = latest == null ? LocalDate.of(2026, 1, 1) : latest.plusDays(5);
    database.inTransaction(
        tx -> {
          assertThat(tx.overview().reconciliation(asOf))
              .as("the dashboard's kept totals against a recount")
              .isEqualTo(tx.overview().recount(asOf));
          return null;
        });
    Field<LocalDate> day = ReconciliationTotals.decidedOn();
    Map<LocalDate, Long> recounted =
        dsl.select(day, DSL.count())
            .from(MATCH_MEMBER)
            .join(MATCH_GROUP)
            .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
            .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
            .and(ReconciliationTotals.reconciledMember())
            .groupBy(day)
            .fetchMap(r -> r.value1(), r -> (long) r.value2());
    Map<LocalDate, Long> kept =
        dsl.selectFrom(RECONCILED_DAY)
            .where(RECONCILED_DAY.ITEM_COUNT.ne(0L))
            .fetchMap(RECONCILED_DAY.ON_DATE, RECONCILED_DAY.ITEM_COUNT);
    assertThat(kept).as("items reconciled per day, kept against a recount").isEqualTo(recounted);
  }

  /**
   * The first member's side minus the other sides equals the recorded difference; in a sales group
   * a gateway transaction counts with its gross.
   */
  private static void checkGroupsBalance(DSLContext dsl) {
    for (var group : dsl.selectFrom(MATCH_GROUP).fetch()) {
      boolean sales = group.getScope().equals("SALES");
      var members =
          dsl.select(
                  ITEM.SIDE,
                  sales ? DSL.coalesce(ITEM.GROSS_MINOR, ITEM.AMOUNT_MINOR) : ITEM.AMOUNT_MINOR)
              .from(MATCH_MEMBER)
              .join(ITEM)
              .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
              .where(MATCH_MEMBER.GROUP_ID.eq(group.getId()))
              .fetch();
      assertThat(members).as("members of group " + group.getId()).isNotEmpty();
      long difference = 0;
      for (var member : members) {
        boolean anchorSide = member.value1().equals(members.get(0).value1());
        difference += anchorSide ? member.value2() : -member.value2();
      }
      assertThat(Math.abs(difference))
          .as("group " + group.getId() + " balances to its recorded difference")
          .isEqualTo(Math.abs(group.getDifferenceMinor()));
      assertThat(Math.abs(difference))
          .as("group " + group.getId() + " differs by no more than its rule tolerated")
          .isLessThanOrEqualTo(group.getAmountDeltaMinor());
    }
  }
}
