package dev.recon.cli;

import dev.recon.benchmarking.Bench;
import dev.recon.matching.RuleSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
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

  @Override
  public Integer call() {
    if (size < 1) {
      throw new IllegalArgumentException("--size must be at least 1");
    }
    RuleSet ruleSet = rules.ruleSet();
    Bench.run(size, seed, ruleSet, spec.commandLine().getOut());
    return 0;
  }
}
