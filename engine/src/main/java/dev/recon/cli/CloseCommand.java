package dev.recon.cli;

import dev.recon.closing.Checkpoints;
import dev.recon.closing.CloseRun;
import dev.recon.closing.CloseRunner;
import dev.recon.closing.CorrectionProposer;
import dev.recon.closing.PeriodReopening;
import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.persistence.CloseStore;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    subcommands = CloseCommand.Reopen.class,
    description = {
      "Closes a business date: imports every new file in the inbox (moving each to processed/ or"
          + " rejected/ with a NAME.reason.txt beside it), matches with the rule set, updates the"
          + " exception queue, proposes corrections, writes close-DATE.xlsx and close-DATE.csv,"
          + " and locks the date: later imports that would add items booked on it are refused"
          + " until an admin reopens it.",
      "A close that was killed resumes where it stopped; a date already closed is left alone"
          + " (\"nothing to do\"). Only one close of a date runs at a time.",
      "Exit status: 0 closed (or nothing to do), 4 closed but some files were rejected (their"
          + " reasons are in rejected/), 1 refused (e.g. another close of the date is running),"
          + " 3 internal error."
    })
final class CloseCommand implements Callable<Integer> {
  /**
   * The close finished, but some inbox files were rejected: a scheduler (cron, systemd) that only
   * looks at the exit status still tells someone to read the reasons.
   */
  static final int EXIT_FILES_REJECTED = 4;

  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The business date to close")
  LocalDate date;

  @Option(
      names = "--inbox",
      paramLabel = "DIR",
      description =
          "Folder of new files; a file in a subfolder belongs to the account the subfolder names"
              + " (default: import nothing)")
  Path inbox;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "recon-out",
      description = "Folder the reports go to (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin RuleSetOption rules;

  @Override
  public Integer call() {
    if (date == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "say which date to close: --date YYYY-MM-DD");
    }
    PrintWriter printer = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      CloseRunner runner =
          new CloseRunner(
              database,
              recon.clock,
              recon.actor(),
              new CloseRunner.Settings(inbox, out, rules.ruleSet()),
              CorrectionProposer.using(
                  new Corrections(database, recon.clock, ChartOfAccounts.defaults()),
                  recon.actor()),
              Checkpoints.fromEnvironment(recon.environment));
      CloseRun close = runner.close(date);
      print(printer, close);
      printer.flush();
      return !close.nothingToDo() && close.rejectedFiles() > 0 ? EXIT_FILES_REJECTED : 0;
    }
  }

  static void print(PrintWriter out, CloseRun close) {
    CloseStore.CloseRunRow run = close.run();
    if (close.nothingToDo()) {
      out.printf(
          Locale.ROOT,
          "close of %s: already closed by close run #%d at %s; nothing to do%n",
          run.date(),
          run.id(),
          run.finishedAt().toInstant());
      return;
    }
    out.printf(
        Locale.ROOT,
        "close of %s (close run #%d%s)%n",
        run.date(),
        run.id(),
        close.resumed() ? ", resumed after attempt " + (run.attempts() - 1) + " stopped" : "");
    for (CloseStore.Step step : close.steps()) {
      out.printf(Locale.ROOT, "  %-12s %s%n", step.name() + ":", step.detail());
    }
    for (CloseStore.InboxFile file : close.files()) {
      if (file.outcome().equals(CloseRunner.REJECTED)) {
        out.printf(
            Locale.ROOT,
            "  rejected %s (reason in rejected/%s.reason.txt)%n",
            file.path(),
            file.path());
      }
    }
    Duration took = Duration.between(run.startedAt(), run.finishedAt());
    out.printf(
        Locale.ROOT,
        "closed %s in %d.%01d s%s%n",
        run.date(),
        took.toSeconds(),
        took.toMillisPart() / 100,
        close.rejectedFiles() == 0 ? "" : "; " + close.rejectedFiles() + " file(s) rejected");
  }

  @Command(
      name = "reopen",
      mixinStandardHelpOptions = true,
      description = {
        "Reopens a closed date (admins only; give your name with --user): imports may add items"
            + " booked on it again and a new close of it may run. Recorded in the audit log with"
            + " the reason."
      })
  static final class Reopen implements Callable<Integer> {
    @ParentCommand CloseCommand close;
    @Spec CommandSpec spec;

    @Option(
        names = "--date",
        required = true,
        paramLabel = "YYYY-MM-DD",
        description = "The date to reopen")
    LocalDate date;

    @Option(names = "--reason", required = true, description = "Why (kept in the audit log)")
    String reason;

    @Override
    public Integer call() {
      ReconCommand recon = close.recon;
      try (Database database = recon.openDatabase()) {
        PeriodReopening.reopen(database, recon.clock, recon.actor(), date, reason);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "reopened %s (by %s); imports may change it and it can be closed again%n",
              date,
              recon.actor());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
