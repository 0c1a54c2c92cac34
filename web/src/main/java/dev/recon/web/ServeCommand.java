package dev.recon.web;

import dev.recon.cli.ReconCommand;
import dev.recon.closing.CloseRunner;
import dev.recon.closing.CloseSchedule;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import dev.recon.web.ops.ScheduledClose;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recon serve}: the browser UI and the JSON API on one port, until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the web UI and the JSON API (documented at /api/openapi.json) until stopped.",
      "Users sign in with the accounts 'recon users add' creates; the first one should be an admin."
    })
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "7070",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description = "Rule folder runs started here use (default: the built-in standard rule set)")
  Path rules;

  @Option(
      names = "--upload-max-mb",
      defaultValue = "50",
      description = "Largest upload accepted, in MB (default: ${DEFAULT-VALUE})")
  int uploadMaxMegabytes;

  @Option(
      names = "--session-idle-minutes",
      defaultValue = "30",
      description =
          "Minutes without a request after which a session ends (default: ${DEFAULT-VALUE})")
  int sessionIdleMinutes;

  @Option(
      names = "--secure-cookies",
      description =
          "Mark cookies Secure always (behind a TLS proxy that does not forward the scheme)")
  boolean secureCookies;

  @Option(
      names = "--trust-proxy",
      description = "Believe a reverse proxy's X-Forwarded-Proto header (only behind one)")
  boolean trustProxy;

  @Option(
      names = "--close-at",
      paramLabel = "HH:MM",
      description =
          "Close the previous day every night at this time (in --close-zone), as recon close does")
  LocalTime closeAt;

  @Option(
      names = "--close-zone",
      defaultValue = "UTC",
      paramLabel = "ZONE",
      description = "Time zone of --close-at and of the day closed (default: ${DEFAULT-VALUE})")
  ZoneId closeZone;

  @Option(
      names = "--inbox",
      paramLabel = "DIR",
      description = "Inbox the nightly close imports from (see recon close --help)")
  Path inbox;

  @Option(
      names = "--close-out",
      paramLabel = "DIR",
      defaultValue = "recon-out",
      description = "Folder the nightly close writes its reports to (default: ${DEFAULT-VALUE})")
  Path closeOut;

  @Override
  public Integer call() throws InterruptedException {
    if (uploadMaxMegabytes < 1 || sessionIdleMinutes < 1) {
      throw new IllegalArgumentException(
          "--upload-max-mb and --session-idle-minutes must be at least 1");
    }
    RuleSet ruleSet = rules == null ? RuleSet.standard() : RuleSet.fromDirectory(rules);
    ServerSettings settings =
        new ServerSettings(
            port,
            uploadMaxMegabytes * 1024L * 1024L,
            Duration.ofMinutes(sessionIdleMinutes),
            secureCookies,
            trustProxy,
            ruleSet);
    PrintWriter out = spec.commandLine().getOut();
    Database database = recon.openDatabase();
    ReconServer server;
    try {
      server = new ReconServer(database, recon.clock(), settings).start();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    ScheduledClose nightly =
        closeAt == null
            ? null
            : new ScheduledClose(
                database,
                recon.clock(),
                new CloseSchedule(closeAt, closeZone),
                new CloseRunner.Settings(inbox, closeOut, ruleSet),
                server.operations());
    // Ctrl-C or a TERM signal: finish the requests in flight, then let go of the database.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (nightly != null) {
                    nightly.close();
                  }
                  server.close();
                  database.close();
                  stopped.countDown();
                }));
    out.printf(
        Locale.ROOT,
        "Recon serves %s on http://localhost:%d/ (rule set %s, version %s); Ctrl-C stops it%n",
        database.url(),
        server.port(),
        ruleSet.name(),
        ruleSet.shortVersion());
    if (closeAt != null) {
      out.printf(
          Locale.ROOT,
          "Closes the previous day every night at %s %s (inbox %s, reports to %s)%n",
          closeAt,
          closeZone,
          inbox == null ? "none" : inbox,
          closeOut);
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
