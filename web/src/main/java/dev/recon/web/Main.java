package dev.recon.web;

import dev.recon.cli.ReconCommand;
import java.time.Clock;

/** The runnable application: Recon's command line (the web server joins it as {@code serve}). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode = ReconCommand.commandLine(Clock.systemUTC(), System.getenv()).execute(args);
    System.exit(exitCode);
  }
}
