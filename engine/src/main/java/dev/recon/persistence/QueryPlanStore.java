package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.AUDIT_LOG;
import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;
import static dev.recon.db.jooq.Tables.STATEMENT_BALANCE;

import dev.recon.persistence.ExceptionStore.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The screens' and runs' hot queries and PostgreSQL's plans for them ({@code EXPLAIN}): each must
 * be served by indexes, never a sequential scan of a table that grows with the items (a page, a
 * lookup, a worker's partition). Where a query is shared with a store, the store's own query is
 * used. Also fills a throwaway PostgreSQL database with millions of synthetic rows in SQL, so the
 * plans are the ones a big installation gets.
 */
public final class QueryPlanStore {
  private final DSLContext dsl;

  QueryPlanStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * A hot query's plan, as the planner chooses it on this data, and whether an index can serve it.
   *
   * @param lines the plan the planner chooses (a small table is rightly read whole)
   * @param withoutSequentialScans the plan with sequential scans switched off ({@code SET LOCAL
   *     enable_seqscan = off}): a {@code Seq Scan} left in it means no index serves the query
   */
  public record Plan(String name, List<String> lines, List<String> withoutSequentialScans) {
    /** The plan lines that read a whole table, as the planner chose. */
    public List<String> sequentialScans() {
      return lines.stream().filter(line -> line.contains("Seq Scan")).toList();
    }

    /** The lines of tables that no index can serve this query from. */
    public List<String> unindexed() {
      return withoutSequentialScans.stream().filter(line -> line.contains("Seq Scan")).toList();
    }

    /**
     * The plan lines that sort rows after reading them: a first page that sorts has read every row
     * its filter selects, where an index in the page's order stops after the page.
     */
    public List<String> sorts() {
      return withoutSequentialScans.stream()
          .filter(line -> line.strip().replaceFirst("^->\\s*", "").startsWith("Sort"))
          .toList();
    }
  }

  /** The plans of the hot queries, with the newest run, group and item as their parameters. */
  public List<Plan> explainHotQueries() {
    long itemId = max(ITEM.ID);
    long groupId = max(MATCH_GROUP.ID);
    long runId = max(MATCH_RUN.ID);
    String fingerprint =
        dsl.select(ITEM.FINGERPRINT)
            .from(ITEM)
            .where(ITEM.ID.eq(itemId))
            .fetchOne(ITEM.FINGERPRINT);
    List<Plan> plans = new ArrayList<>();
    explain(plans, "exception list: open, by priority, first page", openPage(SortKey.PRIORITY));
    explain(plans, "exception list: open, oldest first, first page", openPage(SortKey.AGE));
    explain(plans, "exception list: open, largest first, first page", openPage(SortKey.AMOUNT));
    explain(
        plans,
        "exception list: one account, oldest first, first page",
        dsl.selectFrom(EXCEPTION_ITEM)
            .where(EXCEPTION_ITEM.ACCOUNT.eq("ACC-1"))
            .and(EXCEPTION_ITEM.STATUS.eq(ExceptionStore.OPEN))
            .orderBy(EXCEPTION_ITEM.AGING_DATE, EXCEPTION_ITEM.ID)
            .limit(50));
    explain(
        plans,
        "open exceptions count (dashboard)",
        dsl.selectCount().from(EXCEPTION_ITEM).where(EXCEPTION_ITEM.IS_OPEN.isTrue()));
    explain(
        plans,
        "open exception of an item",
        dsl.selectFrom(EXCEPTION_ITEM).where(EXCEPTION_ITEM.OPEN_ITEM_ID.eq(itemId)));
    explain(
        plans,
        "exceptions a run opened",
        dsl.selectFrom(EXCEPTION_ITEM).where(EXCEPTION_ITEM.OPENED_RUN_ID.eq(runId)).limit(50));
    explain(
        plans,
        "item lookup with its file",
        dsl.select(ITEM.asterisk(), IMPORTED_FILE.FILE_NAME)
            .from(ITEM)
            .join(IMPORTED_FILE)
            .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
            .where(ITEM.ID.eq(itemId)));
    explain(
        plans,
        "stored identities (import duplicate check)",
        dsl.select(ITEM.FINGERPRINT, ITEM.OCCURRENCE)
            .from(ITEM)
            .where(ITEM.FINGERPRINT.in(fingerprint == null ? "" : fingerprint, "0")));
    explain(
        plans,
        "an item's accepted groups",
        dsl.select(MATCH_GROUP.ID, MATCH_GROUP.SCOPE)
            .from(MATCH_MEMBER)
            .join(MATCH_GROUP)
            .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
            .where(MATCH_MEMBER.ITEM_ID.eq(itemId))
            .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED)));
    explain(
        plans,
        "a group's members",
        dsl.selectFrom(MATCH_MEMBER).where(MATCH_MEMBER.GROUP_ID.eq(groupId)));
    explain(
        plans,
        "a run's groups, first page",
        dsl.selectFrom(MATCH_GROUP)
            .where(MATCH_GROUP.RUN_ID.eq(runId))
            .orderBy(MATCH_GROUP.ID)
            .limit(50));
    explain(
        plans,
        "suggestion already stored (rerun)",
        dsl.selectOne()
            .from(MATCH_GROUP)
            .where(MATCH_GROUP.MEMBER_KEY.eq("0".repeat(64)))
            .and(MATCH_GROUP.STATUS.eq(MatchStore.SUGGESTED)));
    explain(
        plans, "a worker's partition (match loading)", SharedRunStore.itemsQuery(dsl, runId, 0));
    explain(plans, "runs page", OverviewStore.runsQuery(dsl, 0, 25));
    explain(plans, "imports page", OverviewStore.importsQuery(dsl, 0, 25));
    explain(
        plans,
        "previous statement of an account (import)",
        dsl.selectFrom(STATEMENT_BALANCE)
            .where(STATEMENT_BALANCE.ACCOUNT.eq("ACC-1"))
            .and(STATEMENT_BALANCE.CURRENCY.eq("EUR"))
            .orderBy(STATEMENT_BALANCE.CLOSING_DATE.desc(), STATEMENT_BALANCE.ID.desc())
            .limit(1));
    explain(
        plans,
        "dashboard change stamp",
        dsl.select(
            dsl.select(DSL.max(AUDIT_LOG.ID)).from(AUDIT_LOG).asField(),
            dsl.select(DSL.max(MATCH_RUN.ID)).from(MATCH_RUN).asField(),
            dsl.select(DSL.max(EXCEPTION_ITEM.ID)).from(EXCEPTION_ITEM).asField()));
    return plans;
  }

  /** The first page of the exception queue's default list (the open ones), in one order. */
  private ResultQuery<?> openPage(SortKey sort) {
    return ExceptionStore.pageQuery(
        dsl, ExceptionStore.Query.ofStatuses(ExceptionStore.OPEN_STATUSES, sort, true), 0, 50);
  }

  private long max(org.jooq.TableField<?, Long> id) {
    Long value = dsl.select(DSL.max(id)).from(id.getTable()).fetchOne(0, Long.class);
    return value == null ? 0 : value;
  }

  private void explain(List<Plan> plans, String name, ResultQuery<?> query) {
    String explain = "EXPLAIN " + dsl.renderInlined(query);
    List<String> chosen = dsl.fetch(explain).getValues(0, String.class);
    dsl.execute("SET LOCAL enable_seqscan = off");
    List<String> forced = dsl.fetch(explain).getValues(0, String.class);
    dsl.execute("SET LOCAL enable_seqscan = on");
    plans.add(new Plan(name, chosen, forced));
  }

  /**
   * Refreshes the planner's statistics of the tables the hot queries read (after a bulk load); by
   * name, since a bare ANALYZE would lock every table of every schema in the database.
   */
  public void analyze() {
    dsl.execute(
        "ANALYZE imported_file, item, match_run, match_group, match_member, exception_item,"
            + " run_partition, run_item, statement_balance, audit_log");
  }

  /** How many items are stored. */
  public long itemCount() {
    return dsl.fetchCount(ITEM);
  }

  /**
   * Fills an empty PostgreSQL database with synthetic rows in SQL ({@code generate_series}): files
   * of 10,000 items across 3 sides, 50 accounts and 3 currencies over two years, nine items in ten
   * in accepted pairs of one run, and an exception for each of the rest (half open). It writes
   * behind the audit log's back, so only for a throwaway database whose plans are wanted.
   */
  public void generate(long items) {
    if (itemCount() > 0) {
      throw new IllegalStateException(
          "the database already holds items; generate synthetic volume only into an empty,"
              + " throwaway database");
    }
    long files = (items + 9_999) / 10_000;
    long pairs = items * 9 / 20;
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO imported_file (content_sha256, file_name, source, format, profile,"
                + " row_count, added_count, duplicate_count, imported_by, imported_at)"
                + " SELECT md5('f' || g) || md5('g' || g), 'synthetic-' || g || '.csv', 'bank',"
                + " 'csv', 'bench', 10000, 10000, 0, 'bench-explain',"
                + " timestamptz '2025-01-01 00:00:00+00' + g * interval '1 hour'"
                + " FROM generate_series(1, %d) g",
            files));
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO item (file_id, line_no, side, account, currency, amount_minor,"
                + " booking_date, reference, reference_raw, fingerprint, occurrence)"
                + " SELECT f.first_id + (g - 1) / 10000, (g - 1) %% 10000 + 1,"
                + " (ARRAY['BANK', 'LEDGER', 'GATEWAY'])[1 + g %% 3], 'ACC-' || (g / 2 %% 50),"
                + " (ARRAY['EUR', 'USD', 'GBP'])[1 + (g / 100) %% 3], (g::bigint * 7919) %% 1000000 - 500000,"
                + " date '2024-01-01' + (g / 2 %% 730)::int, 'REF' || (g / 2), 'REF ' || (g / 2),"
                + " md5('i' || g) || md5('j' || g), 1"
                + " FROM generate_series(1, %d) g,"
                + " (SELECT min(id) AS first_id FROM imported_file) f",
            items));
    dsl.execute(
        "INSERT INTO match_run (rule_set_name, rule_set_version, status, started_by, started_at,"
            + " finished_at) VALUES ('standard', repeat('0', 64), 'COMPLETED', 'bench-explain',"
            + " timestamptz '2026-01-01 00:00:00+00', timestamptz '2026-01-01 01:00:00+00')");
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO match_group (id, run_id, rule_name, rule_set_version, status, confidence,"
                + " currency, difference_minor, decided_by, created_at, member_key)"
                + " SELECT k, r.id, 'exact', repeat('0', 64), 'ACCEPTED', 1, 'EUR', 0,"
                + " 'rule:exact', timestamptz '2026-01-01 00:00:00+00' + k * interval '1 second',"
                + " md5('m' || k) || md5('n' || k)"
                + " FROM generate_series(1, %d) k, (SELECT max(id) AS id FROM match_run) r",
            pairs));
    dsl.execute(
        "SELECT setval(pg_get_serial_sequence('match_group', 'id'), (SELECT max(id) FROM"
            + " match_group))");
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO match_member (group_id, item_id, side)"
                + " SELECT k, i.first_id + 2 * (k - 1) + m, 'BANK'"
                + " FROM generate_series(1, %d) k, generate_series(0, 1) m,"
                + " (SELECT min(id) AS first_id FROM item) i",
            pairs));
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO exception_item (item_id, open_item_id, type, reason, status, currency,"
                + " amount_minor, opened_run_id, opened_at, closed_at, side, account, aging_date,"
                + " abs_amount_minor, priority_key, is_open)"
                + " SELECT i.id, CASE WHEN i.id %% 2 = 0 THEN i.id END, 'UNMATCHED', 'synthetic',"
                + " CASE WHEN i.id %% 2 = 0 THEN 'OPEN' ELSE 'RESOLVED' END, i.currency,"
                + " i.amount_minor, r.id, timestamptz '2026-01-01 00:00:00+00' + i.id * interval"
                + " '1 second', CASE WHEN i.id %% 2 = 0 THEN NULL ELSE timestamptz '2026-02-01"
                + " 00:00:00+00' END, i.side, i.account, i.booking_date, abs(i.amount_minor),"
                + " (i.id %% 1000)::int, i.id %% 2 = 0"
                + " FROM item i, (SELECT max(id) AS id FROM match_run) r"
                + " WHERE i.id >= (SELECT min(id) FROM item) + %d",
            2 * pairs));
  }

  /** Stores 20 worker partitions of {@code rows} items each for the newest run. */
  public void generatePartition(int rows) {
    dsl.execute(
        String.format(
            Locale.ROOT,
            "INSERT INTO run_item (run_id, partition_no, ordinal, position, item_id, offers,"
                + " matched_in) SELECT r.id, p, o, p * %d + o, i.first_id + p * %d + o, 3, 0"
                + " FROM generate_series(0, 19) p, generate_series(0, %d) o,"
                + " (SELECT max(id) AS id FROM match_run) r, (SELECT min(id) AS first_id FROM"
                + " item) i",
            rows,
            rows,
            rows - 1));
  }
}
