package dev.recon.web;

import dev.recon.access.Role;
import dev.recon.cli.ReconCommand;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.BenchStore;
import dev.recon.persistence.Database;
import dev.recon.web.access.Cookies;
import dev.recon.web.access.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recon bench-pages}: how fast the server answers its pages on the database the options
 * name, measured as a browser would see it (HTTP on the loopback, full response read). The server
 * runs in this process on a free port with a session made in memory, so nothing is written to the
 * database (except the synthetic exceptions {@code --add-open-exceptions} asks for, first). Each
 * page is fetched a few times to warm up, then timed; the first fetch is shown apart, since it
 * includes what later fetches find cached (the dashboard's aggregates).
 */
@Command(
    name = "bench-pages",
    mixinStandardHelpOptions = true,
    description = {
      "Times the web pages and API reads on the database: median and slowest of N fetches each.",
      "Writes nothing (unless --add-open-exceptions); run it on a copy of production data or"
          + " after 'recon bench --with-db'."
    })
public final class PageBench implements Callable<Integer> {
  static final List<String> PAGES =
      List.of(
          "/",
          "/api/dashboard",
          "/runs",
          "/upload",
          "/api/runs",
          "/api/imports",
          "/rules",
          "/exceptions",
          "/exceptions?sort=-amount",
          "/exceptions?sort=age",
          "/exceptions?side=bank&age=8-30&sort=amount",
          "/exceptions?currency=EUR&min=100&max=200",
          "/exceptions?assignee=nobody",
          "/exceptions?text=acme",
          "/exceptions?page=500",
          "/api/exceptions?status=open&type=unmatched&size=200",
          "/corrections");
  private static final int WARM_UP_ROUNDS = 3;

  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "20",
      description = "Timed fetches per page (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--add-open-exceptions",
      defaultValue = "0",
      paramLabel = "N",
      description = {
        "First opens N more exceptions on items that have none (a busy queue), then times the"
            + " pages. This one writes: use it on a bench database only."
      })
  int openExceptionsToAdd;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      if (openExceptionsToAdd > 0) {
        addOpenExceptions(database, out);
      }
      time(database, out);
    }
    return 0;
  }

  private void addOpenExceptions(Database database, PrintWriter out) {
    OffsetDateTime at = OffsetDateTime.now(recon.clock());
    long start = System.nanoTime();
    int added =
        database.inTransaction(
            tx -> {
              int count = tx.bench().addOpenExceptions(openExceptionsToAdd, at);
              tx.audit()
                  .append(
                      new AuditStore.Entry(
                          at,
                          "bench-pages",
                          "BENCH_EXCEPTIONS_ADDED",
                          "exception_item",
                          null,
                          null,
                          count + " open exceptions: " + BenchStore.REASON));
              return count;
            });
    out.printf(
        Locale.ROOT,
        "Opened %d synthetic exceptions in %d ms%n",
        added,
        (System.nanoTime() - start) / 1_000_000);
  }

  private void time(Database database, PrintWriter out) throws IOException, InterruptedException {
    try (ReconServer server =
        new ReconServer(database, recon.clock(), ServerSettings.defaults(0, RuleSet.standard()))
            .start()) {
      Session session = server.sessions().create("bench", Role.ADMIN);
      HttpClient http = HttpClient.newHttpClient();
      out.printf(Locale.ROOT, "Pages on %s, %d timed fetches each%n", database.url(), rounds);
      out.printf(
          Locale.ROOT,
          "  %-48s %10s %10s %10s %10s%n",
          "page",
          "first ms",
          "median ms",
          "max ms",
          "bytes");
      // Warms up the server itself (threads, templates' shared classes, JSON) on a route that reads
      // no data, so each page's first fetch shows what that page costs, not the JVM starting.
      for (int i = 0; i < WARM_UP_ROUNDS; i++) {
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/session"))
                .header("Cookie", Cookies.SESSION + "=" + session.id())
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
      for (String page : PAGES) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + page))
                .header("Cookie", Cookies.SESSION + "=" + session.id())
                .GET()
                .build();
        long[] millis = new long[rounds];
        long bytes = 0;
        long first = -1;
        for (int i = -WARM_UP_ROUNDS; i < rounds; i++) {
          long start = System.nanoTime();
          HttpResponse<byte[]> response =
              http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long elapsed = (System.nanoTime() - start) / 1_000_000;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(page + " answered " + response.statusCode());
          }
          if (first < 0) {
            first = elapsed;
          }
          if (i >= 0) {
            millis[i] = elapsed;
            bytes = response.body().length;
          }
        }
        Arrays.sort(millis);
        out.printf(
            Locale.ROOT,
            "  %-48s %10d %10d %10d %10d%n",
            page,
            first,
            millis[millis.length / 2],
            millis[millis.length - 1],
            bytes);
        out.flush();
      }
    }
  }
}
