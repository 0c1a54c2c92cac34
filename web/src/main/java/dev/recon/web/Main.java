package dev.recon.web;

import dev.recon.cli.ReconCommand;
import java.time.Clock;
import picocli.CommandLine;

/** The runnable application: Recon's command line, with the web server as {@code serve}. */
public final class Main {
  private Main() {}

  public static CommandLine commandLine(Clock clock, java.util.Map<String, String> environment) {
    CommandLine commandLine = ReconCommand.commandLine(clock, environment);
    commandLine.addSubcommand("serve", new ServeCommand());
    commandLine.addSubcommand("bench-pages", new PageBench());
    return commandLine;
  }

  public static void main(String[] args) {
    int exitCode = commandLine(Clock.systemUTC(), System.getenv()).execute(args);
    System.exit(exitCode);
  }
}
