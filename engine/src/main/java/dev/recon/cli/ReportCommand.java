package dev.recon.cli;

import dev.recon.persistence.Database;
import dev.recon.reporting.MatchReport;
import dev.recon.reporting.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the match report: a summary per side and currency, the matched groups, and the"
          + " unmatched items with their age in days.",
      "FILE.xlsx is one workbook; FILE.csv holds the summary, with FILE-matched.csv and"
          + " FILE-unmatched.csv beside it."
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
      names = "--as-of",
      paramLabel = "DATE",
      description = "Date ages are counted to (default: today)")
  LocalDate asOf;

  @Override
  public Integer call() {
    LocalDate date = asOf != null ? asOf : LocalDate.now(recon.clock);
    PrintWriter printer = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      MatchReport report = database.inTransaction(tx -> MatchReport.build(tx, date));
      List<Path> written = ReportWriter.write(report, out);
      Printing.summary(printer, report);
      written.forEach(path -> printer.println("Wrote " + path));
    }
    printer.flush();
    return 0;
  }
}
