package dev.recon.cli;

import dev.recon.benchmarking.QueueBench;
import dev.recon.persistence.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bench-queue",
    mixinStandardHelpOptions = true,
    description = {
      "Adds synthetic open exceptions to a database and times the exception queue's lists"
          + " (first and deep pages, each filter and sort): median and slowest of 15.",
      "Without --db a fresh embedded database in a temporary folder; with --db it adds to that"
          + " database, so give it an empty one (e.g. a fresh PostgreSQL schema)."
    })
final class BenchQueueCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--exceptions",
      defaultValue = "100000",
      description = "Open exceptions to add (default: ${DEFAULT-VALUE})")
  int exceptions;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (exceptions < 1) {
      throw new IllegalArgumentException("--exceptions must be at least 1");
    }
    String url =
        recon.databaseUrl != null
            ? recon.databaseUrl
            : "jdbc:h2:file:"
                + Files.createTempDirectory("recon-bench-queue").resolve("recon").toAbsolutePath();
    try (Database database = Database.open(url)) {
      QueueBench.run(database, exceptions, seed, recon.clock, spec.commandLine().getOut());
    }
    return 0;
  }
}
