package dev.recon.cli;

import dev.recon.benchmarking.CamtStreamBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench-camt",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a camt.053 statement file of the given size and reads it in a child JVM whose heap"
          + " is capped well below the file's size, then prints items read, time and peak heap:"
          + " the proof that camt files are streamed, not loaded."
    })
final class BenchCamtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--megabytes",
      defaultValue = "200",
      description = "Size of the generated file in MB. Default: ${DEFAULT-VALUE}")
  long megabytes;

  @Option(
      names = "--heap",
      defaultValue = "64",
      description = "Heap cap of the reading JVM in MB (-Xmx). Default: ${DEFAULT-VALUE}")
  int heapMegabytes;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (megabytes < 1 || heapMegabytes < 8) {
      throw new IllegalArgumentException("--megabytes must be at least 1 and --heap at least 8");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("recon-bench-camt");
    Path file = dir.resolve("camt053-bench.xml");
    try {
      long[] written = CamtStreamBench.write(file, megabytes);
      CamtStreamBench.Outcome outcome = CamtStreamBench.readInChildJvm(file, heapMegabytes);
      if (outcome.entries() != written[0] || outcome.sumMinor() != written[1]) {
        throw new IllegalStateException(
            "read "
                + outcome.entries()
                + " items summing to "
                + outcome.sumMinor()
                + " but wrote "
                + written[0]
                + " summing to "
                + written[1]);
      }
      out.println(outcome.describe());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
    out.flush();
    return 0;
  }
}
