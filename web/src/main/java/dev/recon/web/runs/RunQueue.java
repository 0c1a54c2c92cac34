package dev.recon.web.runs;

import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matching runs started from the web, executed in the background one at a time (a run reads every
 * open item, and two at once would only compete for them). While one is waiting or running, asking
 * for another returns that one. The latest jobs are kept in memory for the runs page; the stored
 * runs are in the database.
 */
public final class RunQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);
  private static final int JOBS_KEPT_MAX = 20;

  private final Database database;
  private final Clock clock;
  private final RuleSet ruleSet;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "recon-match-run");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<Long, RunJob> jobs = new LinkedHashMap<>();
  private long lastId;

  public RunQueue(Database database, Clock clock, RuleSet ruleSet) {
    this.database = database;
    this.clock = clock;
    this.ruleSet = ruleSet;
  }

  /** What asking for a run did: queued a new job, or pointed at the one already pending. */
  public record Request(RunJob job, boolean queued) {}

  public synchronized Request request(String actor) {
    Optional<RunJob> pending = jobs.values().stream().filter(RunJob::pending).findFirst();
    if (pending.isPresent()) {
      return new Request(pending.get(), false);
    }
    RunJob job = new RunJob(++lastId, actor, Instant.now(clock));
    jobs.put(job.id(), job);
    if (jobs.size() > JOBS_KEPT_MAX) {
      jobs.remove(jobs.keySet().iterator().next());
    }
    worker.execute(() -> execute(job));
    return new Request(job, true);
  }

  private void execute(RunJob job) {
    job.started(Instant.now(clock));
    try {
      MatchRunner.RunSummary summary =
          new MatchRunner(database, clock, job.requestedBy()).run(ruleSet);
      job.done(summary, Instant.now(clock));
    } catch (RuntimeException e) {
      LOG.error("match run job {} failed", job.id(), e);
      job.failed(
          "the run failed and was rolled back, nothing of it was stored: " + e.getMessage(),
          Instant.now(clock));
    }
  }

  public synchronized Optional<RunJob> job(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The jobs kept, newest first. */
  public synchronized List<RunJob> jobs() {
    List<RunJob> newestFirst = new ArrayList<>(jobs.values());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** Waits for the pending job, if any, to finish (for tests and an orderly stop). */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (jobs().stream().anyMatch(RunJob::pending)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
