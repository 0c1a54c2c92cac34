package dev.recon.web.runs;

import dev.recon.matching.MatchRunner.RunSummary;
import java.time.Duration;
import java.time.Instant;

/**
 * A matching run asked for in the browser or the API: waiting, running, done with its summary, or
 * failed with a message. Its number is the queue's, not the stored run's (that exists only once the
 * run's transaction commits), and the summary names the stored run.
 */
public final class RunJob {
  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  private final long id;
  private final String requestedBy;
  private final Instant requestedAt;
  private volatile State state = State.QUEUED;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile RunSummary summary;
  private volatile String failure;

  RunJob(long id, String requestedBy, Instant requestedAt) {
    this.id = id;
    this.requestedBy = requestedBy;
    this.requestedAt = requestedAt;
  }

  public long id() {
    return id;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public State state() {
    return state;
  }

  public boolean pending() {
    return state == State.QUEUED || state == State.RUNNING;
  }

  public RunSummary summary() {
    return summary;
  }

  public String failure() {
    return failure;
  }

  /** Seconds spent running so far, or in all once finished; 0 while queued. */
  public long seconds(Instant now) {
    if (startedAt == null) {
      return 0;
    }
    return Duration.between(startedAt, finishedAt != null ? finishedAt : now).toSeconds();
  }

  void started(Instant at) {
    startedAt = at;
    state = State.RUNNING;
  }

  void done(RunSummary result, Instant at) {
    summary = result;
    finishedAt = at;
    state = State.DONE;
  }

  void failed(String message, Instant at) {
    failure = message;
    finishedAt = at;
    state = State.FAILED;
  }
}
