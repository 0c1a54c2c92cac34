package dev.recon.reporting;

import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.persistence.ReportStore.GroupMember;
import dev.recon.persistence.Transaction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a match report says, independent of the file it is written to: totals per side and currency,
 * the accepted groups, and the unmatched items with their age in days on the report date.
 */
public record MatchReport(
    LocalDate asOf,
    List<SummaryLine> summary,
    List<GroupMember> matched,
    List<Unmatched> unmatched) {

  /** Counts and exact totals (minor units) of one side in one currency. */
  public record SummaryLine(
      Side side,
      String currency,
      int matchedCount,
      long matchedMinor,
      int unmatchedCount,
      long unmatchedMinor) {

    public double matchRatePercent() {
      int all = matchedCount + unmatchedCount;
      return all == 0 ? 0 : 100.0 * matchedCount / all;
    }
  }

  /**
   * An item no accepted group holds, how many days old it is on the report date, and why it is open
   * (its open exception's reason; empty before the first match run).
   */
  public record Unmatched(Item item, long ageDays, String reason) {}

  public static MatchReport build(Transaction tx, LocalDate asOf) {
    List<GroupMember> matched = tx.reports().acceptedGroupMembers();
    List<Unmatched> unmatched = new ArrayList<>();
    Map<Long, String> reasons = tx.exceptions().openReasonsByItem();
    for (Item item : tx.items().unmatched()) {
      long age = ChronoUnit.DAYS.between(item.fact().bookingDate(), asOf);
      unmatched.add(new Unmatched(item, age, reasons.getOrDefault(item.id(), "")));
    }
    // Rows in an order a reader can follow and that does not depend on the order files were
    // imported in: side, booking date, then file and line.
    unmatched.sort(
        java.util.Comparator.comparing((Unmatched u) -> u.item().fact().side())
            .thenComparing(u -> u.item().fact().bookingDate())
            .thenComparing(u -> u.item().fact().origin().fileName())
            .thenComparingInt(u -> u.item().fact().origin().line()));
    return new MatchReport(asOf, summarize(matched, unmatched), matched, unmatched);
  }

  /**
   * The part of the report about a booking period (inclusive; null leaves that end open): the
   * accepted groups with a member booked in it (all their members, so each group still balances),
   * the unmatched items booked in it, and the summary of those.
   */
  public MatchReport inPeriod(LocalDate from, LocalDate to) {
    java.util.function.Predicate<Item> booked =
        item ->
            (from == null || !item.fact().bookingDate().isBefore(from))
                && (to == null || !item.fact().bookingDate().isAfter(to));
    java.util.Set<Long> groups = new java.util.HashSet<>();
    for (GroupMember member : matched) {
      if (booked.test(member.item())) {
        groups.add(member.groupId());
      }
    }
    List<GroupMember> keptMatched =
        matched.stream().filter(member -> groups.contains(member.groupId())).toList();
    List<Unmatched> keptUnmatched =
        unmatched.stream().filter(open -> booked.test(open.item())).toList();
    return new MatchReport(asOf, summarize(keptMatched, keptUnmatched), keptMatched, keptUnmatched);
  }

  private record SideCurrency(Side side, String currency) {}

  private static final java.util.Comparator<SideCurrency> SUMMARY_ORDER =
      java.util.Comparator.comparing(SideCurrency::side).thenComparing(SideCurrency::currency);

  private static List<SummaryLine> summarize(List<GroupMember> matched, List<Unmatched> unmatched) {
    Map<SideCurrency, long[]> totals = new TreeMap<>(SUMMARY_ORDER);
    // Each item once: a gateway transaction can be in its payout's group and in its sale's group,
    // and one booked but not yet paid out is counted with the unmatched.
    java.util.Set<Long> counted = new java.util.HashSet<>();
    unmatched.forEach(open -> counted.add(open.item().id()));
    for (GroupMember member : matched) {
      if (counted.add(member.item().id())) {
        add(totals, member.item(), 0);
      }
    }
    for (Unmatched open : unmatched) {
      add(totals, open.item(), 2);
    }
    List<SummaryLine> lines = new ArrayList<>();
    totals.forEach(
        (key, t) ->
            lines.add(
                new SummaryLine(key.side(), key.currency(), (int) t[0], t[1], (int) t[2], t[3])));
    return lines;
  }

  /** Counts and sums an item: into slots 0-1 when matched, 2-3 when unmatched. */
  private static void add(Map<SideCurrency, long[]> totals, Item item, int offset) {
    SideCurrency key = new SideCurrency(item.fact().side(), item.fact().currencyCode());
    long[] t = totals.computeIfAbsent(key, k -> new long[4]);
    t[offset]++;
    t[offset + 1] = Math.addExact(t[offset + 1], item.fact().amount().minor());
  }
}
