package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import picocli.CommandLine;

/** {@code recon users}: the first admin comes from the command line, passwords never do. */
@EveryDatabase
class UsersCommandTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;

  record Result(int exitCode, String out, String err) {}

  private Result run(String url, String password, String... args) {
    Map<String, String> environment = new HashMap<>(Map.of("USER", "ops", "RECON_DB_URL", url));
    if (password != null) {
      environment.put("RECON_PASSWORD", password);
    }
    CommandLine commandLine = Main.commandLine(TestServer.clockAtStart(), environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Result(commandLine.execute(args), out.toString(), err.toString());
  }

  @Test
  void theFirstAdminIsAddedFromTheCommandLineAndCanSignIn() {
    String url = TestDatabase.freshUrl(backend, tempDir);
    Result added = run(url, "correct horse battery", "users", "add", "alice", "--role", "admin");
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("Added alice as admin");
    Result list = run(url, null, "users", "list");
    assertThat(list.out()).contains("alice").contains("admin").contains("added by ops");
    try (Database database = Database.open(url)) {
      Users users = new Users(database, TestServer.clockAtStart());
      assertThat(users.authenticate("alice", "correct horse battery")).isPresent();
      assertThat(users.authenticate("alice", "correct horse battery!")).isEmpty();
      assertThat(database.<Integer>inTransaction(tx -> tx.audit().count("USER_ADDED")))
          .isEqualTo(1);
      DatabaseInvariants.check(database);
    }
  }

  @Test
  void aShortPasswordAnUnknownRoleAndATakenNameAreRefused() {
    String url = TestDatabase.freshUrl(backend, tempDir);
    Result shortPassword = run(url, "short", "users", "add", "bob", "--role", "viewer");
    assertThat(shortPassword.exitCode()).isEqualTo(1);
    assertThat(shortPassword.err()).contains("at least 10 characters");
    Result unknownRole = run(url, "long enough password", "users", "add", "bob", "--role", "boss");
    assertThat(unknownRole.err()).contains("unknown role \"boss\"");
    run(url, "long enough password", "users", "add", "bob", "--role", "viewer");
    Result taken = run(url, "another long password", "users", "add", "bob", "--role", "admin");
    assertThat(taken.exitCode()).isEqualTo(1);
    assertThat(taken.err()).contains("exists already");
  }

  @Test
  void passwdChangesThePasswordAndNothingElse() {
    String url = TestDatabase.freshUrl(backend, tempDir);
    run(url, "the first password", "users", "add", "carol", "--role", "approver");
    Result changed = run(url, "the second password", "users", "passwd", "carol");
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    try (Database database = Database.open(url)) {
      Users users = new Users(database, TestServer.clockAtStart());
      assertThat(users.authenticate("carol", "the first password")).isEmpty();
      assertThat(users.authenticate("carol", "the second password"))
          .get()
          .extracting(Users.User::role)
          .isEqualTo(Role.APPROVER);
    }
  }

  @Test
  void thePasswordIsNeverAnOption() {
    Result attempt =
        run(
            TestDatabase.freshUrl(backend, tempDir),
            "long enough password",
            "users",
            "add",
            "dave",
            "--role",
            "viewer",
            "--password",
            "on the command line");
    assertThat(attempt.exitCode()).isEqualTo(2);
    assertThat(attempt.err()).contains("Unknown options: '--password'");
  }
}
