package dev.recon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the {@code recon} command line in-process as a user would, capturing what it prints. The
 * environment's default database points into the test's folder, so a command that forgets {@code
 * --db} cannot touch anything outside it.
 */
final class CliRun {
  private final Clock clock;
  private final Map<String, String> environment;

  CliRun(Clock clock, Path tempDir) {
    this.clock = clock;
    this.environment =
        Map.of(
            "USER",
            "env-user",
            "RECON_DB_URL",
            "jdbc:h2:file:" + tempDir.resolve("env-default-db").resolve("recon").toAbsolutePath());
  }

  record Result(int exitCode, String out, String err) {}

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = ReconCommand.commandLine(clock, environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The JDBC URL of a fresh embedded database in {@code dir}, as {@code TestDatabase} opens it. */
  static String h2Url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("recon").toAbsolutePath();
  }
}
