package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.CORRECTION;
import static dev.recon.db.jooq.Tables.CORRECTION_LINE;
import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.STATEMENT_BALANCE;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Read-only queries behind the match report. Totals are computed by the database (GROUP BY), and
 * the long tables (group members, open items, corrections) are read through a cursor a page of
 * {@link #FETCH_ROWS} rows at a time and handed to a consumer row by row, so a report of millions
 * of items never holds them all in memory.
 */
public final class ReportStore {
  /** Rows per round trip when streaming; PostgreSQL only pages inside a transaction, as here. */
  static final int FETCH_ROWS = 2_000;

  private final DSLContext dsl;

  ReportStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One member of an accepted group, with what decided the group. */
  public record GroupMember(
      long groupId,
      String ruleName,
      BigDecimal confidence,
      String ruleSetVersion,
      long differenceMinor,
      long feeTotalMinor,
      Item item) {}

  /** Members of accepted groups, ordered by group, then side, then item id. */
  public List<GroupMember> acceptedGroupMembers() {
    return memberQuery(DSL.noCondition()).fetch(ReportStore::toMember);
  }

  /**
   * The report's selection of items: booked from {@code from} to {@code to} (inclusive; null leaves
   * that end open), and for the groups sheet and rule rates only the groups of one run (null: any).
   */
  public record Period(LocalDate from, LocalDate to, Long runId) {
    Condition booked(Field<LocalDate> date) {
      Condition condition = DSL.noCondition();
      if (from != null) {
        condition = condition.and(date.ge(from));
      }
      if (to != null) {
        condition = condition.and(date.le(to));
      }
      return condition;
    }

    Condition ofRun() {
      return runId == null ? DSL.noCondition() : MATCH_GROUP.RUN_ID.eq(runId);
    }
  }

  /** Count and exact sum (minor units) of items of one side and currency. */
  public record SideTotal(Side side, String currency, long count, long amountMinor) {}

  /** Items booked in the period that are reconciled (or not), by side and currency. */
  public List<SideTotal> sideTotals(Period period, boolean reconciled) {
    Condition state = reconciled ? reconciled() : open();
    return sideTotals(period.booked(ITEM.BOOKING_DATE).and(state));
  }

  /**
   * Items booked in the period reconciled by a matching run's rules rather than by a person: bank
   * and ledger lines in an accepted automatic group, gateway transactions in an accepted automatic
   * settlement group.
   */
  public List<SideTotal> sideTotalsMatchedAutomatically(Period period) {
    return sideTotals(
        period
            .booked(ITEM.BOOKING_DATE)
            .and(ITEM.ID.in(reconcilingMembers(MATCH_GROUP.RUN_ID.isNotNull()))));
  }

  /**
   * Whether the current item row is reconciled, as {@link ItemStore#matched} counts it (a bank or
   * ledger line in an accepted group, a gateway transaction in an accepted settlement group), but
   * written as membership of a set the database computes once: the correlated form makes H2 scan
   * every accepted group for each item, which is quadratic at a million items.
   */
  static Condition reconciled() {
    return ITEM.ID.in(reconcilingMembers(DSL.noCondition()));
  }

  static Condition open() {
    return ITEM.ID.notIn(reconcilingMembers(DSL.noCondition()));
  }

  /** Items whose accepted group reconciles them (item ids are never null, so NOT IN is safe). */
  private static org.jooq.Select<org.jooq.Record1<Long>> reconcilingMembers(Condition groups) {
    return DSL.select(MATCH_MEMBER.ITEM_ID)
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(
            MATCH_MEMBER
                .SIDE
                .ne(Side.GATEWAY.name())
                .or(MATCH_GROUP.SCOPE.eq(Scope.SETTLEMENT.name())))
        .and(groups);
  }

  /** Items of one side in accepted groups of one scope. */
  private static org.jooq.Select<org.jooq.Record1<Long>> membersOf(Side side, Scope scope) {
    return DSL.select(MATCH_MEMBER.ITEM_ID)
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(MATCH_MEMBER.SIDE.eq(side.name()))
        .and(MATCH_GROUP.SCOPE.eq(scope.name()));
  }

  private List<SideTotal> sideTotals(Condition condition) {
    return dsl.select(ITEM.SIDE, ITEM.CURRENCY, DSL.count(), DSL.sum(ITEM.AMOUNT_MINOR))
        .from(ITEM)
        .where(condition)
        .groupBy(ITEM.SIDE, ITEM.CURRENCY)
        .orderBy(ITEM.SIDE, ITEM.CURRENCY)
        .fetch(
            r ->
                new SideTotal(
                    Side.valueOf(r.value1()), r.value2(), r.value3(), r.value4().longValueExact()));
  }

  /** Accepted groups of one rule with a member booked in the period, and those members. */
  public record RuleTotal(String ruleName, boolean automatic, long groups, long members) {}

  public List<RuleTotal> ruleTotals(Period period) {
    Field<Integer> manual =
        DSL.max(DSL.when(MATCH_GROUP.RUN_ID.isNull(), DSL.inline(1)).otherwise(DSL.inline(0)));
    return dsl.select(MATCH_GROUP.RULE_NAME, manual, DSL.countDistinct(MATCH_GROUP.ID), DSL.count())
        .from(MATCH_GROUP)
        .join(MATCH_MEMBER)
        .on(MATCH_MEMBER.GROUP_ID.eq(MATCH_GROUP.ID))
        .join(ITEM)
        .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(period.booked(ITEM.BOOKING_DATE))
        .and(period.ofRun())
        .groupBy(MATCH_GROUP.RULE_NAME)
        .orderBy(MATCH_GROUP.RULE_NAME)
        .fetch(r -> new RuleTotal(r.value1(), r.value2() == 0, r.value3(), r.value4()));
  }

  /** The open items booked on one date, by side: the report buckets them by age. */
  public record OpenOnDate(Side side, LocalDate bookingDate, long count, long amountMinor) {}

  public List<OpenOnDate> openByBookingDate(Period period) {
    return dsl.select(ITEM.SIDE, ITEM.BOOKING_DATE, DSL.count(), DSL.sum(ITEM.AMOUNT_MINOR))
        .from(ITEM)
        .where(period.booked(ITEM.BOOKING_DATE))
        .and(open())
        .groupBy(ITEM.SIDE, ITEM.BOOKING_DATE)
        .orderBy(ITEM.SIDE, ITEM.BOOKING_DATE)
        .fetch(
            r ->
                new OpenOnDate(
                    Side.valueOf(r.value1()), r.value2(), r.value3(), r.value4().longValueExact()));
  }

  /** One imported bank statement's balances. */
  public record StatementBalance(
      String account,
      String currency,
      String statementId,
      LocalDate openingDate,
      long openingMinor,
      LocalDate closingDate,
      long closingMinor) {}

  /**
   * Balances of the statements closing on or before a date (all when null), by account and
   * currency, then closing date.
   */
  public List<StatementBalance> statementBalances(LocalDate to) {
    Condition closed = to == null ? DSL.noCondition() : STATEMENT_BALANCE.CLOSING_DATE.le(to);
    return dsl.selectFrom(STATEMENT_BALANCE)
        .where(closed)
        .orderBy(
            STATEMENT_BALANCE.ACCOUNT,
            STATEMENT_BALANCE.CURRENCY,
            STATEMENT_BALANCE.CLOSING_DATE,
            STATEMENT_BALANCE.ID)
        .fetch(
            r ->
                new StatementBalance(
                    r.getAccount(),
                    r.getCurrency(),
                    r.getStatementId(),
                    r.getOpeningDate(),
                    r.getOpeningMinor(),
                    r.getClosingDate(),
                    r.getClosingMinor()));
  }

  /**
   * A count and sum of bank or ledger lines of one account and currency booked up to the
   * statement's date, and what they are (a category; null for all of them).
   */
  public record CashTotal(
      String account, String currency, Side side, String category, long count, long amountMinor) {}

  private static final Condition CASH_SIDES = ITEM.SIDE.in(Side.BANK.name(), Side.LEDGER.name());

  /** Every bank and ledger line booked up to a date, by account, currency and side. */
  public List<CashTotal> cashTotals(LocalDate to) {
    return cashTotals(DSL.inline((String) null), bookedUpTo(to), DSL.noCondition(), List.of());
  }

  /**
   * Bank and ledger lines booked up to a date that are not reconciled, by the type of their open
   * exception (null before the first run).
   */
  public List<CashTotal> openCashTotals(LocalDate to) {
    return cashTotals(
        EXCEPTION_ITEM.TYPE,
        bookedUpTo(to).and(open()),
        EXCEPTION_ITEM.OPEN_ITEM_ID.eq(ITEM.ID),
        List.of(EXCEPTION_ITEM.TYPE));
  }

  /**
   * Bank lines settled by a gateway payout and ledger lines matched to gateway transactions (the
   * clearing account's sales), booked up to a date: matched, but not against the other cash side.
   */
  public List<CashTotal> cashMatchedWithGateway(LocalDate to) {
    Condition settled =
        ITEM.ID
            .in(membersOf(Side.BANK, Scope.SETTLEMENT))
            .or(ITEM.ID.in(membersOf(Side.LEDGER, Scope.SALES)));
    return cashTotals(
        DSL.inline((String) null), bookedUpTo(to).and(settled), DSL.noCondition(), List.of());
  }

  private List<CashTotal> cashTotals(
      Field<String> category,
      Condition where,
      Condition exceptionJoin,
      List<Field<?>> extraGroupBy) {
    var select =
        dsl.select(
                ITEM.ACCOUNT,
                ITEM.CURRENCY,
                ITEM.SIDE,
                category,
                DSL.count(),
                DSL.sum(ITEM.AMOUNT_MINOR))
            .from(ITEM);
    var joined =
        extraGroupBy.isEmpty() ? select : select.leftJoin(EXCEPTION_ITEM).on(exceptionJoin);
    List<Field<?>> groupBy =
        new java.util.ArrayList<>(List.of(ITEM.ACCOUNT, ITEM.CURRENCY, ITEM.SIDE));
    groupBy.addAll(extraGroupBy);
    return joined
        .where(CASH_SIDES)
        .and(where)
        .groupBy(groupBy)
        .orderBy(groupBy)
        .fetch(
            r ->
                new CashTotal(
                    r.value1(),
                    r.value2(),
                    Side.valueOf(r.value3()),
                    r.value4(),
                    r.value5(),
                    r.value6().longValueExact()));
  }

  private static Condition bookedUpTo(LocalDate to) {
    return to == null ? DSL.noCondition() : ITEM.BOOKING_DATE.le(to);
  }

  /**
   * What one accepted bank-ledger group leaves over in one account and currency when only its
   * members booked up to a date are counted: bank members minus ledger members. Non-zero when the
   * group tolerated a difference, or when some of its members are booked after the date.
   */
  public record GroupRemainder(
      long groupId, String account, String currency, long remainderMinor, boolean completeByDate) {}

  /**
   * Streams the non-zero remainders of accepted cash groups with a member booked up to a date.
   *
   * <p>The members come ordered by group and are summed here, one group at a time: a {@code GROUP
   * BY} holds every group at once, and the embedded H2 does that in this JVM's heap (a million-row
   * report ran out of 256 MB), where an ordered result spills to disk.
   */
  public void cashGroupRemainders(LocalDate to, Consumer<GroupRemainder> sink) {
    ResultQuery<? extends Record> query =
        dsl.select(
                MATCH_GROUP.ID,
                ITEM.ACCOUNT,
                ITEM.CURRENCY,
                ITEM.SIDE,
                ITEM.AMOUNT_MINOR,
                ITEM.BOOKING_DATE)
            .from(MATCH_GROUP)
            .join(MATCH_MEMBER)
            .on(MATCH_MEMBER.GROUP_ID.eq(MATCH_GROUP.ID))
            .join(ITEM)
            .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
            .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
            .and(MATCH_GROUP.SCOPE.eq(Scope.CASH.name()))
            .and(CASH_SIDES)
            .orderBy(MATCH_GROUP.ID, ITEM.ACCOUNT, ITEM.CURRENCY);
    RemainderSum[] current = {null};
    stream(
        query,
        r -> {
          RemainderSum sum = current[0];
          if (sum == null || !sum.isFor(r)) {
            if (sum != null) {
              sum.emit(to, sink);
            }
            sum =
                new RemainderSum(r.get(MATCH_GROUP.ID), r.get(ITEM.ACCOUNT), r.get(ITEM.CURRENCY));
            current[0] = sum;
          }
          sum.add(r, to);
        });
    if (current[0] != null) {
      current[0].emit(to, sink);
    }
  }

  /** One group's members in one account and currency, summed as they stream by. */
  private static final class RemainderSum {
    private final long groupId;
    private final String account;
    private final String currency;
    private long remainderMinor;
    private LocalDate first;
    private LocalDate last;

    RemainderSum(long groupId, String account, String currency) {
      this.groupId = groupId;
      this.account = account;
      this.currency = currency;
    }

    boolean isFor(Record r) {
      return r.get(MATCH_GROUP.ID) == groupId
          && r.get(ITEM.ACCOUNT).equals(account)
          && r.get(ITEM.CURRENCY).equals(currency);
    }

    /** Bank members count plus, ledger members minus; those booked after the date count zero. */
    void add(Record r, LocalDate to) {
      LocalDate booked = r.get(ITEM.BOOKING_DATE);
      long amount = r.get(ITEM.AMOUNT_MINOR);
      if (to == null || !booked.isAfter(to)) {
        remainderMinor =
            Math.addExact(
                remainderMinor,
                r.get(ITEM.SIDE).equals(Side.BANK.name()) ? amount : Math.negateExact(amount));
      }
      first = first == null || booked.isBefore(first) ? booked : first;
      last = last == null || booked.isAfter(last) ? booked : last;
    }

    /** Passes the sum on when the group has a member booked up to the date and leaves something. */
    void emit(LocalDate to, Consumer<GroupRemainder> sink) {
      boolean bookedByDate = to == null || !first.isAfter(to);
      if (bookedByDate && remainderMinor != 0) {
        boolean complete = to == null || !last.isAfter(to);
        sink.accept(new GroupRemainder(groupId, account, currency, remainderMinor, complete));
      }
    }
  }

  /** A member of an accepted group, with the group's decision. */
  public record GroupRow(
      GroupMember member, String scope, String decidedBy, Long runId, String explanation) {}

  /**
   * Streams the members of the accepted groups with a member booked in the period (of the period's
   * run, if it names one), ordered by group, then side, then item id.
   */
  public void streamGroupMembers(Period period, Consumer<GroupRow> sink) {
    var inPeriod =
        DSL.select(MATCH_MEMBER.GROUP_ID)
            .from(MATCH_MEMBER)
            .join(ITEM)
            .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
            .where(period.booked(ITEM.BOOKING_DATE));
    Condition selected =
        period.from() == null && period.to() == null
            ? period.ofRun()
            : period.ofRun().and(MATCH_GROUP.ID.in(inPeriod));
    stream(
        memberQuery(selected),
        r ->
            sink.accept(
                new GroupRow(
                    toMember(r),
                    r.get(MATCH_GROUP.SCOPE),
                    r.get(MATCH_GROUP.DECIDED_BY),
                    r.get(MATCH_GROUP.RUN_ID),
                    r.get(MATCH_GROUP.EXPLANATION))));
  }

  private org.jooq.SelectQuery<Record> memberQuery(Condition selected) {
    var query =
        dsl.select(
                MATCH_GROUP.ID,
                MATCH_GROUP.RULE_NAME,
                MATCH_GROUP.CONFIDENCE,
                MATCH_GROUP.RULE_SET_VERSION,
                MATCH_GROUP.DIFFERENCE_MINOR,
                MATCH_GROUP.FEE_TOTAL_MINOR,
                MATCH_GROUP.SCOPE,
                MATCH_GROUP.DECIDED_BY,
                MATCH_GROUP.RUN_ID,
                MATCH_GROUP.EXPLANATION)
            .select(ITEM.asterisk())
            .select(IMPORTED_FILE.FILE_NAME)
            .from(MATCH_GROUP)
            .join(MATCH_MEMBER)
            .on(MATCH_MEMBER.GROUP_ID.eq(MATCH_GROUP.ID))
            .join(ITEM)
            .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
            .join(IMPORTED_FILE)
            .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
            .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
            .and(selected)
            .orderBy(MATCH_GROUP.ID, ITEM.SIDE, ITEM.ID)
            .getQuery();
    return query;
  }

  private static GroupMember toMember(Record r) {
    return new GroupMember(
        r.get(MATCH_GROUP.ID),
        r.get(MATCH_GROUP.RULE_NAME),
        r.get(MATCH_GROUP.CONFIDENCE),
        r.get(MATCH_GROUP.RULE_SET_VERSION),
        r.get(MATCH_GROUP.DIFFERENCE_MINOR),
        r.get(MATCH_GROUP.FEE_TOTAL_MINOR),
        ItemStore.toItem(r));
  }

  /** An item no accepted group reconciles, with its open exception if it has one. */
  public record OpenItem(
      Item item, String exceptionType, String reason, String assignee, OffsetDateTime openedAt) {}

  /**
   * Streams the items booked in the period that are not reconciled, in an order a reader can follow
   * and that does not depend on the order files were imported in: side, booking date, file, line,
   * id.
   */
  public void streamOpenItems(Period period, Consumer<OpenItem> sink) {
    var query =
        dsl.select(ITEM.asterisk())
            .select(IMPORTED_FILE.FILE_NAME)
            .select(
                EXCEPTION_ITEM.TYPE,
                EXCEPTION_ITEM.REASON,
                EXCEPTION_ITEM.ASSIGNEE,
                EXCEPTION_ITEM.OPENED_AT)
            .from(ITEM)
            .join(IMPORTED_FILE)
            .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
            .leftJoin(EXCEPTION_ITEM)
            .on(EXCEPTION_ITEM.OPEN_ITEM_ID.eq(ITEM.ID))
            .where(period.booked(ITEM.BOOKING_DATE))
            .and(open())
            .orderBy(ITEM.SIDE, ITEM.BOOKING_DATE, IMPORTED_FILE.FILE_NAME, ITEM.LINE_NO, ITEM.ID);
    stream(
        query,
        r ->
            sink.accept(
                new OpenItem(
                    ItemStore.toItem(r),
                    r.get(EXCEPTION_ITEM.TYPE),
                    r.get(EXCEPTION_ITEM.REASON),
                    r.get(EXCEPTION_ITEM.ASSIGNEE),
                    r.get(EXCEPTION_ITEM.OPENED_AT))));
  }

  /** An open exception about an account rather than an item (a statement that does not agree). */
  public record AccountException(
      long id,
      String type,
      String reason,
      String currency,
      long amountMinor,
      OffsetDateTime openedAt) {}

  public List<AccountException> openAccountExceptions() {
    return dsl.selectFrom(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.ITEM_ID.isNull())
        .and(EXCEPTION_ITEM.STATUS.eq(ExceptionStore.OPEN))
        .orderBy(EXCEPTION_ITEM.ID)
        .fetch(
            r ->
                new AccountException(
                    r.getId(),
                    r.getType(),
                    r.getReason(),
                    r.getCurrency(),
                    r.getAmountMinor(),
                    r.getOpenedAt()));
  }

  /** One line of a proposed correction, with the correction it belongs to. */
  public record CorrectionRow(
      long id,
      String kind,
      String status,
      String currency,
      String description,
      Long matchGroupId,
      String proposedBy,
      OffsetDateTime proposedAt,
      String accountCode,
      long debitMinor,
      long creditMinor) {}

  /** Streams every correction's lines, ordered by correction, then line. */
  public void streamCorrectionLines(Consumer<CorrectionRow> sink) {
    var query =
        dsl.select(
                CORRECTION.ID,
                CORRECTION.KIND,
                CORRECTION.STATUS,
                CORRECTION.CURRENCY,
                CORRECTION.DESCRIPTION,
                CORRECTION.MATCH_GROUP_ID,
                CORRECTION.PROPOSED_BY,
                CORRECTION.PROPOSED_AT,
                CORRECTION_LINE.ACCOUNT_CODE,
                CORRECTION_LINE.DEBIT_MINOR,
                CORRECTION_LINE.CREDIT_MINOR)
            .from(CORRECTION)
            .leftJoin(CORRECTION_LINE)
            .on(CORRECTION_LINE.CORRECTION_ID.eq(CORRECTION.ID))
            .orderBy(CORRECTION.ID, CORRECTION_LINE.ID);
    stream(
        query,
        r ->
            sink.accept(
                new CorrectionRow(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9(),
                    r.value10() == null ? 0 : r.value10(),
                    r.value11() == null ? 0 : r.value11())));
  }

  private static <R extends Record> void stream(ResultQuery<R> query, Consumer<R> each) {
    try (Cursor<R> rows = query.fetchSize(FETCH_ROWS).fetchLazy()) {
      for (R row : rows) {
        each.accept(row);
      }
    }
  }
}
