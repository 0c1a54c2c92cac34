package dev.recon.corrections;

import dev.recon.money.Money;
import dev.recon.reporting.CellText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The journal import file: one row per journal line, the columns in {@link #COLUMNS} (documented in
 * README, "Exceptions and corrections"). Amounts are decimals in the currency's scale with a point
 * (CSV) or numbers (XLSX); text from imported files is made safe for spreadsheets.
 */
public final class JournalExport {
  public static final List<String> COLUMNS =
      List.of(
          "journal_id",
          "journal_date",
          "line",
          "account",
          "debit",
          "credit",
          "currency",
          "kind",
          "description",
          "memo",
          "reference",
          "approved_by",
          "approved_at");

  /** The file format of an export. */
  public enum Format {
    CSV("csv", "text/csv; charset=utf-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    Format(String extension, String contentType) {
      this.extension = extension;
      this.contentType = contentType;
    }

    public String extension() {
      return extension;
    }

    public String contentType() {
      return contentType;
    }

    public static Format parse(String text) {
      for (Format format : values()) {
        if (format.extension.equalsIgnoreCase(text.strip())) {
          return format;
        }
      }
      throw new IllegalArgumentException(
          "unknown export format \"" + text + "\" (expected csv or xlsx)");
    }
  }

  private JournalExport() {}

  /** The cells of every line of these entries, as text (amounts as decimals) or numbers. */
  static List<List<Object>> rows(List<CorrectionEntry> entries) {
    List<List<Object>> rows = new ArrayList<>();
    for (CorrectionEntry entry : entries) {
      int no = 1;
      for (JournalLine line : entry.lines()) {
        List<Object> row = new ArrayList<>();
        row.add("RECON-C" + entry.id());
        row.add(entry.bookingDate() == null ? "" : entry.bookingDate().toString());
        row.add(no++);
        row.add(line.account());
        row.add(Money.ofMinor(line.debitMinor(), entry.currency()).toDecimal());
        row.add(Money.ofMinor(line.creditMinor(), entry.currency()).toDecimal());
        row.add(entry.currency());
        row.add(entry.kind().name());
        row.add(entry.description());
        row.add(line.memo() == null ? "" : line.memo());
        row.add(entry.idempotencyKey());
        row.add(entry.decidedBy());
        row.add(entry.decidedAt() == null ? "" : entry.decidedAt().toInstant().toString());
        rows.add(row);
      }
    }
    return rows;
  }

  static byte[] csv(List<CorrectionEntry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      csv.printRecord(COLUMNS);
      for (List<Object> row : rows(entries)) {
        List<String> cells = new ArrayList<>();
        for (Object cell : row) {
          cells.add(
              cell instanceof java.math.BigDecimal d
                  ? d.toPlainString()
                  : cell instanceof String s ? CellText.safe(s) : String.valueOf(cell));
        }
        csv.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] xlsx(List<CorrectionEntry> entries) {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Journal");
      CellStyle amount = workbook.createCellStyle();
      amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00#"));
      Row header = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.size(); c++) {
        header.createCell(c).setCellValue(COLUMNS.get(c));
      }
      int r = 1;
      for (List<Object> values : rows(entries)) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < values.size(); c++) {
          Cell cell = row.createCell(c);
          Object value = values.get(c);
          if (value instanceof java.math.BigDecimal d) {
            // Exact: amounts are below 10^15 minor units, which a double holds exactly.
            cell.setCellValue(d.doubleValue());
            cell.setCellStyle(amount);
          } else if (value instanceof Integer i) {
            cell.setCellValue(i);
          } else {
            cell.setCellValue(CellText.safe(String.valueOf(value)));
          }
        }
      }
      workbook.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
