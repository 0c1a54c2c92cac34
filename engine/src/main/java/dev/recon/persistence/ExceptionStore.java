package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_COMMENT;
import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;

import dev.recon.db.jooq.tables.records.ExceptionItemRecord;
import dev.recon.facts.Aging;
import dev.recon.facts.Item;
import dev.recon.money.Currencies;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * The exception queue's rows. At most one exception per item is open at a time (a unique constraint
 * on {@code open_item_id}), which is what makes a rerun never duplicate one. An exception is open
 * while its status is OPEN, ASSIGNED or IN_REVIEW; RESOLVED and WRITTEN_OFF close it.
 */
public final class ExceptionStore {
  public static final String OPEN = "OPEN";
  public static final String ASSIGNED = "ASSIGNED";
  public static final String IN_REVIEW = "IN_REVIEW";
  public static final String RESOLVED = "RESOLVED";
  public static final String WRITTEN_OFF = "WRITTEN_OFF";

  /** The statuses of an exception still to be worked. */
  public static final List<String> OPEN_STATUSES = List.of(OPEN, ASSIGNED, IN_REVIEW);

  public static final String UNMATCHED = "UNMATCHED";
  public static final String AMBIGUOUS = "AMBIGUOUS";
  public static final String SUGGESTED = "SUGGESTED";
  public static final String CORRECTION_REJECTED = "CORRECTION_REJECTED";

  private static final int TEXT_LENGTH_MAX = 1000;
  private static final int INSERT_CHUNK_ROWS = 500;

  private final DSLContext dsl;

  ExceptionStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * An exception to open.
   *
   * @param itemId the item the exception is about, or null for one about an account (a statement
   *     whose balances do not agree) or a correction
   * @param agingDate the date its age counts from; null for the day it opens
   * @param groupId the suggestion it waits on, if any
   * @param correctionId the rejected correction it is about, if any
   */
  public record NewException(
      Long itemId,
      String type,
      String reason,
      String currency,
      long amountMinor,
      String side,
      String account,
      String counterparty,
      String reference,
      LocalDate agingDate,
      Long groupId,
      Long correctionId) {

    public NewException(
        Long itemId, String type, String reason, String currency, long amountMinor) {
      this(itemId, type, reason, currency, amountMinor, null, null, null, null, null, null, null);
    }

    /** An exception about an item, aging from its booking date. */
    public static NewException onItem(Item item, String type, String reason, Long groupId) {
      var f = item.fact();
      return new NewException(
          item.id(),
          type,
          reason,
          f.currencyCode(),
          f.amount().minor(),
          f.side().name(),
          f.account(),
          f.counterparty(),
          f.reference(),
          f.bookingDate(),
          groupId,
          null);
    }

    /** An exception about an account (a statement), aging from a date of that statement. */
    public static NewException onAccount(
        String type,
        String reason,
        String account,
        String currency,
        long amountMinor,
        LocalDate agingDate) {
      return new NewException(
          null,
          type,
          reason,
          currency,
          amountMinor,
          "BANK",
          account,
          null,
          null,
          agingDate,
          null,
          null);
    }
  }

  /** An open exception as a run compares it: its type and reason. */
  public record OpenException(long id, String type, String reason) {}

  /** An exception as stored. */
  public record Row(
      long id,
      Long itemId,
      String type,
      String reason,
      String status,
      String currency,
      long amountMinor,
      String side,
      String account,
      String counterparty,
      String reference,
      LocalDate agingDate,
      int priorityKey,
      String assignee,
      LocalDate revisitOn,
      Long groupId,
      Long correctionId,
      OffsetDateTime openedAt,
      OffsetDateTime closedAt,
      String closeReason) {
    public boolean isOpen() {
      return OPEN_STATUSES.contains(status);
    }
  }

  /** How a list is ordered: by priority (highest first), aging date, absolute amount or id. */
  public enum SortKey {
    PRIORITY,
    AGE,
    AMOUNT,
    ID
  }

  /**
   * Which exceptions to list; null or empty fields do not filter.
   *
   * @param agingFrom earliest aging date (inclusive)
   * @param agingTo latest aging date (inclusive)
   * @param minAbsMinor least absolute amount in minor units (inclusive)
   * @param text words looked for in the reason, reference and counterparty (case-insensitive)
   * @param revisitBy latest revisit date (inclusive): the timing differences due by then
   * @param descending highest priority, oldest, largest first when true
   */
  public record Query(
      Collection<String> statuses,
      Collection<String> types,
      String side,
      String account,
      String currency,
      LocalDate agingFrom,
      LocalDate agingTo,
      String assignee,
      Long minAbsMinor,
      Long maxAbsMinor,
      String text,
      LocalDate revisitBy,
      SortKey sort,
      boolean descending) {
    /** The exceptions of these statuses (null: every one), unfiltered otherwise, in one order. */
    public static Query ofStatuses(Collection<String> statuses, SortKey sort, boolean descending) {
      return new Query(
          statuses,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          sort,
          descending);
    }
  }

  /** Open exceptions by the item they are about. */
  public Map<Long, OpenException> openDetailsByItem() {
    return dsl.select(
            EXCEPTION_ITEM.OPEN_ITEM_ID,
            EXCEPTION_ITEM.ID,
            EXCEPTION_ITEM.TYPE,
            EXCEPTION_ITEM.REASON)
        .from(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.OPEN_ITEM_ID.isNotNull())
        .fetchMap(r -> r.value1(), r -> new OpenException(r.value2(), r.value3(), r.value4()));
  }

  /** Items whose exception was written off: a run does not open another one for them. */
  public Set<Long> writtenOffItems() {
    return new HashSet<>(
        dsl.selectDistinct(EXCEPTION_ITEM.ITEM_ID)
            .from(EXCEPTION_ITEM)
            .where(EXCEPTION_ITEM.STATUS.eq(WRITTEN_OFF))
            .and(EXCEPTION_ITEM.ITEM_ID.isNotNull())
            .fetch(EXCEPTION_ITEM.ITEM_ID));
  }

  /** Brings an open exception's type and reason up to date with what the latest run found. */
  public void update(long exceptionId, String type, String reason) {
    update(exceptionId, type, reason, null);
  }

  /** As {@link #update(long, String, String)}, also naming the suggestion it waits on. */
  public void update(long exceptionId, String type, String reason, Long groupId) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.TYPE, type)
        .set(EXCEPTION_ITEM.REASON, truncate(reason))
        .set(EXCEPTION_ITEM.GROUP_ID, groupId)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** The reason of each open exception, by the item it is about. */
  public Map<Long, String> openReasonsByItem() {
    return dsl.select(EXCEPTION_ITEM.OPEN_ITEM_ID, EXCEPTION_ITEM.REASON)
        .from(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.OPEN_ITEM_ID.isNotNull())
        .fetchMap(EXCEPTION_ITEM.OPEN_ITEM_ID, EXCEPTION_ITEM.REASON);
  }

  public long open(NewException exception, Long runId, OffsetDateTime at) {
    LocalDate agingDate = exception.agingDate() != null ? exception.agingDate() : at.toLocalDate();
    long abs = Math.abs(exception.amountMinor());
    int scale = Currencies.scale(Currencies.of(exception.currency()));
    return dsl.insertInto(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.ITEM_ID, exception.itemId())
        .set(EXCEPTION_ITEM.OPEN_ITEM_ID, exception.itemId())
        .set(EXCEPTION_ITEM.TYPE, exception.type())
        .set(EXCEPTION_ITEM.REASON, truncate(exception.reason()))
        .set(EXCEPTION_ITEM.STATUS, OPEN)
        .set(EXCEPTION_ITEM.CURRENCY, exception.currency())
        .set(EXCEPTION_ITEM.AMOUNT_MINOR, exception.amountMinor())
        .set(EXCEPTION_ITEM.ABS_AMOUNT_MINOR, abs)
        .set(EXCEPTION_ITEM.SIDE, exception.side())
        .set(EXCEPTION_ITEM.ACCOUNT, exception.account())
        .set(EXCEPTION_ITEM.COUNTERPARTY, exception.counterparty())
        .set(EXCEPTION_ITEM.REFERENCE, exception.reference())
        .set(EXCEPTION_ITEM.AGING_DATE, agingDate)
        .set(EXCEPTION_ITEM.PRIORITY_KEY, Aging.priorityKey(abs, scale, agingDate))
        .set(EXCEPTION_ITEM.GROUP_ID, exception.groupId())
        .set(EXCEPTION_ITEM.CORRECTION_ID, exception.correctionId())
        .set(EXCEPTION_ITEM.OPENED_RUN_ID, runId)
        .set(EXCEPTION_ITEM.OPENED_AT, at)
        .set(EXCEPTION_ITEM.UPDATED_AT, at)
        .returning(EXCEPTION_ITEM.ID)
        .fetchOne()
        .getId();
  }

  /**
   * Opens many exceptions in multi-row inserts of {@value #INSERT_CHUNK_ROWS}, in the list's order
   * (ids ascending), exactly as {@link #open} opens one: for a run or a bench that opens thousands
   * at once.
   */
  public void openAll(List<NewException> exceptions, Long runId, OffsetDateTime at) {
    for (int from = 0; from < exceptions.size(); from += INSERT_CHUNK_ROWS) {
      var insert =
          dsl.insertInto(
              EXCEPTION_ITEM,
              EXCEPTION_ITEM.ITEM_ID,
              EXCEPTION_ITEM.OPEN_ITEM_ID,
              EXCEPTION_ITEM.TYPE,
              EXCEPTION_ITEM.REASON,
              EXCEPTION_ITEM.STATUS,
              EXCEPTION_ITEM.CURRENCY,
              EXCEPTION_ITEM.AMOUNT_MINOR,
              EXCEPTION_ITEM.ABS_AMOUNT_MINOR,
              EXCEPTION_ITEM.SIDE,
              EXCEPTION_ITEM.ACCOUNT,
              EXCEPTION_ITEM.COUNTERPARTY,
              EXCEPTION_ITEM.REFERENCE,
              EXCEPTION_ITEM.AGING_DATE,
              EXCEPTION_ITEM.PRIORITY_KEY,
              EXCEPTION_ITEM.GROUP_ID,
              EXCEPTION_ITEM.CORRECTION_ID,
              EXCEPTION_ITEM.OPENED_RUN_ID,
              EXCEPTION_ITEM.OPENED_AT,
              EXCEPTION_ITEM.UPDATED_AT);
      for (NewException e :
          exceptions.subList(from, Math.min(exceptions.size(), from + INSERT_CHUNK_ROWS))) {
        LocalDate agingDate = e.agingDate() != null ? e.agingDate() : at.toLocalDate();
        long abs = Math.abs(e.amountMinor());
        int scale = Currencies.scale(Currencies.of(e.currency()));
        insert =
            insert.values(
                java.util.Arrays.asList(
                    e.itemId(),
                    e.itemId(),
                    e.type(),
                    truncate(e.reason()),
                    OPEN,
                    e.currency(),
                    e.amountMinor(),
                    abs,
                    e.side(),
                    e.account(),
                    e.counterparty(),
                    e.reference(),
                    agingDate,
                    Aging.priorityKey(abs, scale, agingDate),
                    e.groupId(),
                    e.correctionId(),
                    runId,
                    at,
                    at));
      }
      insert.execute();
    }
  }

  public void resolve(long exceptionId, Long runId, OffsetDateTime at, String reason) {
    close(exceptionId, RESOLVED, runId, at, reason);
  }

  /** Closes an exception (RESOLVED or WRITTEN_OFF) with the reason, freeing its item. */
  public void close(long exceptionId, String status, Long runId, OffsetDateTime at, String reason) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.STATUS, status)
        .set(EXCEPTION_ITEM.IS_OPEN, false)
        .setNull(EXCEPTION_ITEM.OPEN_ITEM_ID)
        .set(EXCEPTION_ITEM.CLOSED_RUN_ID, runId)
        .set(EXCEPTION_ITEM.CLOSED_AT, at)
        .set(EXCEPTION_ITEM.CLOSE_REASON, truncate500(reason))
        .set(EXCEPTION_ITEM.UPDATED_AT, at)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** Sets who works an exception and its status (ASSIGNED, IN_REVIEW or back to OPEN). */
  public void assign(long exceptionId, String assignee, String status, OffsetDateTime at) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.ASSIGNEE, assignee)
        .set(EXCEPTION_ITEM.STATUS, status)
        .set(EXCEPTION_ITEM.IS_OPEN, OPEN_STATUSES.contains(status))
        .set(EXCEPTION_ITEM.UPDATED_AT, at)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** Marks an expected timing difference: the date to look at the exception again. */
  public void revisitOn(long exceptionId, LocalDate date, OffsetDateTime at) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.REVISIT_ON, date)
        .set(EXCEPTION_ITEM.UPDATED_AT, at)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** Open exceptions, on items and on accounts. */
  public int countOpen() {
    return dsl.fetchCount(EXCEPTION_ITEM, EXCEPTION_ITEM.IS_OPEN.isTrue());
  }

  public java.util.Optional<Row> find(long exceptionId) {
    return dsl.selectFrom(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .fetchOptional(ExceptionStore::toRow);
  }

  /** The open exception of an item, if it has one. */
  public java.util.Optional<Row> openOfItem(long itemId) {
    return dsl.selectFrom(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.OPEN_ITEM_ID.eq(itemId))
        .fetchOptional(ExceptionStore::toRow);
  }

  /** Open exceptions waiting on a suggestion. */
  public List<Row> openOfGroup(long groupId) {
    return dsl.selectFrom(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.GROUP_ID.eq(groupId))
        .and(EXCEPTION_ITEM.STATUS.in(OPEN_STATUSES))
        .orderBy(EXCEPTION_ITEM.ID)
        .fetch(ExceptionStore::toRow);
  }

  /** One page of the exceptions a query selects, with the count of all of them. */
  public Page<Row> query(Query query, int offset, int limit) {
    Condition where = condition(query);
    long total = dsl.fetchCount(EXCEPTION_ITEM, where);
    List<Row> rows = pageQuery(dsl, query, offset, limit).fetch(ExceptionStore::toRow);
    return new Page<>(rows, offset, limit, total);
  }

  /** The query of one page of the list (its plan is checked by {@code QueryPlanStore}). */
  static ResultQuery<ExceptionItemRecord> pageQuery(
      DSLContext dsl, Query query, int offset, int limit) {
    return dsl.selectFrom(EXCEPTION_ITEM)
        .where(condition(query))
        .orderBy(order(query))
        .limit(limit)
        .offset(offset);
  }

  /** The ids of every exception a query selects, in its order, at most {@code max}. */
  public List<Long> ids(Query query, int max) {
    return dsl.select(EXCEPTION_ITEM.ID)
        .from(EXCEPTION_ITEM)
        .where(condition(query))
        .orderBy(order(query))
        .limit(max)
        .fetch(EXCEPTION_ITEM.ID);
  }

  private static Condition condition(Query q) {
    List<Condition> all = new ArrayList<>();
    if (q.statuses() != null && !q.statuses().isEmpty()) {
      // The open statuses are one range of the (is_open, key, id) indexes (V42): a page of them is
      // read in order instead of sorting them all.
      boolean openRange = readsOpenRange(q);
      if (openRange) {
        all.add(EXCEPTION_ITEM.IS_OPEN.isTrue());
      }
      if (!openRange || !q.statuses().containsAll(OPEN_STATUSES)) {
        all.add(EXCEPTION_ITEM.STATUS.in(q.statuses()));
      }
    }
    if (q.types() != null && !q.types().isEmpty()) {
      all.add(EXCEPTION_ITEM.TYPE.in(q.types()));
    }
    if (q.side() != null) {
      all.add(EXCEPTION_ITEM.SIDE.eq(q.side()));
    }
    if (q.account() != null) {
      all.add(EXCEPTION_ITEM.ACCOUNT.eq(q.account()));
    }
    if (q.currency() != null) {
      all.add(EXCEPTION_ITEM.CURRENCY.eq(q.currency()));
    }
    if (q.agingFrom() != null) {
      all.add(EXCEPTION_ITEM.AGING_DATE.ge(q.agingFrom()));
    }
    if (q.agingTo() != null) {
      all.add(EXCEPTION_ITEM.AGING_DATE.le(q.agingTo()));
    }
    if (q.assignee() != null) {
      all.add(EXCEPTION_ITEM.ASSIGNEE.eq(q.assignee()));
    }
    if (q.minAbsMinor() != null) {
      all.add(EXCEPTION_ITEM.ABS_AMOUNT_MINOR.ge(q.minAbsMinor()));
    }
    if (q.maxAbsMinor() != null) {
      all.add(EXCEPTION_ITEM.ABS_AMOUNT_MINOR.le(q.maxAbsMinor()));
    }
    if (q.revisitBy() != null) {
      all.add(EXCEPTION_ITEM.REVISIT_ON.le(q.revisitBy()));
    }
    if (q.text() != null && !q.text().isBlank()) {
      String like = "%" + escapeLike(q.text().strip().toLowerCase(Locale.ROOT)) + "%";
      Condition text =
          DSL.lower(EXCEPTION_ITEM.REASON)
              .like(like, '!')
              .or(DSL.lower(EXCEPTION_ITEM.REFERENCE).like(like, '!'))
              .or(DSL.lower(EXCEPTION_ITEM.COUNTERPARTY).like(like, '!'));
      // References are stored cleaned (INV20261008), so "INV-2026-1008" finds them too.
      String reference = dev.recon.normalizing.References.clean(q.text());
      if (reference != null) {
        text = text.or(EXCEPTION_ITEM.REFERENCE.like("%" + escapeLike(reference) + "%", '!'));
      }
      all.add(text);
    }
    return DSL.and(all);
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /**
   * Whether a query reads the (is_open, key, id) indexes: it selects only open statuses and names
   * no account or assignee (those have indexes of their own that select few rows, which H2 would
   * pass over for the one already in the page's order, and then read every open row).
   */
  private static boolean readsOpenRange(Query q) {
    return q.statuses() != null
        && !q.statuses().isEmpty()
        && OPEN_STATUSES.containsAll(q.statuses())
        && q.account() == null
        && q.assignee() == null;
  }

  private static List<SortField<?>> order(Query q) {
    List<SortField<?>> byKey = orderByKey(q);
    boolean agedRange = q.agingFrom() != null || q.agingTo() != null;
    if (!readsOpenRange(q) || (agedRange && q.sort() != SortKey.AGE)) {
      // An aging bucket is a range of the (is_open, aging_date, id) index: reading that range and
      // sorting it beats walking the whole open range in another order to find a page of it.
      return byKey;
    }
    // Every row read has is_open true, so ordering by it first changes nothing, but it lets H2
    // see that the (is_open, key, id) index is already in the page's order and stop after the page
    // (H2 only walks an index in order when the sort starts with the index's first column).
    List<SortField<?>> order = new ArrayList<>();
    order.add(
        byKey.get(0).getOrder() == SortOrder.DESC
            ? EXCEPTION_ITEM.IS_OPEN.desc()
            : EXCEPTION_ITEM.IS_OPEN.asc());
    order.addAll(byKey);
    return order;
  }

  private static List<SortField<?>> orderByKey(Query q) {
    boolean desc = q.descending();
    SortKey key = q.sort() == null ? SortKey.PRIORITY : q.sort();
    return switch (key) {
      case PRIORITY ->
          List.of(
              desc ? EXCEPTION_ITEM.PRIORITY_KEY.desc() : EXCEPTION_ITEM.PRIORITY_KEY.asc(),
              desc ? EXCEPTION_ITEM.ID.desc() : EXCEPTION_ITEM.ID.asc());
      // Oldest first is the natural "descending age": the earliest aging date.
      case AGE ->
          List.of(
              desc ? EXCEPTION_ITEM.AGING_DATE.asc() : EXCEPTION_ITEM.AGING_DATE.desc(),
              desc ? EXCEPTION_ITEM.ID.asc() : EXCEPTION_ITEM.ID.desc());
      case AMOUNT ->
          List.of(
              desc ? EXCEPTION_ITEM.ABS_AMOUNT_MINOR.desc() : EXCEPTION_ITEM.ABS_AMOUNT_MINOR.asc(),
              desc ? EXCEPTION_ITEM.ID.desc() : EXCEPTION_ITEM.ID.asc());
      case ID -> List.of(desc ? EXCEPTION_ITEM.ID.desc() : EXCEPTION_ITEM.ID.asc());
    };
  }

  /** A comment on an exception. */
  public record Comment(long id, long exceptionId, String author, OffsetDateTime at, String body) {}

  public long addComment(long exceptionId, String author, OffsetDateTime at, String body) {
    return dsl.insertInto(EXCEPTION_COMMENT)
        .set(EXCEPTION_COMMENT.EXCEPTION_ID, exceptionId)
        .set(EXCEPTION_COMMENT.AUTHOR, author)
        .set(EXCEPTION_COMMENT.AT, at)
        .set(EXCEPTION_COMMENT.BODY, body)
        .returning(EXCEPTION_COMMENT.ID)
        .fetchOne()
        .getId();
  }

  /** An exception's comments, oldest first. */
  public List<Comment> comments(long exceptionId) {
    return dsl.selectFrom(EXCEPTION_COMMENT)
        .where(EXCEPTION_COMMENT.EXCEPTION_ID.eq(exceptionId))
        .orderBy(EXCEPTION_COMMENT.ID)
        .fetch(
            r -> new Comment(r.getId(), r.getExceptionId(), r.getAuthor(), r.getAt(), r.getBody()));
  }

  private static Row toRow(Record r) {
    return new Row(
        r.get(EXCEPTION_ITEM.ID),
        r.get(EXCEPTION_ITEM.ITEM_ID),
        r.get(EXCEPTION_ITEM.TYPE),
        r.get(EXCEPTION_ITEM.REASON),
        r.get(EXCEPTION_ITEM.STATUS),
        r.get(EXCEPTION_ITEM.CURRENCY),
        r.get(EXCEPTION_ITEM.AMOUNT_MINOR),
        r.get(EXCEPTION_ITEM.SIDE),
        r.get(EXCEPTION_ITEM.ACCOUNT),
        r.get(EXCEPTION_ITEM.COUNTERPARTY),
        r.get(EXCEPTION_ITEM.REFERENCE),
        r.get(EXCEPTION_ITEM.AGING_DATE),
        r.get(EXCEPTION_ITEM.PRIORITY_KEY),
        r.get(EXCEPTION_ITEM.ASSIGNEE),
        r.get(EXCEPTION_ITEM.REVISIT_ON),
        r.get(EXCEPTION_ITEM.GROUP_ID),
        r.get(EXCEPTION_ITEM.CORRECTION_ID),
        r.get(EXCEPTION_ITEM.OPENED_AT),
        r.get(EXCEPTION_ITEM.CLOSED_AT),
        r.get(EXCEPTION_ITEM.CLOSE_REASON));
  }

  private static String truncate(String text) {
    return text.length() <= TEXT_LENGTH_MAX ? text : text.substring(0, TEXT_LENGTH_MAX - 1) + "…";
  }

  private static String truncate500(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= 500 ? text : text.substring(0, 499) + "…";
  }
}
