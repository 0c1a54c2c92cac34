package dev.recon.benchmarking;

import dev.recon.persistence.Database;
import dev.recon.persistence.SyntheticReportStore;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Times the report on a database of many synthetic items (see {@link SyntheticReportStore}) and
 * samples the peak heap while it is written: once as XLSX, once as CSV. Run it under a small {@code
 * -Xmx} to show that the report's memory does not grow with its rows.
 */
public final class ReportBench {
  private ReportBench() {}

  /** What one report format cost. */
  public record Measured(String format, double seconds, long peakHeapMegabytes, long bytes) {}

  public static void run(int rows, String databaseUrl, Path outDir, Clock clock, PrintWriter out) {
    LocalDate lastDay = LocalDate.now(clock);
    try (Database database = Database.open(databaseUrl)) {
      long start = System.nanoTime();
      SyntheticReportStore.fill(database, rows, lastDay, OffsetDateTime.now(clock));
      double filled = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "recon bench-report --rows %d on %s (max heap %d MB)%n",
          rows,
          database.url(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
      out.printf(
          Locale.ROOT,
          "generate: %8.2f s  (%d items: %d in %d groups, %d open)%n",
          filled,
          rows,
          rows / 2,
          rows / 4,
          rows / 2);
      ReportScope scope = ReportScope.upTo(lastDay);
      for (String format : new String[] {"xlsx", "csv"}) {
        Measured measured = measure(database, scope, outDir.resolve("bench-report." + format));
        out.printf(
            Locale.ROOT,
            "%-4s report: %8.2f s  (%,.0f rows/s), peak heap %d MB, %,d bytes written%n",
            measured.format(),
            measured.seconds(),
            rows / measured.seconds(),
            measured.peakHeapMegabytes(),
            measured.bytes());
      }
      out.flush();
    }
  }

  private static Measured measure(Database database, ReportScope scope, Path file) {
    System.gc();
    long start = System.nanoTime();
    try (HeapSampler heap = new HeapSampler()) {
      ReportWriter.Written written = ReportWriter.write(database, scope, file);
      double seconds = (System.nanoTime() - start) / 1e9;
      long bytes = 0;
      for (Path path : written.files()) {
        bytes += Files.size(path);
      }
      String name = file.getFileName().toString();
      return new Measured(
          name.substring(name.lastIndexOf('.') + 1), seconds, heap.peakMegabytes(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
