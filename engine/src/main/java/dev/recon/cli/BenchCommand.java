package dev.recon.cli;

import dev.recon.benchmarking.Bench;
import dev.recon.benchmarking.DatabaseBench;
import dev.recon.matching.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BenchExplainCommand.class,
    description = {
      "Generates deterministic synthetic data with ground truth, matches it without a database,"
          + " and prints items per side, wall time per stage, items per second, peak heap, and"
          + " precision and recall per match kind.",
      "Heap: set RECON_JAVA_OPTS=-Xmx6g for a million items a side."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      defaultValue = "10000",
      description =
          "Bank lines to generate (ledger about the same; gateway transactions for the payouts). Default: ${DEFAULT-VALUE}")
  int size;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed; the same seed gives the same data. Default: ${DEFAULT-VALUE}")
  long seed;

  @Mixin RuleSetOption rules;

  @Option(
      names = "--with-db",
      description =
          "Also run the whole path: write the data as CSV files, import them, match and store"
              + " (a fresh embedded database in a temporary folder unless --db is given)")
  boolean withDatabase;

  @Option(
      names = "--import-only",
      description =
          "With --with-db: stop after the import (time parsing and loading the CSV files only)")
  boolean importOnly;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description =
          "With --with-db: write the generated CSV files and their profiles into DIR and keep them"
              + " (to import one again with `recon import --profile DIR/bench-bank.properties"
              + " DIR/bank.csv`, for example under a smaller heap)")
  Path keep;

  @ParentCommand ReconCommand recon;

  @Override
  public Integer call() throws IOException {
    if (size < 1) {
      throw new IllegalArgumentException("--size must be at least 1");
    }
    if (keep != null && !withDatabase) {
      throw new IllegalArgumentException(
          "--keep keeps the files --with-db writes and imports; add --with-db");
    }
    RuleSet ruleSet = rules.ruleSet();
    if (!withDatabase) {
      Bench.run(size, seed, ruleSet, spec.commandLine().getOut());
      return 0;
    }
    if (keep != null && Files.exists(keep) && !isEmptyDirectory(keep)) {
      throw new IllegalArgumentException(
          "--keep " + keep + ": not an empty folder; name a new or empty one");
    }
    Path workDir = Files.createTempDirectory("recon-bench");
    try {
      // A fresh embedded database in the work folder, unless --db or RECON_DB_URL names one.
      String url =
          recon.databaseUrl != null || recon.environment.containsKey("RECON_DB_URL")
              ? recon.databaseUrl()
              : "jdbc:h2:file:" + workDir.resolve("db/recon").toAbsolutePath();
      DatabaseBench.run(
          size,
          seed,
          ruleSet,
          url,
          keep != null ? keep : workDir.resolve("files"),
          importOnly,
          recon.clock,
          spec.commandLine().getOut());
    } finally {
      deleteRecursively(workDir);
    }
    return 0;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
