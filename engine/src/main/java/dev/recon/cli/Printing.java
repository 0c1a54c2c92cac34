package dev.recon.cli;

import dev.recon.matching.MatchRunner.RunSummary;
import dev.recon.money.Money;
import dev.recon.reporting.ReconciliationStatement;
import dev.recon.reporting.ReportSummary;
import java.io.PrintWriter;
import java.util.Locale;

/** How runs and reports are shown on the terminal. */
final class Printing {
  private Printing() {}

  static void run(PrintWriter out, RunSummary run) {
    out.printf(
        Locale.ROOT,
        "Match run #%d with rule set %s (version %s): %d items considered, %d groups created"
            + " (%d items matched), %d suggestions for review, %d exceptions opened, %d resolved%n",
        run.runId(),
        run.ruleSetName(),
        run.ruleSetVersion().substring(0, 12),
        run.itemsConsidered(),
        run.groupsCreated(),
        run.itemsMatched(),
        run.suggestionsCreated(),
        run.exceptionsOpened(),
        run.exceptionsResolved());
  }

  /** The report's totals per side and currency and each statement's unexplained difference. */
  static void summary(PrintWriter out, ReportSummary summary) {
    out.printf(
        Locale.ROOT,
        "%-8s %-4s %8s %16s %10s %16s%n",
        "side",
        "ccy",
        "matched",
        "amount",
        "unmatched",
        "amount");
    for (ReportSummary.SideLine line : summary.sides()) {
      out.printf(
          Locale.ROOT,
          "%-8s %-4s %8d %16s %10d %16s%n",
          line.side().label(),
          line.currency(),
          line.matchedCount(),
          Money.ofMinor(line.matchedMinor(), line.currency()).toDecimal().toPlainString(),
          line.unmatchedCount(),
          Money.ofMinor(line.unmatchedMinor(), line.currency()).toDecimal().toPlainString());
    }
    out.printf(
        Locale.ROOT,
        "auto-match rate %s%% (%d of %d items)%n",
        summary.autoMatchRatePercent().toPlainString(),
        summary.itemsMatchedAutomatically(),
        summary.itemsTotal());
    for (ReconciliationStatement s : summary.statements()) {
      out.printf(
          Locale.ROOT,
          "%s %s as at %s: bank %s, ledger %s, explained by %d reconciling lines, unexplained %s%n",
          s.account(),
          s.currency(),
          s.asAt(),
          Money.ofMinor(s.bankClosingMinor(), s.currency()).toDecimal().toPlainString(),
          Money.ofMinor(s.ledgerBalanceMinor(), s.currency()).toDecimal().toPlainString(),
          s.reconcilingItems().size(),
          Money.ofMinor(s.unexplainedMinor(), s.currency()).toDecimal().toPlainString());
    }
  }
}
