package dev.recon.cli;

import dev.recon.matching.MatchRunner.RunSummary;
import dev.recon.money.Money;
import dev.recon.reporting.MatchReport;
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

  static void summary(PrintWriter out, MatchReport report) {
    out.printf(
        Locale.ROOT,
        "%-8s %-4s %8s %16s %10s %16s%n",
        "side",
        "ccy",
        "matched",
        "amount",
        "unmatched",
        "amount");
    for (MatchReport.SummaryLine line : report.summary()) {
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
  }
}
