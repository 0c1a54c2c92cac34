package dev.recon.reporting;

import dev.recon.money.Money;
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
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a match report as an XLSX workbook (one sheet per table, streamed with POI's SXSSF so
 * memory stays bounded) or as CSV files ({@code report.csv} holds the summary, {@code
 * report-matched.csv} and {@code report-unmatched.csv} the other tables).
 */
public final class ReportWriter {
  private static final int ROWS_IN_MEMORY = 200;

  private ReportWriter() {}

  /** Writes the report to a path ending in .xlsx or .csv; returns every file written. */
  public static List<Path> write(MatchReport report, Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (name.endsWith(".xlsx")) {
        writeXlsx(ReportTable.of(report), out);
        return List.of(out);
      }
      if (name.endsWith(".csv")) {
        return writeCsv(ReportTable.of(report), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report " + out + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("report file must end in .xlsx or .csv: " + out);
  }

  private static void writeXlsx(List<ReportTable> tables, Path out) throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    try (OutputStream stream = Files.newOutputStream(out)) {
      XlsxStyles styles = new XlsxStyles(workbook);
      for (ReportTable table : tables) {
        SXSSFSheet sheet = workbook.createSheet(table.name());
        Row header = sheet.createRow(0);
        for (int c = 0; c < table.header().size(); c++) {
          Cell cell = header.createCell(c);
          cell.setCellValue(table.header().get(c));
          cell.setCellStyle(styles.header);
        }
        sheet.createFreezePane(0, 1);
        for (int r = 0; r < table.rows().size(); r++) {
          Row row = sheet.createRow(r + 1);
          List<Object> values = table.rows().get(r);
          for (int c = 0; c < values.size(); c++) {
            setCell(row.createCell(c), values.get(c), styles);
          }
        }
        for (int c = 0; c < table.header().size(); c++) {
          sheet.setColumnWidth(c, 16 * 256);
        }
      }
      workbook.write(stream);
    } finally {
      workbook.close();
    }
  }

  /**
   * XLSX stores numbers as IEEE doubles; the exact decimal is converted only here, at the file
   * boundary, and any amount below 10^15 minor units survives the trip unchanged.
   */
  private static void setCell(Cell cell, Object value, XlsxStyles styles) {
    if (value instanceof Money money) {
      cell.setCellValue(money.toDecimal().doubleValue());
      cell.setCellStyle(styles.amount(money.toDecimal().scale()));
    } else if (value instanceof BigDecimal decimal) {
      cell.setCellValue(decimal.doubleValue());
    } else if (value instanceof Number number) {
      cell.setCellValue(number.longValue());
    } else if (value instanceof LocalDate date) {
      cell.setCellValue(date);
      cell.setCellStyle(styles.date);
    } else {
      cell.setCellValue(CellText.safe(String.valueOf(value)));
    }
  }

  private static List<Path> writeCsv(List<ReportTable> tables, Path out) throws IOException {
    String base = out.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      ReportTable table = tables.get(i);
      Path path =
          i == 0
              ? out
              : out.resolveSibling(base + "-" + table.name().toLowerCase(Locale.ROOT) + ".csv");
      try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
        printer.printRecord(table.header());
        for (List<Object> row : table.rows()) {
          List<String> cells = new ArrayList<>(row.size());
          for (Object value : row) {
            cells.add(csvText(value));
          }
          printer.printRecord(cells);
        }
      }
      written.add(path);
    }
    return written;
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
    return CellText.safe(String.valueOf(value));
  }

  /** Cell styles, created once per workbook (XLSX limits how many a file may hold). */
  private static final class XlsxStyles {
    final CellStyle header;
    final CellStyle date;
    private final Map<Integer, CellStyle> amountByScale = new HashMap<>();
    private final SXSSFWorkbook workbook;

    XlsxStyles(SXSSFWorkbook workbook) {
      this.workbook = workbook;
      header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
    }

    CellStyle amount(int scale) {
      return amountByScale.computeIfAbsent(
          scale,
          s -> {
            CellStyle style = workbook.createCellStyle();
            String pattern = s == 0 ? "#,##0" : "#,##0." + "0".repeat(s);
            style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
            return style;
          });
    }
  }
}
