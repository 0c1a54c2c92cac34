package dev.recon.web;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A real Recon server on a free port, over a fresh database of the test's backend, with one user
 * per role: {@code viewer}, {@code preparer}, {@code approver} and {@code admin}, each with the
 * password {@link #PASSWORD}. The clock starts on 2026-11-12 and moves only when a test moves it.
 */
final class TestServer implements AutoCloseable {
  static final String PASSWORD = "a long enough test password";
  static final Instant START = Instant.parse("2026-11-12T09:00:00Z");

  final Database database;
  final MutableClock clock = new MutableClock(START);
  final ReconServer server;

  TestServer(TestDatabase.Backend backend, Path tempDir) {
    this(backend, tempDir, UnaryOperator.identity());
  }

  TestServer(TestDatabase.Backend backend, Path tempDir, UnaryOperator<ServerSettings> settings) {
    database = TestDatabase.open(backend, tempDir);
    Users users = new Users(database, clock);
    for (Role role : Role.values()) {
      users.add(role.label(), role, PASSWORD, "test");
    }
    server =
        new ReconServer(
                database, clock, settings.apply(ServerSettings.defaults(0, RuleSet.standard())))
            .start();
  }

  static java.time.Clock clockAtStart() {
    return java.time.Clock.fixed(START, java.time.ZoneOffset.UTC);
  }

  String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  WebClient client() {
    return new WebClient(this);
  }

  WebClient signedIn(Role role) {
    WebClient client = client();
    client.signIn(role.label(), PASSWORD);
    return client;
  }

  @Override
  public void close() {
    try {
      server.runQueue().awaitIdle(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    DatabaseInvariants.check(database);
    database.close();
  }
}
