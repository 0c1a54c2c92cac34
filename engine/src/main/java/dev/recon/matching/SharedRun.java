package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.persistence.Database;
import dev.recon.persistence.ItemStore;
import dev.recon.persistence.SharedRunStore;
import dev.recon.persistence.SharedRunStore.NewPartition;
import dev.recon.persistence.SharedRunStore.RunItem;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A match run shared by worker processes ({@link Worker}). Preparing it does what a single-process
 * run does before matching, in one transaction: it starts the run, loads the items to match and
 * splits them into the same partitions ({@link Partitions}), and stores each partition's items, so
 * every worker sees the run exactly as it was when it started, whatever is imported meanwhile. The
 * workers then claim partitions one at a time; the last step (the finish: exceptions for the whole
 * run, as the single-process run brings them in line) is claimed once every partition is done.
 */
public final class SharedRun {
  /** Scope bits of {@code run_item.matched_in}. */
  static final int SETTLED = 1;

  static final int BOOKED = 2;

  private static final int LABEL_LENGTH_MAX = 300;

  private SharedRun() {}

  /** A prepared run. */
  public record Prepared(long runId, int partitions, int items) {}

  /** Starts a run whose partitions workers will match; the caller starts or waits for workers. */
  public static Prepared prepare(Database database, RuleSet ruleSet, String actor, Clock clock) {
    requireShareable(database);
    return database.inTransaction(
        tx -> {
          OffsetDateTime now = OffsetDateTime.now(clock);
          long runId = tx.matches().startRun(ruleSet.name(), ruleSet.version(), actor, now);
          ItemStore.ToMatch toMatch = tx.items().toMatch();
          List<Item> items = toMatch.items();
          List<Partitions.Partition> partitions =
              ruleSet.partitionable()
                  ? Partitions.split(items, toMatch.matchedIn())
                  : List.of(Partitions.Partition.of(items));
          List<NewPartition> rows = new ArrayList<>();
          for (int n = 0; n < partitions.size(); n++) {
            rows.add(toRow(n, partitions.get(n), toMatch.matchedIn()));
          }
          rows.add(new NewPartition(SharedRunStore.FINISH, "finish", List.of()));
          tx.sharedRuns().insertPartitions(runId, rows);
          return new Prepared(runId, partitions.size(), items.size());
        });
  }

  /** Workers claim with {@code FOR UPDATE SKIP LOCKED}, which only PostgreSQL has here. */
  static void requireShareable(Database database) {
    if (!database.isPostgres()) {
      throw new IllegalArgumentException(
          "a run shared by worker processes needs PostgreSQL (--db jdbc:postgresql://...); "
              + database.url()
              + " is an embedded database only one process opens: use recon match");
    }
  }

  private static NewPartition toRow(
      int number, Partitions.Partition partition, Map<Long, Set<Scope>> matchedIn) {
    List<RunItem> items = new ArrayList<>(partition.items().size());
    TreeSet<String> blocks = new TreeSet<>();
    for (int i = 0; i < partition.items().size(); i++) {
      Item item = partition.items().get(i);
      Fact f = item.fact();
      blocks.add(f.account() + " " + f.currencyCode());
      items.add(
          new RunItem(
              item.id(),
              partition.positions()[i],
              partition.offers()[i],
              mask(matchedIn.getOrDefault(item.id(), Set.of()))));
    }
    String label = String.join(", ", blocks);
    if (label.length() > LABEL_LENGTH_MAX) {
      label = label.substring(0, LABEL_LENGTH_MAX - 1) + "…";
    }
    return new NewPartition(number, label, items);
  }

  static int mask(Set<Scope> scopes) {
    return (scopes.contains(Scope.SETTLEMENT) ? SETTLED : 0)
        | (scopes.contains(Scope.SALES) ? BOOKED : 0);
  }

  static Set<Scope> scopes(int mask) {
    Set<Scope> scopes = new java.util.HashSet<>();
    if ((mask & SETTLED) != 0) {
      scopes.add(Scope.SETTLEMENT);
    }
    if ((mask & BOOKED) != 0) {
      scopes.add(Scope.SALES);
    }
    return scopes;
  }

  /** How a shared run stands. */
  public record Progress(String status, int openPartitions, int groups, int reclaimed) {
    public boolean completed() {
      return "COMPLETED".equals(status);
    }
  }

  public static Progress progress(Database database, long runId) {
    return database.inTransaction(
        tx -> {
          SharedRunStore runs = tx.sharedRuns();
          String status =
              runs.runStatus(runId)
                  .orElseThrow(() -> new IllegalArgumentException("there is no run #" + runId));
          return new Progress(
              status,
              runs.openPartitions(runId),
              runs.groupCount(runId),
              runs.reclaimedPartitions(runId));
        });
  }
}
