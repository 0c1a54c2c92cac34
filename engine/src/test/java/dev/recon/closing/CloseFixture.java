package dev.recon.closing;

import dev.recon.importing.ImportFixtures;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.CanonicalDump;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An inbox holding the demo's files (bank statement and ledger of OPERATING-EUR, Stripe balance and
 * clearing ledger of STRIPE, each in its account's subfolder) and one file no profile reads, and
 * views of what a close left on disk that two equal closes share.
 */
final class CloseFixture {
  static final LocalDate DATE = LocalDate.parse("2026-11-06");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-07T02:00:00Z"), ZoneOffset.UTC);

  private CloseFixture() {}

  static Path inbox(Path dir) {
    Path inbox = dir.resolve("inbox");
    copy(
        ImportFixtures.sample("bank/statement-2026-11-02_to_06.csv"),
        inbox.resolve("OPERATING-EUR/statement-2026-11-02_to_06.csv"));
    copy(
        ImportFixtures.sample("ledger/gl-1200-2026-11.csv"),
        inbox.resolve("OPERATING-EUR/gl-1200-2026-11.csv"));
    copy(
        ImportFixtures.sample("gateway/stripe-balance-2026-11.csv"),
        inbox.resolve("STRIPE/stripe-balance-2026-11.csv"));
    copy(
        ImportFixtures.sample("ledger/gl-1361-stripe-clearing-2026-11.csv"),
        inbox.resolve("STRIPE/gl-1361-stripe-clearing-2026-11.csv"));
    ImportFixtures.write(inbox.resolve("notes.csv"), "Colour;Shape\nred;round\n");
    return inbox;
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CloseRunner.Settings settings(Path dir) {
    return new CloseRunner.Settings(dir.resolve("inbox"), dir.resolve("out"), RuleSet.standard());
  }

  /**
   * The files a close left: the inbox's tree with each file's content (reason files verbatim), the
   * CSV reports with group ids replaced by their order of appearance, and every cell of the
   * workbook's sheets the same way.
   */
  static List<String> files(Path dir) {
    List<String> lines = new ArrayList<>();
    Path inbox = dir.resolve("inbox");
    try (Stream<Path> paths = Files.walk(inbox)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        lines.add("inbox " + inbox.relativize(path) + ": " + Files.readString(path).hashCode());
        if (path.toString().endsWith(Inbox.REASON_SUFFIX)) {
          lines.add(CanonicalDump.normalize(Files.readString(path)));
        }
      }
      Path out = dir.resolve("out");
      try (Stream<Path> reports = Files.list(out)) {
        for (Path report : reports.sorted().toList()) {
          lines.add("report " + report.getFileName());
          if (report.toString().endsWith(".csv")) {
            lines.addAll(renumberGroups(Files.readAllLines(report, StandardCharsets.UTF_8)));
          } else if (report.toString().endsWith(".xlsx")) {
            lines.addAll(renumberGroups(cells(report)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static List<String> cells(Path workbookFile) throws IOException {
    List<String> lines = new ArrayList<>();
    DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
    try (InputStream in = Files.newInputStream(workbookFile);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      for (Sheet sheet : workbook) {
        lines.add("sheet " + sheet.getSheetName());
        for (Row row : sheet) {
          List<String> values = new ArrayList<>();
          for (Cell cell : row) {
            values.add(formatter.formatCellValue(cell));
          }
          lines.add(String.join(",", values));
        }
      }
    }
    return lines;
  }

  /**
   * Group ids differ between equal runs when a killed run used some up; the first column of the
   * matched table is the group id, so it is replaced by the order in which each id first appears.
   */
  private static List<String> renumberGroups(List<String> lines) {
    Map<String, Integer> ordinals = new HashMap<>();
    List<String> renumbered = new ArrayList<>();
    for (String line : lines) {
      String normalized = CanonicalDump.normalize(line);
      int comma = normalized.indexOf(',');
      if (comma > 0 && normalized.substring(0, comma).matches("\\d+")) {
        String id = normalized.substring(0, comma);
        int ordinal = ordinals.computeIfAbsent(id, k -> ordinals.size() + 1);
        normalized = "g" + ordinal + normalized.substring(comma);
      }
      renumbered.add(normalized);
    }
    return renumbered;
  }
}
