package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.persistence.Database;
import dev.recon.persistence.SharedRunStore;
import dev.recon.persistence.SharedRunStore.Claim;
import dev.recon.persistence.SharedRunStore.LoadedItem;
import dev.recon.persistence.SharedRunStore.Outcome;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker process's loop over shared runs ({@link SharedRun}): claim a partition, match it, and
 * store its groups and decisions in one transaction that first marks the partition done, if the
 * worker still holds it. While it works, a heartbeat extends its lease; if the worker dies, the
 * lease runs out and another worker claims the partition again. A worker whose lease ran out and
 * was claimed by another finds the partition no longer its own when it tries to complete it, and
 * its transaction rolls back, so no partition's groups are ever stored twice. A worker only claims
 * partitions of runs started with its own rule-set version.
 */
public final class Worker {
  /** Test hook: milliseconds to wait after matching a partition, before storing it. */
  public static final String PAUSE_ENV = "RECON_WORKER_PAUSE_MS";

  private final Database database;
  private final RuleSet ruleSet;
  private final Clock clock;
  private final String name;
  private final int leaseSeconds;
  private final long pauseMillis;
  private final PrintWriter out;

  public Worker(
      Database database,
      RuleSet ruleSet,
      Clock clock,
      String name,
      int leaseSeconds,
      long pauseMillis,
      PrintWriter out) {
    SharedRun.requireShareable(database);
    this.database = database;
    this.ruleSet = ruleSet;
    this.clock = clock;
    this.name = name;
    this.leaseSeconds = leaseSeconds;
    this.pauseMillis = pauseMillis;
    this.out = out;
  }

  /** Claims and does one partition (of the run, if given); false when there was none to claim. */
  public boolean workOnce(Long runId) {
    Optional<Claim> claimed =
        database.inTransaction(
            tx -> tx.sharedRuns().claim(name, runId, ruleSet.version(), leaseSeconds));
    if (claimed.isEmpty()) {
      return false;
    }
    Claim claim = claimed.get();
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(Worker::daemon);
    long beatMillis = Math.max(200, leaseSeconds * 1000L / 3);
    heartbeat.scheduleAtFixedRate(
        () -> extend(claim), beatMillis, beatMillis, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try {
      boolean stored = claim.partitionNo() == SharedRunStore.FINISH ? finish(claim) : match(claim);
      out.printf(
          Locale.ROOT,
          "%s: run #%d %s (%s): %s in %.2f s%n",
          name,
          claim.runId(),
          claim.partitionNo() == SharedRunStore.FINISH
              ? "finish"
              : "partition " + claim.partitionNo(),
          claim.label(),
          stored ? "done" : "lost its lease to another worker; discarded",
          (System.nanoTime() - start) / 1e9);
      out.flush();
    } finally {
      heartbeat.shutdownNow();
    }
    return true;
  }

  /** Whether the run is completed (all partitions and its finish done). */
  public boolean runCompleted(long runId) {
    return SharedRun.progress(database, runId).completed();
  }

  private void extend(Claim claim) {
    try {
      database.inTransaction(
          tx ->
              tx.sharedRuns().extendLease(claim.runId(), claim.partitionNo(), name, leaseSeconds));
    } catch (RuntimeException e) {
      // The completion checks ownership anyway; a missed beat only risks losing the partition.
      out.println(name + ": could not extend the lease: " + e.getMessage());
      out.flush();
    }
  }

  private boolean match(Claim claim) {
    List<LoadedItem> loaded =
        database.inTransaction(tx -> tx.sharedRuns().items(claim.runId(), claim.partitionNo()));
    List<Item> items = new ArrayList<>(loaded.size());
    int[] positions = new int[loaded.size()];
    int[] offers = new int[loaded.size()];
    Map<Long, Set<Scope>> matchedIn = new HashMap<>();
    Map<Integer, Long> itemAt = new HashMap<>();
    for (int i = 0; i < positions.length; i++) {
      LoadedItem row = loaded.get(i);
      items.add(row.item());
      positions[i] = row.position();
      offers[i] = row.offers();
      itemAt.put(row.position(), row.item().id());
      if (row.matchedIn() != 0) {
        matchedIn.put(row.item().id(), SharedRun.scopes(row.matchedIn()));
      }
    }
    Matcher.PartitionResult result =
        Matcher.matchPartition(
            new Partitions.Partition(items, positions, offers), matchedIn, ruleSet);
    pause();
    return database.inTransaction(
        tx -> {
          if (!tx.sharedRuns().complete(claim.runId(), claim.partitionNo(), name)) {
            return false;
          }
          MatchRunner.StoredGroups stored =
              MatchRunner.storeGroups(
                  tx, result.groups(), claim.runId(), ruleSet, OffsetDateTime.now(clock));
          List<Outcome> outcomes = new ArrayList<>(stored.outcomes());
          Set<Long> matched = new HashSet<>();
          outcomes.stream().filter(o -> o.kind() == 'M').forEach(o -> matched.add(o.itemId()));
          for (int position : result.settledPositions()) {
            long itemId = itemAt.get(position);
            if (matched.add(itemId)) {
              outcomes.add(new Outcome(itemId, 'S', null, null, null));
            }
          }
          tx.sharedRuns().insertOutcomes(claim.runId(), claim.partitionNo(), outcomes);
          return true;
        });
  }

  /**
   * The run's last step: the items no partition settled are explained together (as a single-process
   * run explains them) and the exception queue brought in line, then the run is completed.
   */
  private boolean finish(Claim claim) {
    return database.inTransaction(
        tx -> {
          SharedRunStore runs = tx.sharedRuns();
          if (!runs.complete(claim.runId(), claim.partitionNo(), name)) {
            return false;
          }
          OffsetDateTime now = OffsetDateTime.now(clock);
          List<LoadedItem> all = runs.runItems(claim.runId());
          List<Outcome> outcomes = runs.outcomes(claim.runId());
          Map<Long, Item> byId = new HashMap<>();
          all.forEach(row -> byId.put(row.item().id(), row.item()));
          Set<Long> settled = new HashSet<>();
          outcomes.stream()
              .filter(o -> o.kind() == 'M' || o.kind() == 'S')
              .forEach(o -> settled.add(o.itemId()));
          List<Item> unmatched = new ArrayList<>();
          for (LoadedItem row : all) {
            if (!settled.contains(row.item().id()) && (row.matchedIn() & SharedRun.SETTLED) == 0) {
              unmatched.add(row.item());
            }
          }
          MatchRunner.Decisions decisions = MatchRunner.Decisions.replay(outcomes, byId::get);
          MatchRunner.syncExceptions(
              tx,
              unmatched,
              WhyUnmatched.explain(unmatched, ruleSet),
              decisions.waiting(),
              decisions.refused(),
              decisions.matchedBy(),
              claim.runId(),
              now);
          tx.matches().finishRun(claim.runId(), all.size(), runs.groupCount(claim.runId()), now);
          return true;
        });
  }

  private void pause() {
    if (pauseMillis > 0) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Thread daemon(Runnable work) {
    Thread thread = new Thread(work, "lease-heartbeat");
    thread.setDaemon(true);
    return thread;
  }
}
