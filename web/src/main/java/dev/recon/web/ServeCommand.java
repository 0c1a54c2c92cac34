package dev.recon.web;

import dev.recon.cli.ReconCommand;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
    // Ctrl-C or a TERM signal: finish the requests in flight, then let go of the database.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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
    out.flush();
    stopped.await();
    return 0;
  }
}
