package dev.recon.reporting;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.money.Money;
import dev.recon.persistence.ReportStore.GroupMember;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One sheet of a report as typed cells, so the XLSX and CSV writers share one definition of what a
 * report contains. A cell is a String (text from files: made formula-safe by the writers), a Money
 * (written as a number with its currency's scale), a Number or a LocalDate.
 */
record ReportTable(String name, List<String> header, List<List<Object>> rows) {

  static List<ReportTable> of(MatchReport report) {
    return List.of(summary(report), matched(report), unmatched(report));
  }

  private static ReportTable summary(MatchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (MatchReport.SummaryLine line : report.summary()) {
      rows.add(
          List.of(
              line.side().label(),
              line.currency(),
              line.matchedCount(),
              Money.ofMinor(line.matchedMinor(), line.currency()),
              line.unmatchedCount(),
              Money.ofMinor(line.unmatchedMinor(), line.currency()),
              BigDecimal.valueOf(line.matchRatePercent()).setScale(1, RoundingMode.HALF_UP)));
    }
    return new ReportTable(
        "Summary",
        List.of(
            "Side",
            "Currency",
            "Matched items",
            "Matched amount",
            "Unmatched items",
            "Unmatched amount",
            "Match rate %"),
        rows);
  }

  private static ReportTable matched(MatchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (GroupMember member : report.matched()) {
      List<Object> row = new ArrayList<>();
      row.add(member.groupId());
      row.add(member.ruleName());
      row.add(member.confidence());
      row.addAll(itemCells(member.item()));
      rows.add(row);
    }
    List<String> header = new ArrayList<>(List.of("Group", "Rule", "Confidence"));
    header.addAll(ITEM_HEADER);
    return new ReportTable("Matched", header, rows);
  }

  private static ReportTable unmatched(MatchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (MatchReport.Unmatched open : report.unmatched()) {
      List<Object> row = new ArrayList<>(itemCells(open.item()));
      row.add(5, open.ageDays());
      row.add(open.reason());
      rows.add(row);
    }
    List<String> header = new ArrayList<>(ITEM_HEADER);
    header.add(5, "Age (days)");
    header.add("Why open");
    return new ReportTable("Unmatched", header, rows);
  }

  private static final List<String> ITEM_HEADER =
      List.of(
          "Side",
          "Account",
          "Currency",
          "Amount",
          "Booking date",
          "Reference",
          "Counterparty",
          "Text",
          "File",
          "Line");

  private static List<Object> itemCells(Item item) {
    Fact f = item.fact();
    List<Object> cells = new ArrayList<>();
    cells.add(f.side().label());
    cells.add(f.account());
    cells.add(f.currencyCode());
    cells.add(f.amount());
    cells.add(f.bookingDate());
    cells.add(nullToEmpty(f.referenceRaw() != null ? f.referenceRaw() : f.reference()));
    cells.add(nullToEmpty(f.counterpartyRaw()));
    cells.add(nullToEmpty(f.text()));
    cells.add(f.origin().fileName());
    cells.add(f.origin().line());
    return cells;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
