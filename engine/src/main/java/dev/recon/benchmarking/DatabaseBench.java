package dev.recon.benchmarking;

import dev.recon.benchmarking.SyntheticData.Dataset;
import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profile;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole path on synthetic data: the items are written as CSV files (one per side, the account
 * in a column, so {@code --size 1000000} writes a 1,000,000-line bank CSV) with a profile for their
 * layout, each parsed and imported through the importer, then matched and stored by a match run.
 * Prints the wall time of each stage: parse, identify and load (per file), match and store.
 */
public final class DatabaseBench {
  private static final String HEADER =
      "Account,Date,Amount,Currency,Reference,Counterparty,Payout,Type\n";

  private DatabaseBench() {}

  /**
   * @param importOnly stop after the import (the match stage is not run)
   */
  public static void run(
      int size,
      long seed,
      RuleSet ruleSet,
      String databaseUrl,
      Path workDir,
      boolean importOnly,
      Clock clock,
      PrintWriter out) {
    long start = System.nanoTime();
    // Only the files outlive this line: the generated items are garbage before the import starts,
    // so the import is timed with the heap a real `recon import` has, not the generator's millions
    // of objects on top (they made every collection during the import copy or scan them).
    Generated generated = generateFiles(size, seed, workDir);
    Map<Side, Path> files = generated.files();
    long written = System.nanoTime();
    try (Database database = Database.open(databaseUrl)) {
      out.printf(
          Locale.ROOT,
          "recon bench --with-db --size %d --seed %d on %s%n",
          size,
          seed,
          database.url());
      out.printf(
          Locale.ROOT,
          "items: %d in %d files; write files %.2f s%n",
          generated.items(),
          files.size(),
          (written - start) / 1e9);
      Importer importer = new Importer(database, clock, "bench");
      long importNanos = 0;
      int added = 0;
      for (Map.Entry<Side, Path> file : files.entrySet()) {
        Profile profile =
            Profiles.load(
                workDir.resolve("bench-" + file.getKey().label() + ".properties").toString());
        // What `recon import` does with a table: read the file, then parse, identify and load it,
        // the load starting on the first rows while later ones are still being parsed.
        long before = System.nanoTime();
        long cpuBefore = processCpuNanos();
        InputFile input = InputFile.read(file.getValue());
        ImportResult result = importer.importStreamed(input, profile, null);
        long loadedAt = System.nanoTime();
        long cpuLoaded = processCpuNanos();
        out.printf(
            Locale.ROOT,
            "import %-12s %,10d lines: read, parse, identify and load %6.2f s"
                + " (Recon's CPU %.2f s)%n",
            file.getValue().getFileName(),
            result.records(),
            (loadedAt - before) / 1e9,
            (cpuLoaded - cpuBefore) / 1e9);
        importNanos += loadedAt - before;
        added += result.added();
      }
      out.printf(
          Locale.ROOT,
          "import all:  %,d items stored in %.2f s (%,.0f items/s)%n",
          added,
          importNanos / 1e9,
          added / (importNanos / 1e9));
      out.flush();
      if (!importOnly) {
        long matchStart = System.nanoTime();
        MatchRunner.RunSummary run = new MatchRunner(database, clock, "bench").run(ruleSet);
        out.printf(
            Locale.ROOT,
            "match and store: %.2f s  (%d groups, %d exceptions opened)%n",
            (System.nanoTime() - matchStart) / 1e9,
            run.groupsCreated(),
            run.exceptionsOpened());
      }
      out.flush();
    }
  }

  /**
   * CPU time this process has used (all threads), or 0 where the JVM does not say: wall times on a
   * shared machine include waiting for the CPU, this does not (the database server's is not in it).
   */
  private static long processCpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  /** The files written for a generated dataset, and how many items they hold. */
  private record Generated(Map<Side, Path> files, int items) {}

  private static Generated generateFiles(int size, long seed, Path workDir) {
    Dataset data = SyntheticData.generate(size, seed);
    return new Generated(writeFiles(data, workDir), data.items().size());
  }

  /** Writes one CSV file per side (accounts in a column) and their profiles. */
  private static Map<Side, Path> writeFiles(Dataset data, Path dir) {
    Map<Side, Path> files = new TreeMap<>();
    Map<Side, BufferedWriter> writers = new TreeMap<>();
    try {
      Files.createDirectories(dir);
      for (Side side : Side.values()) {
        Files.writeString(
            dir.resolve("bench-" + side.label() + ".properties"),
            profile(side),
            StandardCharsets.UTF_8);
      }
      for (Item item : data.items()) {
        Fact f = item.fact();
        BufferedWriter writer = writers.get(f.side());
        if (writer == null) {
          Path path = dir.resolve(f.side().label() + ".csv");
          writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
          writer.write(HEADER);
          writers.put(f.side(), writer);
          files.put(f.side(), path);
        }
        writer.write(row(f));
      }
      for (BufferedWriter writer : writers.values()) {
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark files to " + dir, e);
    }
    return files;
  }

  private static String row(Fact f) {
    return String.join(
            ",",
            f.account(),
            f.bookingDate().toString(),
            f.amount().toDecimal().toPlainString(),
            f.currencyCode(),
            orEmpty(f.referenceRaw()),
            orEmpty(f.counterpartyRaw()),
            orEmpty(f.payoutId()),
            orEmpty(f.kind()))
        + "\n";
  }

  private static String profile(Side side) {
    return String.join(
        "\n",
        "source = " + side.label(),
        "column.account = Account",
        "column.booking_date = Date",
        "column.amount = Amount",
        "column.currency = Currency",
        "column.reference = Reference",
        "column.counterparty = Counterparty",
        "column.payout_id = Payout",
        "column.kind = Type",
        "");
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
