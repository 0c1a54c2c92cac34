package dev.recon.cli;

import dev.recon.matching.RuleSet;
import dev.recon.matching.Worker;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Matches partitions of runs shared by several processes (started with recon match"
          + " --for-workers) on a PostgreSQL database, one partition at a time, until none is left.",
      "Start as many as you like, on one machine or several, with the same --rules. A worker that"
          + " dies loses its partition to another once its lease runs out."
    })
final class WorkerCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Mixin RuleSetOption rules;

  @Option(names = "--run", paramLabel = "ID", description = "Work only on this run")
  Long runId;

  @Option(
      names = "--wait",
      description = "When there is nothing to claim, wait for new work instead of exiting")
  boolean waitForWork;

  @Option(
      names = "--lease-seconds",
      defaultValue = "60",
      description =
          "How long a claim holds without a heartbeat (one every third of it); another worker"
              + " takes the partition over after that. Default: ${DEFAULT-VALUE}")
  int leaseSeconds;

  @Option(
      names = "--name",
      description = "This worker's name in claims and output (default: host and process id)")
  String name;

  /** How long an idle worker waits before it looks for work again. */
  private static final long IDLE_POLL_MILLIS = 1_000;

  @Override
  public Integer call() throws InterruptedException {
    if (leaseSeconds < 1) {
      throw new IllegalArgumentException("--lease-seconds must be at least 1");
    }
    RuleSet ruleSet = rules.ruleSet();
    PrintWriter out = spec.commandLine().getOut();
    String worker = name != null ? name : ProcessHandle.current().pid() + "@" + host();
    long pause = Long.parseLong(recon.environment.getOrDefault(Worker.PAUSE_ENV, "0"));
    try (Database database = recon.openDatabase()) {
      Worker loop = new Worker(database, ruleSet, recon.clock, worker, leaseSeconds, pause, out);
      int done = 0;
      while (true) {
        if (loop.workOnce(runId)) {
          done++;
        } else if (waitForWork || (runId != null && !loop.runCompleted(runId))) {
          // A run's other partitions may still be held by workers that can die: keep looking.
          Thread.sleep(IDLE_POLL_MILLIS);
        } else {
          break;
        }
      }
      out.printf(java.util.Locale.ROOT, "%s: no work left; did %d partition(s)%n", worker, done);
      out.flush();
    }
    return 0;
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
