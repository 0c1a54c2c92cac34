package dev.recon.benchmarking;

import dev.recon.benchmarking.SyntheticData.Dataset;
import dev.recon.benchmarking.SyntheticData.Kind;
import dev.recon.facts.Side;
import dev.recon.matching.MatchOutcome;
import dev.recon.matching.Matcher;
import dev.recon.matching.RuleSet;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the matching core on synthetic data and prints speed and accuracy. Wall time is measured
 * with {@link System#nanoTime()} around each stage; the rule base is compiled before timing starts,
 * since a real run caches it per rule-set version.
 */
public final class Bench {
  private Bench() {}

  /** Wall time of each stage, in nanoseconds. */
  record Stages(long generate, long rules, long allocate, long explain) {
    long match() {
      return rules + allocate + explain;
    }
  }

  public static void run(int size, long seed, RuleSet ruleSet, PrintWriter out) {
    Matcher.match(java.util.List.of(), ruleSet);
    try (HeapSampler heap = new HeapSampler()) {
      long start = System.nanoTime();
      Dataset data = SyntheticData.generate(size, seed);
      long generated = System.nanoTime();
      Matcher.Proposed candidates =
          Matcher.proposeCandidates(data.items(), java.util.Map.of(), ruleSet);
      long proposed = System.nanoTime();
      Matcher.Decided decided = Matcher.decide(candidates);
      long allocated = System.nanoTime();
      MatchOutcome outcome = Matcher.explain(decided, ruleSet);
      long explained = System.nanoTime();
      Stages stages =
          new Stages(
              generated - start, proposed - generated, allocated - proposed, explained - allocated);
      Accuracy accuracy = Accuracy.score(data.truth(), outcome);
      print(out, size, seed, ruleSet, data, outcome, accuracy, stages, heap.peakMegabytes());
    }
  }

  private static void print(
      PrintWriter out,
      int size,
      long seed,
      RuleSet ruleSet,
      Dataset data,
      MatchOutcome outcome,
      Accuracy accuracy,
      Stages stages,
      long peakMegabytes) {
    int items = data.items().size();
    out.printf(
        Locale.ROOT,
        "recon bench --size %d --seed %d (rule set %s %s)%n",
        size,
        seed,
        ruleSet.name(),
        ruleSet.shortVersion());
    out.printf(
        Locale.ROOT,
        "items: bank %d, ledger %d, gateway %d (total %d)%n",
        data.count(Side.BANK),
        data.count(Side.LEDGER),
        data.count(Side.GATEWAY),
        items);
    out.printf(Locale.ROOT, "generate: %8.2f s%n", stages.generate() / 1e9);
    out.printf(
        Locale.ROOT,
        "  rules:    %8.2f s  (Drools: candidates from every partition)%n",
        stages.rules() / 1e9);
    out.printf(
        Locale.ROOT,
        "  allocate: %8.2f s  (ranking, ambiguity, groups)%n",
        stages.allocate() / 1e9);
    out.printf(
        Locale.ROOT,
        "  explain:  %8.2f s  (near-miss rules on the unmatched)%n",
        stages.explain() / 1e9);
    out.printf(
        Locale.ROOT,
        "match:    %8.2f s  (%,.0f items/s)%n",
        stages.match() / 1e9,
        items / (stages.match() / 1e9));
    out.printf(
        Locale.ROOT,
        "peak heap (sampled): %d MB, max heap %d MB, %d cores%n",
        peakMegabytes,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        Runtime.getRuntime().availableProcessors());
    long suggested = outcome.groups().stream().filter(g -> !g.accepted()).count();
    out.printf(
        Locale.ROOT,
        "groups: %d accepted, %d suggested; %d items unmatched%n",
        accuracy.acceptedGroups(),
        suggested,
        outcome.unmatched().size());
    out.printf(
        Locale.ROOT,
        "precision (auto-accepted): %.3f %% (%d of %d correct); wrong auto-accepts among collisions: %d%n",
        accuracy.precisionPercent(),
        accuracy.acceptedCorrect(),
        accuracy.acceptedGroups(),
        accuracy.wrongAcceptsAmongCollisions());
    out.printf(
        Locale.ROOT,
        "%-10s %8s %10s %10s %12s%n",
        "kind",
        "groups",
        "accepted",
        "recall %",
        "+suggested %");
    int all = 0;
    int found = 0;
    for (Map.Entry<Kind, int[]> kind : accuracy.perKind().entrySet()) {
      int[] k = kind.getValue();
      all += k[0];
      found += k[1];
      out.printf(
          Locale.ROOT,
          "%-10s %8d %10d %10.2f %12.2f%n",
          kind.getKey().name().toLowerCase(Locale.ROOT),
          k[0],
          k[1],
          percent(k[1], k[0]),
          percent(k[2], k[0]));
    }
    out.printf(Locale.ROOT, "%-10s %8d %10d %10.2f%n", "all", all, found, percent(found, all));
    out.flush();
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
