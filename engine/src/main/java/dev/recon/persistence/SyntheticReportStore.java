package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;

import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Fills an empty database with many synthetic items for the report bench, written by the database
 * itself (INSERT ... SELECT over a generated series, no rows passing through Java), so a million
 * items take seconds. Half the items are bank/ledger pairs in accepted groups, half are open with
 * an exception; booking dates spread over 60 days before the last day, amounts are positive and
 * negative, and one text in a thousand is formula-like. For benches only: it refuses a database
 * that holds any item, and it writes no audit events.
 */
public final class SyntheticReportStore {
  private static final int ACCOUNTS = 20;
  private static final int DAYS = 60;
  private static final String VERSION = "b".repeat(64);

  private SyntheticReportStore() {}

  /** Writes {@code rows} items (an even number): rows/2 in rows/4 groups, rows/2 open. */
  public static void fill(Database database, int rows, LocalDate lastDay, OffsetDateTime at) {
    if (rows < 4 || rows % 4 != 0) {
      throw new IllegalArgumentException("--rows must be a positive multiple of 4, not " + rows);
    }
    database.dsl().transaction(configuration -> fill(configuration.dsl(), rows, lastDay, at));
  }

  private static void fill(DSLContext dsl, int rows, LocalDate lastDay, OffsetDateTime at) {
    if (dsl.fetchCount(ITEM) > 0) {
      throw new IllegalArgumentException(
          "the report bench fills an empty database only; this one holds items");
    }
    long fileId =
        dsl.insertInto(IMPORTED_FILE)
            .set(IMPORTED_FILE.CONTENT_SHA256, "0".repeat(64))
            .set(IMPORTED_FILE.FILE_NAME, "bench-synthetic.csv")
            .set(IMPORTED_FILE.SOURCE, "bench")
            .set(IMPORTED_FILE.FORMAT, "CSV")
            .set(IMPORTED_FILE.PROFILE, "bench")
            .set(IMPORTED_FILE.ROW_COUNT, rows)
            .set(IMPORTED_FILE.ADDED_COUNT, rows)
            .set(IMPORTED_FILE.DUPLICATE_COUNT, 0)
            .set(IMPORTED_FILE.IMPORTED_BY, "bench")
            .set(IMPORTED_FILE.IMPORTED_AT, at)
            .returningResult(IMPORTED_FILE.ID)
            .fetchOne()
            .value1();
    long runId =
        dsl.insertInto(MATCH_RUN)
            .set(MATCH_RUN.RULE_SET_NAME, "bench")
            .set(MATCH_RUN.RULE_SET_VERSION, VERSION)
            .set(MATCH_RUN.STATUS, MatchStore.COMPLETED)
            .set(MATCH_RUN.STARTED_BY, "bench")
            .set(MATCH_RUN.STARTED_AT, at)
            .set(MATCH_RUN.FINISHED_AT, at)
            .returningResult(MATCH_RUN.ID)
            .fetchOne()
            .value1();
    insertItems(dsl, rows, fileId, lastDay);
    insertGroups(dsl, rows / 4, runId, at);
    insertExceptions(dsl, rows, runId, at);
  }

  private static void insertItems(DSLContext dsl, int rows, long fileId, LocalDate lastDay) {
    var series = DSL.generateSeries(1, rows).as("s", "x");
    Field<Integer> x = series.field("x", Integer.class);
    // Items 1..rows/2 are pairs (2p-1 on the bank, 2p in the ledger); the rest are open.
    Field<Integer> pair = x.plus(1).div(2);
    Field<String> side =
        DSL.when(x.mod(2).eq(1), DSL.inline(Side.BANK.name())).otherwise(Side.LEDGER.name());
    Field<Long> amount = amountOf(pair);
    Field<String> text =
        DSL.when(x.mod(1000).eq(0), DSL.inline("=HYPERLINK(\"http://evil.example/\",\"x\")"))
            .otherwise(DSL.inline("Invoice ").concat(pair.cast(String.class)));
    dsl.insertInto(
            ITEM,
            ITEM.ID,
            ITEM.FILE_ID,
            ITEM.LINE_NO,
            ITEM.SIDE,
            ITEM.ACCOUNT,
            ITEM.CURRENCY,
            ITEM.AMOUNT_MINOR,
            ITEM.BOOKING_DATE,
            ITEM.REFERENCE,
            ITEM.REFERENCE_RAW,
            ITEM.COUNTERPARTY,
            ITEM.COUNTERPARTY_RAW,
            ITEM.DESCRIPTION,
            ITEM.FINGERPRINT,
            ITEM.OCCURRENCE)
        .select(
            DSL.select(
                    x.cast(Long.class),
                    DSL.inline(fileId),
                    x,
                    side,
                    DSL.inline("BENCH-").concat(pair.mod(ACCOUNTS).cast(String.class)),
                    DSL.inline("EUR"),
                    amount,
                    DSL.localDateAdd(DSL.val(lastDay), pair.mod(DAYS).neg()),
                    DSL.inline("REF").concat(pair.cast(String.class)),
                    DSL.inline("REF-").concat(pair.cast(String.class)),
                    DSL.inline("COUNTERPARTY ").concat(pair.mod(1000).cast(String.class)),
                    DSL.inline("Counterparty ").concat(pair.mod(1000).cast(String.class)),
                    text,
                    DSL.lpad(x.cast(String.class), 64, "0"),
                    DSL.inline(1))
                .from(series))
        .execute();
  }

  /** A pair's amount in minor units, from -5,000.00 to 14,999.99; both members share it. */
  private static Field<Long> amountOf(Field<Integer> pair) {
    return pair.cast(Long.class).mul(7919L).mod(2_000_000L).minus(500_000L);
  }

  private static void insertGroups(DSLContext dsl, int groups, long runId, OffsetDateTime at) {
    var series = DSL.generateSeries(1, groups).as("g", "p");
    Field<Integer> p = series.field("p", Integer.class);
    Field<String> rule =
        DSL.when(p.mod(3).eq(0), DSL.inline("Tolerant bank to ledger"))
            .otherwise(DSL.inline("Exact bank to ledger"));
    dsl.insertInto(
            MATCH_GROUP,
            MATCH_GROUP.ID,
            MATCH_GROUP.RUN_ID,
            MATCH_GROUP.RULE_NAME,
            MATCH_GROUP.RULE_SET_VERSION,
            MATCH_GROUP.STATUS,
            MATCH_GROUP.CONFIDENCE,
            MATCH_GROUP.CURRENCY,
            MATCH_GROUP.DIFFERENCE_MINOR,
            MATCH_GROUP.DECIDED_BY,
            MATCH_GROUP.CREATED_AT,
            MATCH_GROUP.SCOPE)
        .select(
            DSL.select(
                    p.cast(Long.class),
                    DSL.inline(runId),
                    rule,
                    DSL.inline(VERSION),
                    DSL.inline(MatchStore.ACCEPTED),
                    DSL.inline(BigDecimal.ONE),
                    DSL.inline("EUR"),
                    DSL.inline(0L),
                    DSL.inline("rule:").concat(rule),
                    DSL.val(at),
                    DSL.inline(Scope.CASH.name()))
                .from(series))
        .execute();
    var members = DSL.generateSeries(1, groups * 2).as("m", "x");
    Field<Integer> x = members.field("x", Integer.class);
    dsl.insertInto(MATCH_MEMBER, MATCH_MEMBER.GROUP_ID, MATCH_MEMBER.ITEM_ID, MATCH_MEMBER.SIDE)
        .select(
            DSL.select(
                    x.plus(1).div(2).cast(Long.class),
                    x.cast(Long.class),
                    DSL.when(x.mod(2).eq(1), DSL.inline(Side.BANK.name()))
                        .otherwise(Side.LEDGER.name()))
                .from(members))
        .execute();
  }

  private static void insertExceptions(DSLContext dsl, int rows, long runId, OffsetDateTime at) {
    var series = DSL.generateSeries(rows / 2 + 1, rows).as("e", "x");
    Field<Integer> x = series.field("x", Integer.class);
    dsl.insertInto(
            EXCEPTION_ITEM,
            EXCEPTION_ITEM.ITEM_ID,
            EXCEPTION_ITEM.OPEN_ITEM_ID,
            EXCEPTION_ITEM.TYPE,
            EXCEPTION_ITEM.REASON,
            EXCEPTION_ITEM.STATUS,
            EXCEPTION_ITEM.CURRENCY,
            EXCEPTION_ITEM.AMOUNT_MINOR,
            EXCEPTION_ITEM.OPENED_RUN_ID,
            EXCEPTION_ITEM.OPENED_AT)
        .select(
            DSL.select(
                    x.cast(Long.class),
                    x.cast(Long.class),
                    DSL.inline(ExceptionStore.UNMATCHED),
                    DSL.inline("no unmatched item on the other side shares its reference"),
                    DSL.inline(ExceptionStore.OPEN),
                    DSL.inline("EUR"),
                    amountOf(x.plus(1).div(2)),
                    DSL.inline(runId),
                    DSL.val(at))
                .from(series))
        .execute();
  }
}
