package dev.recon.web;

import dev.recon.access.Users;
import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.persistence.Database;
import dev.recon.web.access.Cookies;
import dev.recon.web.access.Guard;
import dev.recon.web.access.Sessions;
import dev.recon.web.access.SignIn;
import dev.recon.web.access.SignInThrottle;
import dev.recon.web.access.UserAdmin;
import dev.recon.web.corrections.CorrectionsPage;
import dev.recon.web.dashboard.Dashboard;
import dev.recon.web.exceptions.Exceptions;
import dev.recon.web.ops.Operations;
import dev.recon.web.reports.Reports;
import dev.recon.web.rules.Rules;
import dev.recon.web.runs.RunQueue;
import dev.recon.web.runs.Runs;
import dev.recon.web.upload.Uploads;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Recon's web server: the routes of every screen and of the API, one guard in front of all of them,
 * one error mapper behind them, and the background queue that runs matching. Requests share the
 * database's connection pool, one transaction per unit of work.
 */
public final class ReconServer implements AutoCloseable {
  private final Javalin app;
  private final RunQueue runQueue;
  private final Sessions sessions;
  private final List<Route> routes;
  private final Operations operations;

  public ReconServer(Database database, Clock clock, ServerSettings settings) {
    this.runQueue = new RunQueue(database, clock, settings.ruleSet());
    this.sessions = new Sessions(clock, settings.sessionIdle());
    Cookies cookies = new Cookies(settings);
    Users users = new Users(database, clock);
    this.routes = new ArrayList<>();
    routes.addAll(Assets.routes());
    routes.addAll(new SignIn(users, sessions, cookies, new SignInThrottle(clock)).routes());
    routes.addAll(new Dashboard(database, clock, runQueue).routes());
    routes.addAll(new Uploads(database, clock, settings).routes());
    routes.addAll(new Runs(database, clock, runQueue, settings.ruleSet()).routes());
    routes.addAll(new Reports(database, clock).routes());
    routes.addAll(new Rules(settings.ruleSet()).routes());
    routes.addAll(new UserAdmin(users).routes());
    this.operations = new Operations(database, clock);
    routes.addAll(operations.routes());
    Corrections corrections = new Corrections(database, clock, ChartOfAccounts.defaults());
    routes.addAll(new Exceptions(new ExceptionQueue(database, clock, corrections)).routes());
    routes.addAll(new CorrectionsPage(corrections).routes());
    Guard guard = new Guard(sessions, settings);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(Json.mapper());
              config.jetty.port = settings.port();
              // Uploads larger than this in memory go to Jetty's temporary files, named by Jetty.
              config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              config.jetty.multipartConfig.maxFileSize(settings.uploadBytesMax(), SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(
                  settings.uploadBytesMax(), SizeUnit.BYTES);
              config.routes.beforeMatched(guard::check);
              config.routes.before(SecurityHeaders::add);
              for (Route route : routes) {
                config.routes.addHttpHandler(
                    route.method(), route.path(), route.handler(), route.access());
              }
              ErrorMapper.register(config);
            });
  }

  /** Every route the server answers, as declared (for the API document's test). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public ReconServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  /** The sessions, for the page benchmark's in-memory session. */
  Sessions sessions() {
    return sessions;
  }

  /** /metrics and /health, which the nightly close reports to. */
  public Operations operations() {
    return operations;
  }

  /** The background runs, so tests and the dashboard can wait for them. */
  public RunQueue runQueue() {
    return runQueue;
  }

  @Override
  public void close() {
    app.stop();
    runQueue.close();
  }
}
