package dev.recon.reporting;

import dev.recon.facts.Side;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.ReportStore.OpenOnDate;
import dev.recon.persistence.ReportStore.RuleTotal;
import dev.recon.persistence.ReportStore.SideTotal;
import dev.recon.persistence.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's first sheet: reconciliation statements, items and amounts matched and unmatched per
 * side and currency, the auto-match rate, the match rate per rule, and the open items by age. All
 * of it comes from totals the database computes, so its size depends on the number of accounts,
 * currencies, rules and booking dates, never on the number of items.
 */
public record ReportSummary(
    ReportScope scope,
    List<ReconciliationStatement> statements,
    List<SideLine> sides,
    long itemsTotal,
    long itemsMatchedAutomatically,
    List<RuleLine> rules,
    Map<AgingBucket, Map<Side, long[]>> aging) {

  /** Counts and exact totals (minor units) of one side in one currency. */
  public record SideLine(
      Side side,
      String currency,
      long matchedCount,
      long matchedMinor,
      long unmatchedCount,
      long unmatchedMinor) {

    public BigDecimal matchRatePercent() {
      return percent(matchedCount, matchedCount + unmatchedCount);
    }
  }

  /** Groups one rule made and the items it matched, as a share of all items in the report. */
  public record RuleLine(
      String ruleName, boolean automatic, long groups, long items, BigDecimal sharePercent) {}

  public static ReportSummary build(Transaction tx, ReportScope scope) {
    ReportStore store = tx.reports();
    ReportStore.Period period = scope.period();
    List<SideLine> sides =
        sideLines(store.sideTotals(period, true), store.sideTotals(period, false));
    long all = 0;
    for (SideLine line : sides) {
      all += line.matchedCount() + line.unmatchedCount();
    }
    long automatic = 0;
    for (SideTotal t : store.sideTotalsMatchedAutomatically(period)) {
      automatic += t.count();
    }
    List<RuleLine> rules = new ArrayList<>();
    for (RuleTotal rule : store.ruleTotals(period)) {
      rules.add(
          new RuleLine(
              rule.ruleName(),
              rule.automatic(),
              rule.groups(),
              rule.members(),
              percent(rule.members(), all)));
    }
    return new ReportSummary(
        scope,
        statements(store, scope),
        sides,
        all,
        automatic,
        List.copyOf(rules),
        aging(store.openByBookingDate(period), scope));
  }

  public BigDecimal autoMatchRatePercent() {
    return percent(itemsMatchedAutomatically, itemsTotal);
  }

  private static List<ReconciliationStatement> statements(ReportStore store, ReportScope scope) {
    ReconciliationStatement.RemainderSums remainders = new ReconciliationStatement.RemainderSums();
    store.cashGroupRemainders(scope.to(), remainders);
    return ReconciliationStatement.of(
        new ReconciliationStatement.Inputs(
            store.statementBalances(scope.to()),
            store.cashTotals(scope.to()),
            store.openCashTotals(scope.to()),
            store.cashMatchedWithGateway(scope.to()),
            remainders),
        scope.to() != null ? scope.to() : scope.asOf());
  }

  private record SideCurrency(Side side, String currency) {}

  private static List<SideLine> sideLines(List<SideTotal> matched, List<SideTotal> unmatched) {
    Map<SideCurrency, long[]> totals =
        new TreeMap<>(
            java.util.Comparator.comparing(SideCurrency::side)
                .thenComparing(SideCurrency::currency));
    for (SideTotal t : matched) {
      long[] sum =
          totals.computeIfAbsent(new SideCurrency(t.side(), t.currency()), k -> new long[4]);
      sum[0] = t.count();
      sum[1] = t.amountMinor();
    }
    for (SideTotal t : unmatched) {
      long[] sum =
          totals.computeIfAbsent(new SideCurrency(t.side(), t.currency()), k -> new long[4]);
      sum[2] = t.count();
      sum[3] = t.amountMinor();
    }
    List<SideLine> lines = new ArrayList<>();
    totals.forEach(
        (key, t) -> lines.add(new SideLine(key.side(), key.currency(), t[0], t[1], t[2], t[3])));
    return List.copyOf(lines);
  }

  /** Open items per age bucket and side (a one-element array holding the count). */
  private static Map<AgingBucket, Map<Side, long[]>> aging(
      List<OpenOnDate> open, ReportScope scope) {
    Map<AgingBucket, Map<Side, long[]>> aging = new EnumMap<>(AgingBucket.class);
    for (AgingBucket bucket : AgingBucket.values()) {
      Map<Side, long[]> bySide = new EnumMap<>(Side.class);
      for (Side side : Side.values()) {
        bySide.put(side, new long[1]);
      }
      aging.put(bucket, bySide);
    }
    for (OpenOnDate day : open) {
      long age = Math.max(0, ChronoUnit.DAYS.between(day.bookingDate(), scope.asOf()));
      aging.get(AgingBucket.of(age)).get(day.side())[0] += day.count();
    }
    return aging;
  }

  static BigDecimal percent(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO.setScale(1);
    }
    return BigDecimal.valueOf(part)
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }
}
