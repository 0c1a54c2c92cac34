package dev.recon.benchmarking;

import dev.recon.importing.camt.CamtReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Shows that reading a camt.053 streams: writes a statement of a given size, then reads it in a
 * child JVM whose heap is capped far below the file's size, and reports the child's peak heap (the
 * JVM's own high-water mark of every heap pool) and time. If the reader held the file or its
 * entries, the child would run out of memory and the bench fails.
 */
public final class CamtStreamBench {
  /** Entries per statement: a bank splits a long period into statements of this size. */
  private static final int ENTRIES_PER_STATEMENT = 10_000;

  private CamtStreamBench() {}

  /** What a streamed read in the child JVM reported. */
  public record Outcome(
      long fileBytes, long entries, long sumMinor, long peakHeapBytes, long millis, int heapCapMb) {
    public String describe() {
      return String.format(
          Locale.ROOT,
          "camt.053 of %.1f MB: %,d items read in %.1f s in a child JVM with -Xmx%dm;"
              + " peak heap %.1f MB (%.0f%% of the file's size)",
          fileBytes / 1e6,
          entries,
          millis / 1000.0,
          heapCapMb,
          peakHeapBytes / 1e6,
          100.0 * peakHeapBytes / fileBytes);
    }
  }

  /**
   * Writes a camt.053.001.08 file of at least {@code megabytes} MB (10^6 bytes) and returns the
   * number of entries written and their sum in minor units, for the reader's result to be checked
   * against.
   */
  public static long[] write(Path file, long megabytes) throws IOException {
    long target = megabytes * 1_000_000L;
    long entries = 0;
    long sum = 0;
    long written = 0;
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      written += write(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      written +=
          write(
              out,
              "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>\n"
                  + "<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-10T06:00:00</CreDtTm></GrpHdr>\n");
      int statement = 0;
      while (written < target) {
        statement++;
        StringBuilder body = new StringBuilder();
        long statementSum = 0;
        List<String> entryTexts = new ArrayList<>();
        for (int i = 0; i < ENTRIES_PER_STATEMENT && written < target; i++) {
          entries++;
          long minor = 100 + entries % 99_900;
          statementSum += minor;
          String entry = entry(entries, minor);
          written += entry.length();
          entryTexts.add(entry);
        }
        sum += statementSum;
        body.append("<Stmt><Id>BENCH-")
            .append(statement)
            .append("</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n")
            .append(balance("OPBD", 0))
            .append(balance("CLBD", statementSum));
        written += write(out, body.toString());
        for (String entry : entryTexts) {
          out.write(entry);
        }
        written += write(out, "</Stmt>\n");
      }
      written += write(out, "</BkToCstmrStmt></Document>\n");
    }
    return new long[] {entries, sum};
  }

  private static String balance(String type, long minor) {
    return "<Bal><Tp><CdOrPrtry><Cd>"
        + type
        + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">"
        + decimal(minor)
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-09</Dt></Dt></Bal>\n";
  }

  private static String entry(long n, long minor) {
    return "<Ntry><Amt Ccy=\"EUR\">"
        + decimal(minor)
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        + "<BookgDt><Dt>2026-11-09</Dt></BookgDt><ValDt><Dt>2026-11-09</Dt></ValDt>"
        + "<AcctSvcrRef>BK-"
        + n
        + "</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E-"
        + n
        + "</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Customer "
        + (n % 997)
        + " GmbH</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>Invoice INV-2026-"
        + String.format(Locale.ROOT, "%04d", n % 10_000)
        + " order "
        + n
        + "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n";
  }

  private static String decimal(long minor) {
    return String.format(Locale.ROOT, "%d.%02d", minor / 100, minor % 100);
  }

  private static int write(Writer out, String text) throws IOException {
    out.write(text);
    return text.length();
  }

  /** Reads the file in a child JVM with the heap capped at {@code heapCapMb} MB. */
  public static Outcome readInChildJvm(Path file, int heapCapMb)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("recon-bench-camt", ".out");
    String text;
    try {
      ChildRun run =
          runInChildJvm(
              heapCapMb,
              output,
              CamtStreamBench.class.getName(),
              List.of(file.toAbsolutePath().toString()));
      text = Files.readString(output, StandardCharsets.UTF_8);
      if (run.exitCode() != 0) {
        throw new IllegalStateException(
            "the streamed read failed in a JVM with -Xmx" + heapCapMb + "m:\n" + text);
      }
    } finally {
      Files.deleteIfExists(output);
    }
    String[] figures = text.strip().lines().reduce((a, b) -> b).orElse("").split(" ");
    return new Outcome(
        Files.size(file),
        Long.parseLong(figures[0]),
        Long.parseLong(figures[1]),
        Long.parseLong(figures[2]),
        Long.parseLong(figures[3]),
        heapCapMb);
  }

  /** How a child JVM ended: its exit code (its output went to the file it was given). */
  public record ChildRun(int exitCode) {}

  /**
   * Runs a main class of this class path in a child JVM whose heap is capped at {@code heapCapMb}
   * MB, its standard output and error written to {@code output} (a file, so output as large as the
   * input is not held either).
   */
  public static ChildRun runInChildJvm(
      int heapCapMb, Path output, String mainClass, List<String> arguments)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java.toString(),
            "-Xmx" + heapCapMb + "m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    Process child = builder.start();
    if (!child.waitFor(30, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not end within 30 minutes");
    }
    return new ChildRun(child.exitValue());
  }

  /** The child: streams the file, then prints items, sum, peak heap bytes and milliseconds. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long started = System.nanoTime();
    long[] sum = {0};
    CamtReader.Streamed streamed;
    try (InputStream in = Files.newInputStream(file)) {
      streamed =
          CamtReader.stream(
              in,
              file.getFileName().toString(),
              Pattern.compile("INV-\\d{4}-\\d{4}"),
              null,
              fact -> sum[0] += fact.amount().minor());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.println(streamed.facts() + " " + sum[0] + " " + peak + " " + millis);
  }
}
