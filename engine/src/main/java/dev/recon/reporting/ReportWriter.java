package dev.recon.reporting;

import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the match report as one XLSX workbook or as one CSV file per sheet.
 *
 * <p>The workbook's summary sheet and its aging chart are small and built in an ordinary in-memory
 * workbook (POI's streaming sheets cannot hold charts); that workbook is then the template of a
 * streaming one (SXSSF) that writes the long sheets (matched groups, open exceptions, corrections)
 * row by row as the database cursor yields them, keeping {@link #ROWS_IN_MEMORY} rows in memory and
 * the rest in a compressed temporary file. A sheet that would pass the format's row limit goes on
 * in a second sheet of the same name with " (2)".
 *
 * <p>CSV: {@code x.csv} writes {@code x-summary.csv}, {@code x-groups.csv}, {@code
 * x-exceptions.csv} and {@code x-corrections.csv} beside each other.
 */
public final class ReportWriter {
  private static final int ROWS_IN_MEMORY = 200;
  private static final int ROWS_PER_SHEET_MAX = SpreadsheetVersion.EXCEL2007.getMaxRows();

  private ReportWriter() {}

  /** The summary a report was written with, and every file written. */
  public record Written(ReportSummary summary, List<Path> files) {}

  /** Writes the report to a path ending in .xlsx or .csv, reading in one transaction. */
  public static Written write(Database database, ReportScope scope, Path out) {
    return database.inTransaction(tx -> write(tx, scope, out));
  }

  /** Writes the report inside a transaction the caller holds (a close run's own). */
  public static Written write(Transaction tx, ReportScope scope, Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean xlsx = name.endsWith(".xlsx");
    if (!xlsx && !name.endsWith(".csv")) {
      throw new IllegalArgumentException(
          "a report file ends in .xlsx (one workbook) or .csv (one file per sheet), not " + out);
    }
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      ReportSummary summary = ReportSummary.build(tx, scope);
      SummarySheet sheet = SummarySheet.of(summary);
      List<Path> files = xlsx ? writeXlsx(tx, scope, sheet, out) : writeCsv(tx, scope, sheet, out);
      return new Written(summary, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report " + out + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> writeXlsx(
      Transaction tx, ReportScope scope, SummarySheet summary, Path out) throws IOException {
    XSSFWorkbook template = new XSSFWorkbook();
    XlsxStyles styles = new XlsxStyles(template);
    XSSFSheet first = template.createSheet(SummarySheet.NAME);
    for (int r = 0; r < summary.rows().size(); r++) {
      writeRow(first.createRow(r), summary.rows().get(r), styles);
    }
    first.setColumnWidth(0, 70 * 256);
    for (int c = 1; c < 8; c++) {
      first.setColumnWidth(c, 16 * 256);
    }
    AgingChart.draw(first, summary.agingHeaderRow());
    // Printed (or converted to PDF) one page wide, so each label stays beside its amount.
    first.setFitToPage(true);
    first.getPrintSetup().setLandscape(true);
    first.getPrintSetup().setFitWidth((short) 1);
    first.getPrintSetup().setFitHeight((short) 0);
    SXSSFWorkbook workbook = new SXSSFWorkbook(template, ROWS_IN_MEMORY);
    workbook.setCompressTempFiles(true);
    try (OutputStream stream = Files.newOutputStream(out)) {
      for (StreamedSheet sheet : StreamedSheet.values()) {
        streamSheet(workbook, sheet, tx, scope, styles);
      }
      workbook.write(stream);
    } finally {
      workbook.dispose();
      workbook.close();
    }
    return List.of(out);
  }

  private static void streamSheet(
      SXSSFWorkbook workbook,
      StreamedSheet definition,
      Transaction tx,
      ReportScope scope,
      XlsxStyles styles) {
    List<String> header = definition.header();
    Sheet[] sheet = {newSheet(workbook, definition.sheetName(), header, styles)};
    int[] next = {1};
    int[] part = {1};
    definition.rows(
        tx,
        scope,
        cells -> {
          if (next[0] == ROWS_PER_SHEET_MAX) {
            part[0]++;
            sheet[0] =
                newSheet(workbook, definition.sheetName() + " (" + part[0] + ")", header, styles);
            next[0] = 1;
          }
          writeRow(sheet[0].createRow(next[0]++), cells, styles);
        });
  }

  private static Sheet newSheet(
      SXSSFWorkbook workbook, String name, List<String> header, XlsxStyles styles) {
    Sheet sheet = workbook.createSheet(name);
    Row row = sheet.createRow(0);
    for (int c = 0; c < header.size(); c++) {
      Cell cell = row.createCell(c);
      cell.setCellValue(header.get(c));
      cell.setCellStyle(styles.header);
      sheet.setColumnWidth(c, 16 * 256);
    }
    sheet.createFreezePane(0, 1);
    sheet.getPrintSetup().setLandscape(true);
    return sheet;
  }

  private static void writeRow(Row row, List<Object> cells, XlsxStyles styles) {
    for (int c = 0; c < cells.size(); c++) {
      setCell(row.createCell(c), cells.get(c), styles);
    }
  }

  /**
   * XLSX stores numbers as IEEE doubles; the exact decimal is converted only here, at the file
   * boundary, and any amount below 10^15 minor units survives the trip unchanged.
   */
  private static void setCell(Cell cell, Object value, XlsxStyles styles) {
    if (value instanceof Money money) {
      cell.setCellValue(money.toDecimal().doubleValue());
      cell.setCellStyle(styles.decimal(money.toDecimal().scale()));
    } else if (value instanceof BigDecimal decimal) {
      cell.setCellValue(decimal.doubleValue());
      cell.setCellStyle(styles.decimal(decimal.scale()));
    } else if (value instanceof Number number) {
      cell.setCellValue(number.longValue());
    } else if (value instanceof LocalDate date) {
      cell.setCellValue(date);
      cell.setCellStyle(styles.date);
    } else if (value instanceof Heading heading) {
      cell.setCellValue(CellText.safe(heading.text()));
      cell.setCellStyle(styles.header);
    } else {
      cell.setCellValue(CellText.safe(String.valueOf(value)));
    }
  }

  private static List<Path> writeCsv(
      Transaction tx, ReportScope scope, SummarySheet summary, Path out) throws IOException {
    String base = out.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
    List<Path> written = new ArrayList<>();
    Path summaryPath = out.resolveSibling(base + "-summary.csv");
    try (CsvSink sink = new CsvSink(summaryPath)) {
      summary.rows().forEach(sink::row);
    }
    written.add(summaryPath);
    for (StreamedSheet sheet : StreamedSheet.values()) {
      Path path = out.resolveSibling(base + "-" + sheet.fileSuffix() + ".csv");
      try (CsvSink sink = new CsvSink(path)) {
        sink.row(new ArrayList<>(sheet.header()));
        sheet.rows(tx, scope, sink::row);
      }
      written.add(path);
    }
    return written;
  }

  /** One CSV file being written: typed cells become text, file text made formula-safe. */
  private static final class CsvSink implements AutoCloseable {
    private final Writer writer;
    private final CSVPrinter printer;

    CsvSink(Path path) throws IOException {
      writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
    }

    void row(List<?> cells) {
      try {
        for (Object cell : cells) {
          printer.print(csvText(cell));
        }
        printer.println();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      printer.close();
      writer.close();
    }
  }

  private static String csvText(Object value) {
    if (value instanceof Money money) {
      return money.toDecimal().toPlainString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number || value instanceof LocalDate) {
      return value.toString();
    }
    if (value instanceof Heading heading) {
      return CellText.safe(heading.text());
    }
    return CellText.safe(String.valueOf(value));
  }

  /** Cell styles, created once per workbook (XLSX limits how many a file may hold). */
  private static final class XlsxStyles {
    final CellStyle header;
    final CellStyle date;
    private final Map<Integer, CellStyle> decimalByScale = new HashMap<>();
    private final Workbook workbook;

    XlsxStyles(Workbook workbook) {
      this.workbook = workbook;
      header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
    }

    CellStyle decimal(int scale) {
      return decimalByScale.computeIfAbsent(
          scale,
          s -> {
            CellStyle style = workbook.createCellStyle();
            String pattern = s <= 0 ? "#,##0" : "#,##0." + "0".repeat(s);
            style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
            return style;
          });
    }
  }
}
