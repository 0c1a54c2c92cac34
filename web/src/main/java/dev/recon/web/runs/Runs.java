package dev.recon.web.runs;

import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import dev.recon.persistence.OverviewStore;
import dev.recon.persistence.Page;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Paging;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import dev.recon.web.access.Guard;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The runs screen and API: start a matching run with the active rule set, follow it while it runs
 * (the page reloads itself every two seconds until it is done), and list the stored runs.
 */
public final class Runs {
  private static final int PAGE_SIZE = 20;
  private static final int REFRESH_SECONDS = 2;

  private final Database database;
  private final Clock clock;
  private final RunQueue queue;
  private final RuleSet ruleSet;

  public Runs(Database database, Clock clock, RunQueue queue, RuleSet ruleSet) {
    this.database = database;
    this.clock = clock;
    this.queue = queue;
    this.ruleSet = ruleSet;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/runs", Access.VIEWER, this::page),
        Route.post("/runs", Access.PREPARER, this::start),
        Route.get("/api/runs", Access.VIEWER, this::apiList),
        Route.post("/api/runs", Access.PREPARER, this::apiStart),
        Route.get("/api/runs/jobs/{id}", Access.VIEWER, this::apiJob));
  }

  /** A job as pages and the API show it. */
  public record JobView(
      long id,
      String state,
      String requestedBy,
      Instant requestedAt,
      long seconds,
      Long runId,
      String result,
      String failure) {}

  static JobView view(RunJob job, Instant now) {
    var summary = job.summary();
    return new JobView(
        job.id(),
        job.state().name(),
        job.requestedBy(),
        job.requestedAt(),
        job.seconds(now),
        summary == null ? null : summary.runId(),
        summary == null ? null : describe(summary),
        job.failure());
  }

  static String describe(dev.recon.matching.MatchRunner.RunSummary run) {
    return String.format(
        java.util.Locale.ROOT,
        "%d items considered, %d groups created (%d items matched), %d suggestions for review,"
            + " %d exceptions opened, %d resolved",
        run.itemsConsidered(),
        run.groupsCreated(),
        run.itemsMatched(),
        run.suggestionsCreated(),
        run.exceptionsOpened(),
        run.exceptionsResolved());
  }

  /** The runs page. */
  public record View(
      String ruleSetName,
      String ruleSetVersion,
      boolean mayStart,
      List<JobView> jobs,
      List<OverviewStore.RunRow> runs,
      Paging.Pager pager) {}

  private void page(Context ctx) {
    Paging paging = Paging.from(ctx, PAGE_SIZE);
    Page<OverviewStore.RunRow> runs =
        database.inTransaction(tx -> tx.overview().runs(paging.offset(), paging.size()));
    Instant now = Instant.now(clock);
    List<JobView> jobs = queue.jobs().stream().map(job -> view(job, now)).toList();
    boolean pending = queue.jobs().stream().anyMatch(RunJob::pending);
    Shell shell = Shell.of(ctx, "Runs", "runs");
    Pages.render(
        ctx,
        "runs.jte",
        pending ? shell.refreshingEvery(REFRESH_SECONDS) : shell,
        new View(
            ruleSet.name(),
            ruleSet.shortVersion(),
            Guard.session(ctx).role().atLeast(dev.recon.access.Role.PREPARER),
            jobs,
            runs.rows(),
            Paging.pager(ctx, runs, paging)));
  }

  private void start(Context ctx) {
    queue.request(Guard.session(ctx).user());
    ctx.redirect("/runs", HttpStatus.SEE_OTHER);
  }

  /** The API's list: the jobs kept in memory and a page of stored runs. */
  public record RunList(List<JobView> jobs, List<OverviewStore.RunRow> runs, long total) {}

  private void apiList(Context ctx) {
    Paging paging = Paging.from(ctx, PAGE_SIZE);
    Page<OverviewStore.RunRow> runs =
        database.inTransaction(tx -> tx.overview().runs(paging.offset(), paging.size()));
    Instant now = Instant.now(clock);
    ctx.json(
        new RunList(
            queue.jobs().stream().map(job -> view(job, now)).toList(), runs.rows(), runs.total()));
  }

  private void apiStart(Context ctx) {
    RunQueue.Request request = queue.request(Guard.session(ctx).user());
    ctx.status(request.queued() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT);
    ctx.header("Location", "/api/runs/jobs/" + request.job().id());
    ctx.json(view(request.job(), Instant.now(clock)));
  }

  private void apiJob(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw WebError.badRequest(
          "a run job is named by its number, not \"" + ctx.pathParam("id") + "\"");
    }
    RunJob job = queue.job(id).orElseThrow(() -> WebError.notFound("run job #" + id));
    ctx.json(view(job, Instant.now(clock)));
  }

  static String timeOf(OffsetDateTime at) {
    return at == null ? "" : at.toLocalDateTime().withNano(0).toString().replace('T', ' ');
  }
}
