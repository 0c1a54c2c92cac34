package dev.recon.benchmarking;

import dev.recon.benchmarking.SyntheticData.Dataset;
import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
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
 * The whole path on synthetic data: the items are written as CSV files (one statement per account
 * and side, one gateway report) with a profile for their layout, imported through the importer,
 * then matched and stored by a match run. Prints the wall time of each stage.
 */
public final class DatabaseBench {
  private static final String HEADER = "Date,Amount,Currency,Reference,Counterparty,Payout,Type\n";

  private DatabaseBench() {}

  public static void run(
      int size,
      long seed,
      RuleSet ruleSet,
      String databaseUrl,
      Path workDir,
      Clock clock,
      PrintWriter out) {
    long start = System.nanoTime();
    Dataset data = SyntheticData.generate(size, seed);
    Map<String, Path> files = writeFiles(data, workDir);
    long written = System.nanoTime();
    try (Database database = Database.open(databaseUrl)) {
      Importer importer = new Importer(database, clock, "bench");
      int added = 0;
      for (Map.Entry<String, Path> file : files.entrySet()) {
        String[] sideAndAccount = file.getKey().split(" ", 2);
        Profile profile =
            Profiles.load(workDir.resolve("bench-" + sideAndAccount[0] + ".properties").toString());
        added +=
            importer
                .importFile(
                    FileParser.parse(file.getValue(), profile, sideAndAccount[1]),
                    sideAndAccount[1])
                .added();
      }
      long imported = System.nanoTime();
      MatchRunner.RunSummary run = new MatchRunner(database, clock, "bench").run(ruleSet);
      long matched = System.nanoTime();
      out.printf(
          Locale.ROOT,
          "recon bench --with-db --size %d --seed %d on %s%n",
          size,
          seed,
          database.url());
      out.printf(
          Locale.ROOT,
          "items: %d in %d files, %d stored%n",
          data.items().size(),
          files.size(),
          added);
      out.printf(Locale.ROOT, "write files:     %8.2f s%n", (written - start) / 1e9);
      out.printf(
          Locale.ROOT,
          "import (parse, identify, insert): %8.2f s  (%,.0f items/s)%n",
          (imported - written) / 1e9,
          added / ((imported - written) / 1e9));
      out.printf(
          Locale.ROOT,
          "match and store: %8.2f s  (%d groups, %d exceptions opened)%n",
          (matched - imported) / 1e9,
          run.groupsCreated(),
          run.exceptionsOpened());
      out.flush();
    }
  }

  /** Writes the CSV files and their profiles; returns the files by "side account", sorted. */
  private static Map<String, Path> writeFiles(Dataset data, Path dir) {
    Map<String, Path> files = new TreeMap<>();
    Map<String, BufferedWriter> writers = new TreeMap<>();
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
        String key = f.side().label() + " " + f.account();
        BufferedWriter writer = writers.get(key);
        if (writer == null) {
          Path path = dir.resolve(f.side().label() + "-" + f.account() + ".csv");
          writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
          writer.write(HEADER);
          writers.put(key, writer);
          files.put(key, path);
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
