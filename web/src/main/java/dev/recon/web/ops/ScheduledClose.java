package dev.recon.web.ops;

import dev.recon.closing.Checkpoints;
import dev.recon.closing.CloseRun;
import dev.recon.closing.CloseRunner;
import dev.recon.closing.CloseSchedule;
import dev.recon.closing.CorrectionProposer;
import dev.recon.closing.NightlyClose;
import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recon serve --close-at HH:MM}: the server closes the previous day every night, as {@code
 * recon close} would, and reports each close to {@code /metrics} and {@code /health}. A close of a
 * date that another process is already closing is refused and logged, like any failed close.
 */
public final class ScheduledClose implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScheduledClose.class);

  /** Who the audit log names for a close the server ran by itself. */
  public static final String ACTOR = "scheduler";

  private final NightlyClose nightly;

  public ScheduledClose(
      Database database,
      Clock clock,
      CloseSchedule schedule,
      CloseRunner.Settings settings,
      Operations operations) {
    CloseRunner runner =
        new CloseRunner(
            database,
            clock,
            ACTOR,
            settings,
            CorrectionProposer.using(
                new Corrections(database, clock, ChartOfAccounts.defaults()), ACTOR),
            Checkpoints.NONE);
    this.nightly =
        new NightlyClose(
            schedule,
            clock,
            date -> {
              Instant started = clock.instant();
              String outcome = "failed";
              try {
                CloseRun close = runner.close(date);
                outcome = close.nothingToDo() ? "nothing_to_do" : "done";
                log.info(
                    "nightly close of {}: {} (close run #{})", date, outcome, close.run().id());
              } finally {
                operations.recordScheduledClose(
                    Duration.between(started, clock.instant()), outcome);
                Instant next = schedule.nextFireAfter(clock.instant());
                operations.nextNightlyClose(next, schedule.dateClosedAt(next));
              }
            });
    Instant first = nightly.start();
    operations.nextNightlyClose(first, schedule.dateClosedAt(first));
  }

  @Override
  public void close() {
    nightly.close();
  }
}
