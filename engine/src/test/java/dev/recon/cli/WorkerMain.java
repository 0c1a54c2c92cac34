package dev.recon.cli;

import java.time.Clock;

/** The CLI as a child process's main class, for tests that start real worker processes. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    System.exit(ReconCommand.commandLine(Clock.systemUTC(), System.getenv()).execute(args));
  }
}
