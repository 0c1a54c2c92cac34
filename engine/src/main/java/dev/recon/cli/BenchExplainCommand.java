package dev.recon.cli;

import dev.recon.persistence.Database;
import dev.recon.persistence.QueryPlanStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Prints PostgreSQL's plan (EXPLAIN) for each hot query of the screens and runs, and fails"
          + " (exit 1) if one reads a table no index can serve it from (checked with sequential"
          + " scans switched off).",
      "With --generate N, first fills the (empty, throwaway) database with N synthetic items,"
          + " their groups and exceptions in SQL, so the plans are those of a big installation."
    })
final class BenchExplainCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--generate",
      paramLabel = "ITEMS",
      description = "Synthetic items to generate first, e.g. 10000000 (the database must be empty)")
  Long generate;

  /** Items per generated worker partition. */
  private static final int PARTITION_ROWS_MAX = 100_000;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = bench.recon.openDatabase()) {
      if (!database.isPostgres()) {
        throw new IllegalArgumentException(
            "recon bench explain reads PostgreSQL's plans: give --db jdbc:postgresql://...");
      }
      if (generate != null) {
        long start = System.nanoTime();
        database.inTransaction(
            tx -> {
              QueryPlanStore plans = tx.queryPlans();
              plans.generate(generate);
              plans.generatePartition((int) Math.min(PARTITION_ROWS_MAX, generate / 20));
              return null;
            });
        out.printf(
            Locale.ROOT,
            "generated %,d items in %.1f s%n",
            generate,
            (System.nanoTime() - start) / 1e9);
        out.flush();
      }
      database.inTransaction(
          tx -> {
            tx.queryPlans().analyze();
            return null;
          });
      List<QueryPlanStore.Plan> plans =
          database.inTransaction(
              tx -> {
                out.printf(Locale.ROOT, "%,d items stored%n%n", tx.queryPlans().itemCount());
                return tx.queryPlans().explainHotQueries();
              });
      int scanning = 0;
      int unindexed = 0;
      for (QueryPlanStore.Plan plan : plans) {
        boolean scans = !plan.sequentialScans().isEmpty();
        boolean noIndex = !plan.unindexed().isEmpty();
        scanning += scans ? 1 : 0;
        unindexed += noIndex ? 1 : 0;
        out.println(
            "== "
                + plan.name()
                + (noIndex
                    ? "  [NO INDEX: " + String.join("; ", plan.unindexed()).strip() + "]"
                    : "")
                + (scans && !noIndex ? "  [the planner reads a table whole on this data]" : ""));
        plan.lines().forEach(line -> out.println("   " + line));
      }
      out.printf(
          Locale.ROOT,
          "%n%d hot queries: %d with a table no index serves, %d where the planner chose a"
              + " sequential scan on this data%n",
          plans.size(),
          unindexed,
          scanning);
      out.flush();
      return unindexed == 0 ? 0 : ReconCommand.EXIT_REFUSED;
    }
  }
}
