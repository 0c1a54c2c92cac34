package dev.recon.web.dashboard;

import dev.recon.facts.Side;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.OverviewStore;
import dev.recon.persistence.OverviewStore.AgeBucket;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.runs.RunQueue;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard: the match rate, what is unmatched by side and age (days since booking, counted to
 * today), the last runs, and the chart of match rate and open exceptions over time. Every figure is
 * aggregated by the database; the page reads a few dozen rows however many items there are.
 */
public final class Dashboard {
  private static final int RUNS_SHOWN = 5;

  private final Database database;
  private final Clock clock;
  private final RunQueue queue;

  public Dashboard(Database database, Clock clock, RunQueue queue) {
    this.database = database;
    this.clock = clock;
    this.queue = queue;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/", Access.VIEWER, this::page),
        Route.get("/api/dashboard", Access.VIEWER, ctx -> ctx.json(figures())));
  }

  /** One side and currency: items, how many are reconciled, and the rate as text. */
  public record Rate(Side side, String currency, long items, long reconciled, String rate) {}

  /** Unmatched items in one age bucket, with their exact total. */
  public record Cell(long count, long amountMinor, String amount) {}

  /** One side and currency's unmatched items, a cell per age bucket, and the row's total. */
  public record UnmatchedRow(Side side, String currency, List<Cell> buckets, Cell total) {}

  /** Everything the dashboard shows (also the API's answer). */
  public record Figures(
      LocalDate asOf,
      String overallRate,
      List<Rate> rates,
      List<String> buckets,
      List<UnmatchedRow> unmatched,
      long openExceptions,
      List<OverviewStore.RunRow> lastRuns,
      boolean runPending,
      History history) {}

  /**
   * The aggregates over every item (the costly part: seconds on H2 at hundreds of thousands of
   * items), kept until the data or the date changes.
   */
  private record Aggregates(
      String stamp,
      LocalDate asOf,
      OverviewStore.Reconciliation reconciliation,
      List<OverviewStore.DayActivity> activity,
      long openExceptions) {}

  private volatile Aggregates cached;

  private Aggregates aggregates(OverviewStore overview, LocalDate asOf) {
    String stamp = overview.changeStamp();
    Aggregates current = cached;
    if (current != null && current.stamp().equals(stamp) && current.asOf().equals(asOf)) {
      return current;
    }
    current =
        new Aggregates(
            stamp,
            asOf,
            overview.reconciliation(asOf),
            overview.activityByDay(),
            overview.openExceptions());
    cached = current;
    return current;
  }

  Figures figures() {
    LocalDate asOf = LocalDate.now(clock);
    return database.inTransaction(
        tx -> {
          OverviewStore overview = tx.overview();
          Aggregates aggregates = aggregates(overview, asOf);
          OverviewStore.Reconciliation reconciliation = aggregates.reconciliation();
          List<OverviewStore.SideTotal> totals = reconciliation.sides();
          return new Figures(
              asOf,
              overallRate(totals),
              totals.stream()
                  .map(
                      t ->
                          new Rate(
                              t.side(),
                              t.currency(),
                              t.items(),
                              t.reconciled(),
                              rate(t.reconciled(), t.items())))
                  .toList(),
              Arrays.stream(AgeBucket.values()).map(AgeBucket::label).toList(),
              unmatchedRows(reconciliation.unmatched()),
              aggregates.openExceptions(),
              overview.runs(0, RUNS_SHOWN).rows(),
              queue.jobs().stream().anyMatch(job -> job.pending()),
              History.of(aggregates.activity()));
        });
  }

  private void page(Context ctx) {
    Pages.render(ctx, "dashboard.jte", Shell.of(ctx, "Dashboard", "dashboard"), figures());
  }

  private static String overallRate(List<OverviewStore.SideTotal> totals) {
    long items = totals.stream().mapToLong(OverviewStore.SideTotal::items).sum();
    long reconciled = totals.stream().mapToLong(OverviewStore.SideTotal::reconciled).sum();
    return rate(reconciled, items);
  }

  static String rate(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  /** One row per side and currency, in side order, with every bucket present (zero if empty). */
  static List<UnmatchedRow> unmatchedRows(List<OverviewStore.Unmatched> groups) {
    record Key(Side side, String currency) {}
    Map<Key, long[][]> cells = new LinkedHashMap<>();
    int buckets = AgeBucket.values().length;
    for (OverviewStore.Unmatched group : groups) {
      long[][] row =
          cells.computeIfAbsent(new Key(group.side(), group.currency()), k -> new long[buckets][2]);
      row[group.bucket().ordinal()][0] += group.count();
      row[group.bucket().ordinal()][1] =
          Math.addExact(row[group.bucket().ordinal()][1], group.minor());
    }
    List<UnmatchedRow> rows = new ArrayList<>();
    cells.forEach(
        (key, row) -> {
          List<Cell> line = new ArrayList<>(buckets);
          long count = 0;
          long minor = 0;
          for (long[] cell : row) {
            line.add(cell(cell[0], cell[1], key.currency()));
            count += cell[0];
            minor = Math.addExact(minor, cell[1]);
          }
          rows.add(
              new UnmatchedRow(
                  key.side(), key.currency(), line, cell(count, minor, key.currency())));
        });
    return rows;
  }

  private static Cell cell(long count, long minor, String currency) {
    return new Cell(count, minor, Money.ofMinor(minor, currency).toDecimal().toPlainString());
  }
}
