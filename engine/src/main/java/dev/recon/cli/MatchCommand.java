package dev.recon.cli;

import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.matching.SharedRun;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = {
      "Matches every item not yet in an accepted group, and updates the exception queue.",
      "Running it again with no new items changes nothing."
    })
final class MatchCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Mixin RuleSetOption rules;

  @Option(
      names = "--for-workers",
      description =
          "Do not match here: start a run shared by worker processes (recon worker, PostgreSQL"
              + " only), print its id and wait until the workers have completed it")
  boolean forWorkers;

  @Option(
      names = "--no-wait",
      description = "With --for-workers: return as soon as the run's partitions are stored")
  boolean noWait;

  /** How often the waiting command looks at the run's progress. */
  private static final long POLL_MILLIS = 500;

  @Override
  public Integer call() throws InterruptedException {
    RuleSet ruleSet = rules.ruleSet();
    if (forWorkers) {
      return shared(ruleSet);
    }
    try (Database database = recon.openDatabase()) {
      Printing.run(
          spec.commandLine().getOut(),
          new MatchRunner(database, recon.clock, recon.actor()).run(ruleSet));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private int shared(RuleSet ruleSet) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      SharedRun.Prepared run = SharedRun.prepare(database, ruleSet, recon.actor(), recon.clock);
      out.printf(
          Locale.ROOT,
          "Match run #%d with rule set %s (version %s): %d items in %d partitions, waiting for"
              + " workers: recon worker --run %d%n",
          run.runId(),
          ruleSet.name(),
          ruleSet.version().substring(0, 12),
          run.items(),
          run.partitions(),
          run.runId());
      out.flush();
      if (noWait) {
        return 0;
      }
      SharedRun.Progress progress = SharedRun.progress(database, run.runId());
      while (!progress.completed()) {
        Thread.sleep(POLL_MILLIS);
        progress = SharedRun.progress(database, run.runId());
      }
      out.printf(
          Locale.ROOT,
          "Match run #%d completed by workers: %d groups created; %d partition(s) taken over"
              + " after a lease ran out%n",
          run.runId(),
          progress.groups(),
          progress.reclaimed());
      out.flush();
    }
    return 0;
  }
}
