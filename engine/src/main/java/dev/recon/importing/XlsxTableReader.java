package dev.recon.importing;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Reads the first sheet of an XLSX workbook with a streaming reader, so a large sheet is never held
 * as a whole object model. Date cells become ISO dates; numeric cells become the decimal the
 * spreadsheet displays: the stored IEEE double to 15 significant digits, which is exact for any
 * amount typed in and turns a formula's 0.30000000000000004 back into the 0.3 the user sees.
 * Numeric cells are written with the profile's decimal separator, since the normalizer reads every
 * cell by the profile.
 */
final class XlsxTableReader {
  private static final int ROW_CACHE_ROWS = 200;
  private static final int BUFFER_BYTES = 8192;
  private static final MathContext DISPLAYED_DIGITS = new MathContext(15);

  private XlsxTableReader() {}

  static Table read(InputFile file, Profile profile) {
    try (Workbook workbook =
        StreamingReader.builder()
            .rowCacheSize(ROW_CACHE_ROWS)
            .bufferSize(BUFFER_BYTES)
            .open(new ByteArrayInputStream(file.bytes()))) {
      if (workbook.getNumberOfSheets() == 0) {
        throw new BadInput(Problem.ofFile(file.name(), "is a workbook without sheets"));
      }
      Sheet sheet = workbook.getSheetAt(0);
      List<String> header = null;
      List<RawRow> rows = new ArrayList<>();
      Iterator<Row> iterator = sheet.rowIterator();
      while (iterator.hasNext()) {
        Row row = iterator.next();
        int line = row.getRowNum() + 1;
        if (line <= profile.skipRows()) {
          continue;
        }
        List<String> cells =
            cells(
                row, header == null ? row.getLastCellNum() : header.size(), profile.decimalComma());
        if (cells.stream().allMatch(String::isEmpty)) {
          continue;
        }
        if (header == null) {
          header = cells;
        } else {
          rows.add(new RawRow(line, cells));
        }
      }
      if (header == null) {
        throw new BadInput(Problem.ofFile(file.name(), "has no header row in its first sheet"));
      }
      return new Table(FileFormat.XLSX, header, rows);
    } catch (BadInput e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadInput(
          Problem.ofFile(file.name(), "is not a readable XLSX workbook: " + e.getMessage()));
    }
  }

  private static List<String> cells(Row row, int width, boolean decimalComma) {
    List<String> cells = new ArrayList<>(Math.max(width, 0));
    for (int i = 0; i < width; i++) {
      cells.add(text(row.getCell(i), decimalComma));
    }
    return cells;
  }

  private static String text(Cell cell, boolean decimalComma) {
    if (cell == null) {
      return "";
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    return switch (type) {
      case NUMERIC ->
          DateUtil.isCellDateFormatted(cell)
              ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
              : number(cell.getNumericCellValue(), decimalComma);
      case STRING -> cell.getStringCellValue().strip();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      default -> "";
    };
  }

  /**
   * Spreadsheets keep 15 significant digits. Every amount Recon accepts is below 10^15 minor units
   * ({@code Fact.AMOUNT_MINOR_LIMIT}), so it has at most 15 significant digits and this rounding is
   * exact for it; a larger value is refused by the limit, never stored rounded.
   */
  private static String number(double value, boolean decimalComma) {
    String plain =
        BigDecimal.valueOf(value).round(DISPLAYED_DIGITS).stripTrailingZeros().toPlainString();
    return decimalComma ? plain.replace('.', ',') : plain;
  }
}
