package dev.recon.cli;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.persistence.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recon users ...}: the people who may sign in to the web UI and API. A password is read
 * from $RECON_PASSWORD or from the first line of standard input, never from the command line, where
 * other users of the machine and the shell history would see it.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Add users of the web UI and API, list them, change a password.",
    subcommands = {UsersCommand.Add.class, UsersCommand.List.class, UsersCommand.Passwd.class})
final class UsersCommand {
  static final String PASSWORD_VARIABLE = "RECON_PASSWORD";

  @ParentCommand ReconCommand recon;

  String password() {
    String fromEnvironment = recon.environment.get(PASSWORD_VARIABLE);
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new IllegalArgumentException(
            "no password given: pipe it on standard input or set " + PASSWORD_VARIABLE);
      }
      return line;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the password from standard input", e);
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a user with a role: viewer (reads), preparer (also uploads, runs, checks rules),"
            + " approver (also approves corrections), admin (also manages users).",
        "The password comes from $RECON_PASSWORD or standard input (at least 10 characters)."
      })
  static final class Add implements Callable<Integer> {
    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Sign-in name")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "admin, approver, preparer or viewer")
    String role;

    @Override
    public Integer call() {
      Role parsed = Role.parse(role);
      String password = users.password();
      try (Database database = users.recon.openDatabase()) {
        Users.User user =
            new Users(database, users.recon.clock).add(name, parsed, password, users.recon.actor());
        spec.commandLine().getOut().println("Added " + user.name() + " as " + parsed.label());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
  static final class List implements Callable<Integer> {
    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = users.recon.openDatabase()) {
        java.util.List<Users.User> all = new Users(database, users.recon.clock).list();
        if (all.isEmpty()) {
          out.println("no users yet; add the first admin with: recon users add NAME --role admin");
        }
        for (Users.User user : all) {
          out.printf(
              Locale.ROOT,
              "%-20s %-9s added by %s at %s%n",
              user.name(),
              user.role().label(),
              user.createdBy(),
              user.createdAt());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description =
          "Changes a user's password, read from $RECON_PASSWORD or standard input (at least 10"
              + " characters).")
  static final class Passwd implements Callable<Integer> {
    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Sign-in name")
    String name;

    @Override
    public Integer call() {
      String password = users.password();
      try (Database database = users.recon.openDatabase()) {
        new Users(database, users.recon.clock).changePassword(name, password, users.recon.actor());
      }
      spec.commandLine().getOut().println("Changed the password of " + name);
      return 0;
    }
  }
}
