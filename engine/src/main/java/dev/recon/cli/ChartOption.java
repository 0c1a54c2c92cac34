package dev.recon.cli;

import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.persistence.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --chart FILE}: the chart of accounts and correction policy (default $RECON_CHART). */
final class ChartOption {
  static final String VARIABLE = "RECON_CHART";

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description =
          "Chart of accounts and correction policy (.properties, UTF-8) overriding the defaults"
              + " (default: $RECON_CHART)")
  Path chart;

  ChartOfAccounts load(ReconCommand recon) {
    if (chart != null) {
      return ChartOfAccounts.load(chart);
    }
    String fromEnvironment = recon.environment.get(VARIABLE);
    return ChartOfAccounts.load(fromEnvironment == null ? null : Path.of(fromEnvironment));
  }

  Corrections corrections(ReconCommand recon, Database database) {
    return new Corrections(database, recon.clock, load(recon));
  }

  ExceptionQueue queue(ReconCommand recon, Database database) {
    return new ExceptionQueue(database, recon.clock, corrections(recon, database));
  }
}
