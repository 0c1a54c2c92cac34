package dev.recon.cli;

import dev.recon.importing.BadInput;
import dev.recon.persistence.Database;
import dev.recon.rules.dsl.RuleFileException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code recon} command. Options here apply to every subcommand: which database, and who is
 * acting (recorded in the audit log). Exit codes: 0 done, 1 input refused or a request that cannot
 * be carried out (the message says why), 2 a mistake in the command line, 3 a bug in Recon.
 */
@Command(
    name = "recon",
    mixinStandardHelpOptions = true,
    version = "recon 0.1.0",
    description = "Reconciles bank statements, payment-gateway reports and ledger exports.",
    subcommands = {
      ImportCommand.class,
      ParseCommand.class,
      MatchCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      RulesCommand.class,
      AuditCommand.class,
      UsersCommand.class,
      ExceptionsCommand.class,
      MatchManualCommand.class,
      CorrectionsCommand.class,
      CloseCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ReconCommand {
  public static final int EXIT_REFUSED = 1;
  public static final int EXIT_INTERNAL_ERROR = 3;

  @Option(
      names = "--db",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "JDBC URL of the database (default: $RECON_DB_URL, else the embedded H2 file ./recon-data/recon)")
  String databaseUrl;

  @Option(
      names = "--user",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Who is acting, as recorded in the audit log (default: $USER)")
  String user;

  final Clock clock;
  final Map<String, String> environment;

  ReconCommand(Clock clock, Map<String, String> environment) {
    this.clock = clock;
    this.environment = environment;
  }

  /** The configured command line; {@code web} adds its own subcommands to it. */
  public static CommandLine commandLine(Clock clock, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new ReconCommand(clock, environment));
    commandLine.setExecutionExceptionHandler(ReconCommand::handle);
    return commandLine;
  }

  /** The database the options name; for subcommands that {@code web} adds. */
  public Database openDatabase() {
    return Database.open(databaseUrl());
  }

  String databaseUrl() {
    if (databaseUrl != null) {
      return databaseUrl;
    }
    return environment.getOrDefault("RECON_DB_URL", Database.DEFAULT_URL);
  }

  public Clock clock() {
    return clock;
  }

  public String actor() {
    if (user != null && !user.isBlank()) {
      return user;
    }
    return environment.getOrDefault("USER", "unknown");
  }

  /**
   * Runs Recon's command line without the web server (which {@code dev.recon.web.Main} adds): for
   * the engine's own tests that start Recon as a separate process.
   */
  public static void main(String[] args) {
    System.exit(commandLine(Clock.systemUTC(), System.getenv()).execute(args));
  }

  /** User errors print their message and exit 1; anything else is a bug and shows its trace. */
  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof RuleFileException ruleErrors) {
      ruleErrors.errors().forEach(error -> err.println("error: " + error));
      err.println("nothing of the rule files was loaded; fix the errors above and run again");
      err.flush();
      return EXIT_REFUSED;
    }
    if (e instanceof BadInput badInput) {
      badInput.problems().forEach(problem -> err.println("error: " + problem));
      err.flush();
      return EXIT_REFUSED;
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_REFUSED;
    }
    err.println(
        "internal error: recon failed unexpectedly; please report this with the trace below");
    e.printStackTrace(err);
    err.flush();
    return EXIT_INTERNAL_ERROR;
  }
}
