package dev.recon.closing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the close of the previous day every night inside a long-running process (the web server), on
 * one background thread. After each firing it computes the next from the clock again, so a slow
 * close or a clock change never makes it fire twice for one night or drift. A close that fails is
 * logged and tried again the next night (and a killed one resumes then); the scheduler goes on.
 */
public final class NightlyClose implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NightlyClose.class);

  private final CloseSchedule schedule;
  private final Clock clock;
  private final Consumer<LocalDate> close;
  private final ScheduledExecutorService executor;

  /**
   * @param close closes a business date (a {@link CloseRunner}, and whatever the caller records
   *     around it)
   */
  public NightlyClose(CloseSchedule schedule, Clock clock, Consumer<LocalDate> close) {
    this.schedule = schedule;
    this.clock = clock;
    this.close = close;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "nightly-close");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Schedules the first firing; returns when it will be. */
  public Instant start() {
    return scheduleNext(Instant.MIN);
  }

  /**
   * Schedules the first firing after now and after the last one (a timer that fires a moment early
   * must not make the same night fire again).
   */
  private Instant scheduleNext(Instant last) {
    Instant now = clock.instant();
    Instant fire = schedule.nextFireAfter(now.isAfter(last) ? now : last);
    long delayMillis = Math.max(0, Duration.between(now, fire).toMillis());
    executor.schedule(() -> fire(fire), delayMillis, TimeUnit.MILLISECONDS);
    log.info("next nightly close at {} closes {}", fire, schedule.dateClosedAt(fire));
    return fire;
  }

  private void fire(Instant fire) {
    LocalDate date = schedule.dateClosedAt(fire);
    try {
      close.accept(date);
    } catch (RuntimeException e) {
      log.error("nightly close of {} failed; it is tried again at the next firing", date, e);
    } finally {
      if (!executor.isShutdown()) {
        scheduleNext(fire);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
