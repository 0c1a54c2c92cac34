package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.ITEM_DAY_TOTAL;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.RECONCILED_DAY;

import dev.recon.facts.Side;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The dashboard's counts kept as the data changes (tables {@code item_day_total} and {@code
 * reconciled_day}, V21): items of each side, currency and booking date with their exact sum, how
 * many of them are reconciled, and items reconciled per day. A transaction notes what it adds
 * (items) and which groups it accepts or withdraws; just before it commits, the changes are added
 * to the totals in key order (so concurrent writers lock rows in one order). The dashboard then
 * reads a few hundred rows however many items there are. {@code DatabaseInvariants} recounts the
 * totals from the items after every database test.
 */
final class ReconciliationTotals {
  /** Group ids per statement when reading the members of the groups a transaction decided. */
  private static final int GROUP_IDS_PER_QUERY_MAX = 1_000;

  private record Key(String side, String currency, LocalDate bookingDate)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int bySide = side.compareTo(other.side);
      if (bySide != 0) {
        return bySide;
      }
      int byCurrency = currency.compareTo(other.currency);
      return byCurrency != 0 ? byCurrency : bookingDate.compareTo(other.bookingDate);
    }
  }

  /** Per key: items, their sum, reconciled items, their sum. */
  private final Map<Key, long[]> itemDeltas = new TreeMap<>();

  private final List<Long> acceptedGroups = new ArrayList<>();
  private final List<Long> withdrawnGroups = new ArrayList<>();

  void itemAdded(Side side, String currency, LocalDate bookingDate, long amountMinor) {
    long[] delta =
        itemDeltas.computeIfAbsent(new Key(side.name(), currency, bookingDate), k -> new long[4]);
    delta[0]++;
    delta[1] = Math.addExact(delta[1], amountMinor);
  }

  void groupAccepted(long groupId) {
    acceptedGroups.add(groupId);
  }

  void groupWithdrawn(long groupId) {
    withdrawnGroups.add(groupId);
  }

  /** Adds what this transaction changed to the stored totals. */
  void flush(DSLContext dsl) {
    Map<LocalDate, long[]> days = new TreeMap<>();
    collect(dsl, acceptedGroups, 1, days);
    collect(dsl, withdrawnGroups, -1, days);
    acceptedGroups.clear();
    withdrawnGroups.clear();
    itemDeltas.forEach((key, delta) -> upsertItems(dsl, key, delta));
    itemDeltas.clear();
    days.forEach((day, count) -> upsertDay(dsl, day, count[0]));
  }

  /** Reconciled members of the groups, by side, currency and booking date, and by day decided. */
  private void collect(DSLContext dsl, List<Long> groups, int sign, Map<LocalDate, long[]> days) {
    for (int from = 0; from < groups.size(); from += GROUP_IDS_PER_QUERY_MAX) {
      List<Long> chunk =
          groups.subList(from, Math.min(groups.size(), from + GROUP_IDS_PER_QUERY_MAX));
      Condition reconciles = MATCH_GROUP.ID.in(chunk).and(reconciledMember());
      dsl.select(
              ITEM.SIDE, ITEM.CURRENCY, ITEM.BOOKING_DATE, DSL.count(), DSL.sum(ITEM.AMOUNT_MINOR))
          .from(MATCH_MEMBER)
          .join(MATCH_GROUP)
          .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
          .join(ITEM)
          .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
          .where(reconciles)
          .groupBy(ITEM.SIDE, ITEM.CURRENCY, ITEM.BOOKING_DATE)
          .forEach(
              r -> {
                long[] delta =
                    itemDeltas.computeIfAbsent(
                        new Key(r.value1(), r.value2(), r.value3()), k -> new long[4]);
                delta[2] += sign * (long) r.value4();
                delta[3] = Math.addExact(delta[3], sign * r.value5().longValueExact());
              });
      Field<LocalDate> day = decidedOn();
      dsl.select(day, DSL.count())
          .from(MATCH_MEMBER)
          .join(MATCH_GROUP)
          .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
          .where(reconciles)
          .groupBy(day)
          .forEach(
              r ->
                  days.computeIfAbsent(r.value1(), d -> new long[1])[0] +=
                      sign * (long) r.value2());
    }
  }

  /** A member that an accepted group of its reconciles (see the class comment). */
  static Condition reconciledMember() {
    return MATCH_MEMBER.SIDE.ne(Side.GATEWAY.name()).or(MATCH_GROUP.SCOPE.eq("SETTLEMENT"));
  }

  /** The day a group was decided, as the database reads its creation time. */
  static Field<LocalDate> decidedOn() {
    return DSL.cast(MATCH_GROUP.CREATED_AT, SQLDataType.LOCALDATE);
  }

  private static void upsertItems(DSLContext dsl, Key key, long[] delta) {
    if (delta[0] == 0 && delta[1] == 0 && delta[2] == 0 && delta[3] == 0) {
      return;
    }
    dsl.insertInto(ITEM_DAY_TOTAL)
        .set(ITEM_DAY_TOTAL.SIDE, key.side())
        .set(ITEM_DAY_TOTAL.CURRENCY, key.currency())
        .set(ITEM_DAY_TOTAL.BOOKING_DATE, key.bookingDate())
        .set(ITEM_DAY_TOTAL.ITEM_COUNT, delta[0])
        .set(ITEM_DAY_TOTAL.AMOUNT_MINOR, delta[1])
        .set(ITEM_DAY_TOTAL.RECONCILED_COUNT, delta[2])
        .set(ITEM_DAY_TOTAL.RECONCILED_MINOR, delta[3])
        .onConflict(ITEM_DAY_TOTAL.SIDE, ITEM_DAY_TOTAL.CURRENCY, ITEM_DAY_TOTAL.BOOKING_DATE)
        .doUpdate()
        .set(ITEM_DAY_TOTAL.ITEM_COUNT, ITEM_DAY_TOTAL.ITEM_COUNT.plus(delta[0]))
        .set(ITEM_DAY_TOTAL.AMOUNT_MINOR, ITEM_DAY_TOTAL.AMOUNT_MINOR.plus(delta[1]))
        .set(ITEM_DAY_TOTAL.RECONCILED_COUNT, ITEM_DAY_TOTAL.RECONCILED_COUNT.plus(delta[2]))
        .set(ITEM_DAY_TOTAL.RECONCILED_MINOR, ITEM_DAY_TOTAL.RECONCILED_MINOR.plus(delta[3]))
        .execute();
  }

  private static void upsertDay(DSLContext dsl, LocalDate day, long count) {
    if (count == 0) {
      return;
    }
    dsl.insertInto(RECONCILED_DAY)
        .set(RECONCILED_DAY.ON_DATE, day)
        .set(RECONCILED_DAY.ITEM_COUNT, count)
        .onConflict(RECONCILED_DAY.ON_DATE)
        .doUpdate()
        .set(RECONCILED_DAY.ITEM_COUNT, RECONCILED_DAY.ITEM_COUNT.plus(count))
        .execute();
  }
}
