package dev.recon.reporting;

import dev.recon.facts.Side;
import dev.recon.money.Money;
import dev.recon.persistence.ReportStore.StatementBalance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary sheet as rows of typed cells (the XLSX and CSV writers share it): the reconciliation
 * statement of each account and currency first, then items per side and currency, the auto-match
 * rate, the match rate per rule, and the open items by age (which the workbook also charts).
 */
record SummarySheet(List<List<Object>> rows, int agingHeaderRow) {
  static final String NAME = "Summary";
  static final List<Side> AGING_SIDES = List.of(Side.BANK, Side.LEDGER, Side.GATEWAY);

  static SummarySheet of(ReportSummary summary) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of(new Heading("Recon reconciliation report")));
    rows.add(List.of("Covers", summary.scope().describe()));
    for (ReconciliationStatement statement : summary.statements()) {
      rows.add(List.of());
      statement(rows, statement);
    }
    rows.add(List.of());
    sides(rows, summary);
    rows.add(List.of());
    rules(rows, summary);
    rows.add(List.of());
    int agingHeader = aging(rows, summary);
    return new SummarySheet(rows, agingHeader);
  }

  private static void statement(List<List<Object>> rows, ReconciliationStatement s) {
    String ccy = s.currency();
    rows.add(
        List.of(
            new Heading(
                "Reconciliation statement: " + s.account() + " " + ccy + " as at " + s.asAt())));
    rows.add(List.of(new Heading(""), new Heading("Items"), new Heading("Amount " + ccy)));
    rows.add(
        List.of(
            "Opening balance per bank (" + describe(s.firstStatement(), true) + ")",
            "",
            money(s.openingMinor(), ccy)));
    rows.add(lineRow(s.bankLines().label(), s.bankLines(), ccy));
    rows.add(
        List.of(
            "Closing balance per bank (" + describe(s.lastStatement(), false) + ")",
            "",
            money(s.bankClosingMinor(), ccy)));
    rows.add(
        List.of(
            "Balance per ledger (opening balance + ledger lines booked: "
                + s.ledgerLines().count()
                + ")",
            "",
            money(s.ledgerBalanceMinor(), ccy)));
    rows.add(List.of("Difference (bank - ledger)", "", money(s.differenceMinor(), ccy)));
    rows.add(List.of(new Heading("Reconciling items")));
    if (s.reconcilingItems().isEmpty()) {
      rows.add(List.of("(none)", 0L, money(0, ccy)));
    }
    for (ReconciliationStatement.Line line : s.reconcilingItems()) {
      rows.add(lineRow(line.label(), line, ccy));
    }
    rows.add(List.of("Total reconciling items", "", money(s.reconcilingTotalMinor(), ccy)));
    rows.add(List.of(new Heading("Unexplained difference"), "", money(s.unexplainedMinor(), ccy)));
  }

  private static String describe(StatementBalance balance, boolean opening) {
    if (balance == null) {
      return opening
          ? "no statement with balances imported: counted from zero"
          : "opening balance + bank lines booked";
    }
    String name =
        balance.statementId() == null ? "statement" : "statement " + balance.statementId();
    java.time.LocalDate date = opening ? balance.openingDate() : balance.closingDate();
    return name + (date == null ? "" : " of " + date);
  }

  private static List<Object> lineRow(String label, ReconciliationStatement.Line line, String ccy) {
    return List.of(label, line.count(), money(line.amountMinor(), ccy));
  }

  private static void sides(List<List<Object>> rows, ReportSummary summary) {
    rows.add(List.of(new Heading("Items by side and currency")));
    rows.add(
        headings(
            "Side",
            "Currency",
            "Matched items",
            "Matched amount",
            "Unmatched items",
            "Unmatched amount",
            "Match rate %"));
    for (ReportSummary.SideLine line : summary.sides()) {
      rows.add(
          List.of(
              line.side().label(),
              line.currency(),
              line.matchedCount(),
              money(line.matchedMinor(), line.currency()),
              line.unmatchedCount(),
              money(line.unmatchedMinor(), line.currency()),
              line.matchRatePercent()));
    }
    rows.add(
        List.of(
            "Auto-match rate %",
            summary.itemsMatchedAutomatically() + " of " + summary.itemsTotal() + " items by rules",
            "",
            "",
            "",
            "",
            summary.autoMatchRatePercent()));
  }

  private static void rules(List<List<Object>> rows, ReportSummary summary) {
    rows.add(List.of(new Heading("Match rate per rule")));
    rows.add(headings("Rule", "Decided by", "Groups", "Items", "Share of items %"));
    for (ReportSummary.RuleLine rule : summary.rules()) {
      rows.add(
          List.of(
              rule.ruleName(),
              rule.automatic() ? "rules" : "people",
              rule.groups(),
              rule.items(),
              rule.sharePercent()));
    }
  }

  /** Writes the aging table; returns the row index of its header. */
  private static int aging(List<List<Object>> rows, ReportSummary summary) {
    rows.add(List.of(new Heading("Open items by age")));
    int header = rows.size();
    rows.add(headings("Age", "Bank items", "Ledger items", "Gateway items", "All items"));
    for (Map.Entry<AgingBucket, Map<Side, long[]>> bucket : summary.aging().entrySet()) {
      List<Object> row = new ArrayList<>();
      row.add(bucket.getKey().label());
      long all = 0;
      for (Side side : AGING_SIDES) {
        long count = bucket.getValue().get(side)[0];
        row.add(count);
        all += count;
      }
      row.add(all);
      rows.add(row);
    }
    return header;
  }

  private static List<Object> headings(String... texts) {
    List<Object> row = new ArrayList<>();
    for (String text : texts) {
      row.add(new Heading(text));
    }
    return row;
  }

  private static Money money(long minor, String currency) {
    return Money.ofMinor(minor, currency);
  }
}
