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
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
   * The files a close left: the inbox's tree with each file's content (reason files verbatim), and
   * every row of the CSV reports and of the workbook's sheets with database ids (groups, runs)
   * replaced by their order of appearance.
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
            lines.addAll(renumberIds(csvRows(report)));
          } else if (report.toString().endsWith(".xlsx")) {
            lines.addAll(renumberIds(cells(report)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static List<List<String>> csvRows(Path csv) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  private static List<List<String>> cells(Path workbookFile) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
    try (InputStream in = Files.newInputStream(workbookFile);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      for (Sheet sheet : workbook) {
        rows.add(List.of("sheet " + sheet.getSheetName()));
        for (Row row : sheet) {
          List<String> values = new ArrayList<>();
          for (Cell cell : row) {
            values.add(formatter.formatCellValue(cell));
          }
          rows.add(values);
        }
      }
    }
    return rows;
  }

  /** Header cells whose column holds a database id. */
  private static final Set<String> ID_COLUMNS = Set.of("Group", "Run", "Correction");

  /**
   * Group, run and correction ids differ between equal closes when a killed attempt used some up (a
   * sequence never gives a value back), so each id column's values are replaced by the order in
   * which each id first appears in it. A row naming one of these columns is a table's header and
   * says which columns those are until the next header or sheet.
   */
  private static List<String> renumberIds(List<List<String>> rows) {
    Map<String, Map<String, Integer>> ordinals = new HashMap<>();
    Map<Integer, String> idColumns = Map.of();
    List<String> renumbered = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>(row);
      if (cells.size() == 1 && cells.get(0).startsWith("sheet ")) {
        idColumns = Map.of();
      } else if (cells.stream().anyMatch(ID_COLUMNS::contains)) {
        Map<Integer, String> header = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
          if (ID_COLUMNS.contains(cells.get(i))) {
            header.put(i, cells.get(i));
          }
        }
        idColumns = header;
      } else {
        for (Map.Entry<Integer, String> column : idColumns.entrySet()) {
          int i = column.getKey();
          if (i < cells.size() && cells.get(i).matches("\\d+")) {
            Map<String, Integer> seen =
                ordinals.computeIfAbsent(column.getValue(), k -> new HashMap<>());
            int ordinal = seen.computeIfAbsent(cells.get(i), k -> seen.size() + 1);
            cells.set(i, column.getValue().toLowerCase(java.util.Locale.ROOT) + ordinal);
          }
        }
      }
      renumbered.add(CanonicalDump.normalize(String.join(",", cells)));
    }
    return renumbered;
  }
}
