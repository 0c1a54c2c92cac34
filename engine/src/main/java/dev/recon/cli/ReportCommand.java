package dev.recon.cli;

import dev.recon.persistence.Database;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the reconciliation report: a summary sheet (reconciliation statement per account and"
          + " currency, items matched and unmatched per side and currency, auto-match rate, match"
          + " rate per rule, open items by age with a chart), the matched groups, the open"
          + " exceptions with their aging bucket, and the corrections with their approval state.",
      "FILE.xlsx is one workbook; FILE.csv writes FILE-summary.csv, FILE-groups.csv,"
          + " FILE-exceptions.csv and FILE-corrections.csv beside each other.",
      "Select with --date (everything booked up to that day), --from/--to (items booked in a"
          + " period), or --run (the groups of one match run); the default is --date today."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "FILE.xlsx or FILE.csv")
  Path out;

  @Option(
      names = {"--date", "--as-of"},
      paramLabel = "YYYY-MM-DD",
      description =
          "Report as at this day: items booked up to it, ages counted to it (default: today)")
  LocalDate date;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First booking day of the period (needs --to)")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Last booking day of the period; ages are counted to it")
  LocalDate to;

  @Option(
      names = "--run",
      paramLabel = "ID",
      description = "Only the groups this match run made (with --date, or as at today)")
  Long runId;

  @Override
  public Integer call() {
    ReportScope scope = scope();
    PrintWriter printer = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      ReportWriter.Written written = ReportWriter.write(database, scope, out);
      Printing.summary(printer, written.summary());
      written.files().forEach(path -> printer.println("Wrote " + path));
    }
    printer.flush();
    return 0;
  }

  private ReportScope scope() {
    boolean period = from != null || to != null;
    if (period && (date != null || runId != null)) {
      throw new ParameterException(
          spec.commandLine(), "choose one of --date, --from/--to and --run (--run may add --date)");
    }
    if (period) {
      if (to == null) {
        throw new ParameterException(
            spec.commandLine(), "--from needs --to (the period's last day)");
      }
      return from == null ? ReportScope.upTo(to) : ReportScope.period(from, to);
    }
    LocalDate day = date != null ? date : LocalDate.now(recon.clock);
    return runId != null ? ReportScope.run(runId, day) : ReportScope.upTo(day);
  }
}
