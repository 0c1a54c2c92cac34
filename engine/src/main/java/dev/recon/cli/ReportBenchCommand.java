package dev.recon.cli;

import dev.recon.benchmarking.ReportBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bench-report",
    mixinStandardHelpOptions = true,
    description = {
      "Fills a fresh embedded database with synthetic items (half matched in pairs, half open),"
          + " then writes the report as XLSX and as CSV, printing the time and the peak heap of"
          + " each.",
      "Run it with a small heap (RECON_JAVA_OPTS=-Xmx256m) to see that memory stays bounded."
    })
final class ReportBenchCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--rows",
      defaultValue = "100000",
      description = "Items, and so report rows (a multiple of 4). Default: ${DEFAULT-VALUE}")
  int rows;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description = "Keep the database and the report files in DIR (default: a temporary folder)")
  Path keep;

  @Override
  public Integer call() throws IOException {
    Path workDir =
        keep != null
            ? Files.createDirectories(keep)
            : Files.createTempDirectory("recon-bench-report");
    try {
      String url = "jdbc:h2:file:" + workDir.resolve("db/recon").toAbsolutePath();
      ReportBench.run(rows, url, workDir, recon.clock, spec.commandLine().getOut());
    } finally {
      if (keep == null) {
        try (Stream<Path> paths = Files.walk(workDir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
    return 0;
  }
}
