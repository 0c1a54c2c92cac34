package dev.recon.cli;

import dev.recon.exceptions.ExceptionQueue;
import dev.recon.exceptions.ManualMatchResult;
import dev.recon.exceptions.MatchPreview;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "match-manual",
    mixinStandardHelpOptions = true,
    description = {
      "Matches items by hand (any items on at least two sides, one currency).",
      "Their sides must agree within the manual tolerance (manual.match.tolerance in the chart,"
          + " default 1.00; the difference is proposed as a rounding correction), or"
          + " --book-difference proposes any difference as a correction for approval."
    })
final class MatchManualCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;
  @Mixin ChartOption chart;

  @Parameters(paramLabel = "ITEM", arity = "1..*", description = "Item ids")
  List<Long> items;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why they belong together")
  String note;

  @Option(names = "--book-difference", description = "Propose any difference as a correction")
  boolean bookDifference;

  @Option(names = "--preview", description = "Show the sums and the difference; match nothing")
  boolean preview;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      ExceptionQueue queue = chart.queue(recon, database);
      MatchPreview sums = queue.previewMatch(new TreeSet<>(items));
      for (MatchPreview.SideSum side : sums.sides()) {
        out.printf(
            Locale.ROOT,
            "  %-8s %3d item(s) %16s%n",
            side.side(),
            side.items(),
            sums.currency() == null
                ? side.sumMinor()
                : Money.ofMinor(side.sumMinor(), sums.currency()));
      }
      if (sums.problem() == null) {
        out.printf(
            Locale.ROOT,
            "  difference %s (tolerance %s)%n",
            Money.ofMinor(sums.differenceMinor(), sums.currency()),
            Money.ofMinor(sums.toleranceMinor(), sums.currency()));
      }
      if (preview) {
        out.println(
            sums.problem() == null
                ? "Preview only: nothing matched"
                : "Cannot match: " + sums.problem());
        out.flush();
        return 0;
      }
      ManualMatchResult result =
          queue.manualMatch(recon.actor(), new TreeSet<>(items), note, bookDifference);
      out.println(
          "Matched as group #"
              + result.groupId()
              + (result.correctionId() == null
                  ? ""
                  : "; the difference is proposed as correction #" + result.correctionId()));
    }
    out.flush();
    return 0;
  }
}
