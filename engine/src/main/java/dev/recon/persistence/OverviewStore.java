package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.ITEM_DAY_TOTAL;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;
import static dev.recon.db.jooq.Tables.RECONCILED_DAY;

import dev.recon.facts.Side;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What the dashboard and the lists of runs and imports read: counts and sums computed by the
 * database (grouped, never one row per item in Java), and lists a page at a time.
 */
public final class OverviewStore {
  private final DSLContext dsl;

  OverviewStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** How old an unmatched item is, by its booking date. */
  public enum AgeBucket {
    DAYS_0_2("0-2 days", 0),
    DAYS_3_7("3-7 days", 3),
    DAYS_8_30("8-30 days", 8),
    OVER_30("over 30 days", 31);

    private final String label;
    private final int fromDays;

    AgeBucket(String label, int fromDays) {
      this.label = label;
      this.fromDays = fromDays;
    }

    public String label() {
      return label;
    }

    /** The bucket of something this many days old. */
    public static AgeBucket of(long days) {
      AgeBucket bucket = DAYS_0_2;
      for (AgeBucket candidate : values()) {
        if (days >= candidate.fromDays) {
          bucket = candidate;
        }
      }
      return bucket;
    }
  }

  /** Items of one side and currency: how many there are and how many are reconciled. */
  public record SideTotal(Side side, String currency, long items, long reconciled) {}

  /** Unmatched items of one side, currency and age bucket: how many and their sum (minor units). */
  public record Unmatched(Side side, String currency, AgeBucket bucket, long count, long minor) {}

  /**
   * Items by side and currency, how many are reconciled, and the unmatched ones by age on a date
   * (days since booking).
   */
  public record Reconciliation(List<SideTotal> sides, List<Unmatched> unmatched) {}

  /**
   * Items and reconciled items by side, currency and age bucket on a date, read from the totals
   * kept as the data changes ({@link ReconciliationTotals}): one row per side, currency and booking
   * date, bucketed here, so the cost does not grow with the number of items.
   */
  public Reconciliation reconciliation(LocalDate asOf) {
    Map<String, long[]> all = new TreeMap<>();
    Map<String, long[]> reconciled = new TreeMap<>();
    dsl.selectFrom(ITEM_DAY_TOTAL)
        .where(ITEM_DAY_TOTAL.ITEM_COUNT.gt(0L))
        .forEach(
            r -> {
              String key =
                  key(r.getSide(), r.getCurrency(), bucketOf(r.getBookingDate(), asOf).name());
              add(all.computeIfAbsent(key, k -> new long[2]), r.getItemCount(), r.getAmountMinor());
              add(
                  reconciled.computeIfAbsent(key, k -> new long[2]),
                  r.getReconciledCount(),
                  r.getReconciledMinor());
            });
    return reconciliationOf(all, reconciled);
  }

  private static void add(long[] counts, long count, long minor) {
    counts[0] += count;
    counts[1] = Math.addExact(counts[1], minor);
  }

  /** The age bucket of an item booked on a date, on another date. */
  public static AgeBucket bucketOf(LocalDate bookingDate, LocalDate asOf) {
    AgeBucket[] buckets = AgeBucket.values();
    for (int i = buckets.length - 1; i > 0; i--) {
      if (!bookingDate.isAfter(asOf.minusDays(buckets[i].fromDays))) {
        return buckets[i];
      }
    }
    return buckets[0];
  }

  /**
   * The same figures as {@link #reconciliation} counted from every item and every accepted group
   * (two grouped scans): what the kept totals must always equal (checked after database tests).
   */
  Reconciliation recount(LocalDate asOf) {
    // Inlined dates: the same expression must appear alike in SELECT and GROUP BY, which bind
    // parameters (one per occurrence) would not be.
    Field<String> bucket =
        DSL.when(ITEM.BOOKING_DATE.gt(daysBefore(asOf, AgeBucket.DAYS_3_7)), bucketName(0))
            .when(ITEM.BOOKING_DATE.gt(daysBefore(asOf, AgeBucket.DAYS_8_30)), bucketName(1))
            .when(ITEM.BOOKING_DATE.gt(daysBefore(asOf, AgeBucket.OVER_30)), bucketName(2))
            .otherwise(bucketName(3));
    Map<String, long[]> all = new TreeMap<>();
    dsl.select(ITEM.SIDE, ITEM.CURRENCY, bucket, DSL.count(), DSL.sum(ITEM.AMOUNT_MINOR))
        .from(ITEM)
        .groupBy(ITEM.SIDE, ITEM.CURRENCY, bucket)
        .forEach(
            r -> all.put(key(r.value1(), r.value2(), r.value3()), counts(r.value4(), r.value5())));
    Map<String, long[]> reconciled = new TreeMap<>();
    dsl.select(ITEM.SIDE, ITEM.CURRENCY, bucket, DSL.count(), DSL.sum(ITEM.AMOUNT_MINOR))
        .from(MATCH_MEMBER)
        .join(MATCH_GROUP)
        .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
        .join(ITEM)
        .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .and(ReconciliationTotals.reconciledMember())
        .groupBy(ITEM.SIDE, ITEM.CURRENCY, bucket)
        .forEach(
            r ->
                reconciled.put(
                    key(r.value1(), r.value2(), r.value3()), counts(r.value4(), r.value5())));
    return reconciliationOf(all, reconciled);
  }

  private static Reconciliation reconciliationOf(
      Map<String, long[]> all, Map<String, long[]> reconciled) {
    Map<String, long[]> sides = new TreeMap<>();
    List<Unmatched> unmatched = new java.util.ArrayList<>();
    all.forEach(
        (key, counts) -> {
          long[] done = reconciled.getOrDefault(key, new long[2]);
          String[] parts = key.split("\u001f");
          long[] side = sides.computeIfAbsent(parts[0] + "\u001f" + parts[1], k -> new long[2]);
          side[0] += counts[0];
          side[1] += done[0];
          if (counts[0] > done[0]) {
            unmatched.add(
                new Unmatched(
                    Side.valueOf(parts[0]),
                    parts[1],
                    AgeBucket.valueOf(parts[2]),
                    counts[0] - done[0],
                    Math.subtractExact(counts[1], done[1])));
          }
        });
    List<SideTotal> totals = new java.util.ArrayList<>();
    sides.forEach(
        (key, counts) -> {
          String[] parts = key.split("\u001f");
          totals.add(new SideTotal(Side.valueOf(parts[0]), parts[1], counts[0], counts[1]));
        });
    return new Reconciliation(totals, unmatched);
  }

  /** Side, currency and bucket as one sortable key (side names sort as the enum does). */
  private static String key(String side, String currency, String bucket) {
    return side + "\u001f" + currency + "\u001f" + bucket;
  }

  private static long[] counts(int count, java.math.BigDecimal sum) {
    return new long[] {count, sum == null ? 0 : sum.longValueExact()};
  }

  /** The latest booking date too old for the bucket before {@code bucket}. */
  private static Field<LocalDate> daysBefore(LocalDate asOf, AgeBucket bucket) {
    return DSL.inline(asOf.minusDays(bucket.fromDays));
  }

  private static Field<String> bucketName(int ordinal) {
    return DSL.inline(AgeBucket.values()[ordinal].name());
  }

  /**
   * Per day (in the database session's time zone) on which something happened: items added, items
   * reconciled, exceptions opened and exceptions closed. Days are in date order.
   *
   * @param itemsReconciled bank and ledger lines put in an accepted group, and gateway transactions
   *     settled in one, that day (each item is in at most one such group)
   */
  public record DayActivity(
      LocalDate day,
      long itemsAdded,
      long itemsReconciled,
      long exceptionsOpened,
      long exceptionsClosed) {}

  public List<DayActivity> activityByDay() {
    Map<LocalDate, long[]> days = new TreeMap<>();
    Field<LocalDate> imported = day(IMPORTED_FILE.IMPORTED_AT);
    dsl.select(imported, DSL.sum(IMPORTED_FILE.ADDED_COUNT))
        .from(IMPORTED_FILE)
        .groupBy(imported)
        .forEach(r -> add(days, r.value1(), 0, r.value2().longValue()));
    dsl.selectFrom(RECONCILED_DAY)
        .where(RECONCILED_DAY.ITEM_COUNT.ne(0L))
        .forEach(r -> add(days, r.getOnDate(), 1, r.getItemCount()));
    Field<LocalDate> opened = day(EXCEPTION_ITEM.OPENED_AT);
    dsl.select(opened, DSL.count())
        .from(EXCEPTION_ITEM)
        .groupBy(opened)
        .forEach(r -> add(days, r.value1(), 2, r.value2()));
    Field<LocalDate> closed = day(EXCEPTION_ITEM.CLOSED_AT);
    dsl.select(closed, DSL.count())
        .from(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.CLOSED_AT.isNotNull())
        .groupBy(closed)
        .forEach(r -> add(days, r.value1(), 3, r.value2()));
    return days.entrySet().stream()
        .map(
            e -> {
              long[] v = e.getValue();
              return new DayActivity(e.getKey(), v[0], v[1], v[2], v[3]);
            })
        .toList();
  }

  private static Field<LocalDate> day(Field<OffsetDateTime> timestamp) {
    return DSL.cast(timestamp, SQLDataType.LOCALDATE);
  }

  private static void add(Map<LocalDate, long[]> days, LocalDate day, int slot, long count) {
    days.computeIfAbsent(day, d -> new long[4])[slot] += count;
  }

  /**
   * A value that changes whenever anything the dashboard counts may have changed: the audit chain's
   * head (every import, match, decision and exception change appends an event), the newest run and
   * the newest exception. Each part is one row or the end of a primary key, so checking it costs
   * the same however much data there is.
   */
  public String changeStamp() {
    return dsl.select(
            dsl.select(dev.recon.db.jooq.Tables.AUDIT_CHAIN.LAST_SEQ)
                .from(dev.recon.db.jooq.Tables.AUDIT_CHAIN)
                .asField(),
            dsl.select(DSL.max(MATCH_RUN.ID)).from(MATCH_RUN).asField(),
            dsl.select(DSL.max(EXCEPTION_ITEM.ID)).from(EXCEPTION_ITEM).asField())
        .fetchOne()
        .intoList()
        .toString();
  }

  /** Open exceptions, on items and on accounts. */
  public long openExceptions() {
    return dsl.fetchCount(EXCEPTION_ITEM, EXCEPTION_ITEM.IS_OPEN.isTrue());
  }

  /** A matching run as the runs list shows it. */
  public record RunRow(
      long id,
      String ruleSetName,
      String ruleSetVersion,
      String status,
      String startedBy,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      Integer itemsConsidered,
      Integer groupsCreated) {}

  /** Matching runs, newest first. */
  public Page<RunRow> runs(int offset, int limit) {
    List<RunRow> rows =
        runsQuery(dsl, offset, limit)
            .fetch(
                r ->
                    new RunRow(
                        r.getId(),
                        r.getRuleSetName(),
                        r.getRuleSetVersion(),
                        r.getStatus(),
                        r.getStartedBy(),
                        r.getStartedAt(),
                        r.getFinishedAt(),
                        r.getItemsConsidered(),
                        r.getGroupsCreated()));
    return new Page<>(rows, offset, limit, dsl.fetchCount(MATCH_RUN));
  }

  /** An imported file as the upload page lists it. */
  public record ImportRow(
      long id,
      String fileName,
      String source,
      String format,
      String profile,
      int records,
      int added,
      int duplicates,
      String importedBy,
      OffsetDateTime importedAt) {}

  /** Imported files, newest first. */
  public Page<ImportRow> imports(int offset, int limit) {
    List<ImportRow> rows =
        importsQuery(dsl, offset, limit)
            .fetch(
                r ->
                    new ImportRow(
                        r.getId(),
                        r.getFileName(),
                        r.getSource(),
                        r.getFormat(),
                        r.getProfile(),
                        r.getRowCount(),
                        r.getAddedCount(),
                        r.getDuplicateCount(),
                        r.getImportedBy(),
                        r.getImportedAt()));
    return new Page<>(rows, offset, limit, dsl.fetchCount(IMPORTED_FILE));
  }

  /** The query of {@link #runs}, for its plan. */
  static org.jooq.ResultQuery<dev.recon.db.jooq.tables.records.MatchRunRecord> runsQuery(
      DSLContext dsl, int offset, int limit) {
    return dsl.selectFrom(MATCH_RUN)
        .orderBy(MATCH_RUN.STARTED_AT.desc(), MATCH_RUN.ID.desc())
        .limit(limit)
        .offset(offset);
  }

  /** The query of {@link #imports}, for its plan. */
  static org.jooq.ResultQuery<dev.recon.db.jooq.tables.records.ImportedFileRecord> importsQuery(
      DSLContext dsl, int offset, int limit) {
    return dsl.selectFrom(IMPORTED_FILE)
        .orderBy(IMPORTED_FILE.IMPORTED_AT.desc(), IMPORTED_FILE.ID.desc())
        .limit(limit)
        .offset(offset);
  }
}
