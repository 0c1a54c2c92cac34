package dev.recon.web.ops;

import dev.recon.persistence.CloseStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.MetricsStore;
import dev.recon.persistence.OverviewStore;
import dev.recon.web.Access;
import dev.recon.web.Route;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What operators and their monitoring read, without signing in: {@code GET /metrics} (Prometheus
 * text format) and {@code GET /health} (JSON). Neither shows an item, an amount or a name: only
 * counts, ratios, durations and the last close's date and status.
 *
 * <p>The figures come from the database, so they count closes and runs made by the command line
 * too; they are read in one transaction when scraped, at most once per {@link #FIGURES_MAX_AGE}.
 * Closes this server runs on its schedule are also timed in-process ({@code
 * recon_scheduled_close_duration_seconds}).
 */
public final class Operations {
  /** How long scraped figures are reused, so frequent scrapes of a large database stay cheap. */
  static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(10);

  private final Database database;
  private final Clock clock;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Figures> figures = new AtomicReference<>();
  private final MultiGauge items;
  private final MultiGauge exceptions;
  private final MultiGauge closes;
  private final AtomicReference<String> nextNightlyClose = new AtomicReference<>();

  /**
   * How long {@code /health} waits for the database before it answers DOWN. A monitor wants an
   * answer in seconds; a server that is down or a table that is locked would otherwise hold the
   * check for the pool's 30 s wait for a connection, or longer.
   */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

  /** Runs the checks, so a check that hangs is abandoned rather than holding the request. */
  private final ExecutorService healthProbes =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "recon-health-probe");
            thread.setDaemon(true);
            return thread;
          });

  /** One reading of the database's figures. */
  record Figures(
      Instant readAt,
      OverviewStore.Reconciliation reconciliation,
      Map<OverviewStore.AgeBucket, Long> exceptionsByAge,
      Map<String, Integer> closesByStatus,
      CloseStore.CloseRunRow lastClose,
      MetricsStore.LastRun lastMatchRun,
      MetricsStore.ImportToMatch importToMatch) {}

  public Operations(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
    items =
        MultiGauge.builder("recon.items")
            .description("Items by side, currency and state (matched or unmatched)")
            .register(registry);
    exceptions =
        MultiGauge.builder("recon.exceptions.open")
            .description("Open exceptions by age bucket (days since the item was booked)")
            .register(registry);
    closes =
        MultiGauge.builder("recon.close.runs")
            .description("Close runs by status (DONE, REOPENED, RUNNING: running or died)")
            .register(registry);
    gauge(
        "recon.reconcile.success.ratio",
        "Share of all items reconciled (0 to 1)",
        null,
        f -> {
          long all = 0;
          long done = 0;
          for (OverviewStore.SideTotal side : f.reconciliation().sides()) {
            all += side.items();
            done += side.reconciled();
          }
          return all == 0 ? 0 : (double) done / all;
        });
    gauge(
        "recon.close.success.ratio",
        "Share of close runs that finished (0 to 1)",
        null,
        f -> {
          int all = f.closesByStatus().values().stream().mapToInt(Integer::intValue).sum();
          int running = f.closesByStatus().getOrDefault(CloseStore.RUNNING, 0);
          return all == 0 ? 0 : (double) (all - running) / all;
        });
    gauge(
        "recon.close.last.duration",
        "Length of the last finished close",
        "seconds",
        f ->
            f.lastClose() == null
                ? 0
                : seconds(Duration.between(f.lastClose().startedAt(), f.lastClose().finishedAt())));
    gauge(
        "recon.close.last.finished",
        "When the last close finished (Unix time)",
        "seconds",
        f -> f.lastClose() == null ? 0 : f.lastClose().finishedAt().toEpochSecond());
    gauge(
        "recon.match.run.last.duration",
        "Length of the last match run",
        "seconds",
        f -> f.lastMatchRun() == null ? 0 : seconds(f.lastMatchRun().took()));
    gauge(
        "recon.import.to.match.mean",
        "Mean wait from import to match, last run",
        "seconds",
        f -> f.importToMatch() == null ? 0 : seconds(f.importToMatch().mean()));
    gauge(
        "recon.import.to.match.max",
        "Longest wait from import to match, last run",
        "seconds",
        f -> f.importToMatch() == null ? 0 : seconds(f.importToMatch().max()));
  }

  private interface Figure {
    double of(Figures figures);
  }

  private void gauge(String name, String description, String unit, Figure figure) {
    Gauge.builder(
            name, figures, reference -> reference.get() == null ? 0 : figure.of(reference.get()))
        .description(description)
        .baseUnit(unit)
        .register(registry);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/metrics", Access.ANYONE, this::metrics),
        Route.get("/health", Access.ANYONE, this::health));
  }

  /** Records a close this server ran on its schedule. */
  public void recordScheduledClose(Duration took, String outcome) {
    Timer.builder("recon.scheduled.close.duration")
        .description("Closes run by this server's schedule")
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
    Counter.builder("recon.scheduled.closes")
        .description("Closes run by this server's schedule, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** The schedule's next firing, for /health. */
  public void nextNightlyClose(Instant fire, LocalDate closes) {
    nextNightlyClose.set(fire + " closes " + closes);
  }

  private void metrics(Context ctx) {
    refresh();
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  private void refresh() {
    Figures current = figures.get();
    Instant now = clock.instant();
    if (current != null && current.readAt().plus(FIGURES_MAX_AGE).isAfter(now)) {
      return;
    }
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    Figures read =
        database.inTransaction(
            tx -> {
              MetricsStore metrics = tx.metrics();
              MetricsStore.LastRun lastRun = metrics.lastMatchRun().orElse(null);
              return new Figures(
                  now,
                  tx.overview().reconciliation(today),
                  metrics.openExceptionsByAge(today),
                  tx.closes().countByStatus(),
                  tx.closes().lastFinished().orElse(null),
                  lastRun,
                  lastRun == null ? null : metrics.importToMatch(lastRun.id()));
            });
    figures.set(read);
    publishRows(read);
  }

  private void publishRows(Figures read) {
    List<MultiGauge.Row<?>> itemRows = new ArrayList<>();
    for (OverviewStore.SideTotal side : read.reconciliation().sides()) {
      Tags tags =
          Tags.of("side", side.side().name().toLowerCase(Locale.ROOT), "currency", side.currency());
      itemRows.add(MultiGauge.Row.of(tags.and("state", "matched"), side.reconciled()));
      itemRows.add(
          MultiGauge.Row.of(tags.and("state", "unmatched"), side.items() - side.reconciled()));
    }
    items.register(itemRows, true);
    List<MultiGauge.Row<?>> exceptionRows = new ArrayList<>();
    read.exceptionsByAge()
        .forEach(
            (bucket, count) ->
                exceptionRows.add(
                    MultiGauge.Row.of(
                        Tags.of("age_bucket", bucket.label().replace(' ', '_')), count)));
    exceptions.register(exceptionRows, true);
    List<MultiGauge.Row<?>> closeRows = new ArrayList<>();
    read.closesByStatus()
        .forEach(
            (status, count) ->
                closeRows.add(
                    MultiGauge.Row.of(Tags.of("status", status.toLowerCase(Locale.ROOT)), count)));
    closes.register(closeRows, true);
  }

  /** {@code GET /health}: 200 when the database answers, 503 when it does not. */
  record Health(
      String status,
      String database,
      String migration,
      LastClose lastClose,
      String nextNightlyClose) {}

  record LastClose(long id, LocalDate date, String status, OffsetDateTime finishedAt) {}

  private void health(Context ctx) {
    Future<Health> probe = healthProbes.submit(this::probeDatabase);
    try {
      ctx.json(probe.get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      probe.cancel(true);
      down(ctx, "no answer within " + HEALTH_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      down(ctx, "unreachable: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      down(ctx, "check interrupted");
    }
  }

  private void down(Context ctx, String database) {
    ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
        .json(new Health("DOWN", database, null, null, nextNightlyClose.get()));
  }

  private Health probeDatabase() {
    return database.inTransaction(
        tx ->
            new Health(
                "UP",
                "reachable",
                tx.metrics().migrationVersion(),
                tx.closes()
                    .lastFinished()
                    .map(run -> new LastClose(run.id(), run.date(), run.status(), run.finishedAt()))
                    .orElse(null),
                nextNightlyClose.get()));
  }
}
