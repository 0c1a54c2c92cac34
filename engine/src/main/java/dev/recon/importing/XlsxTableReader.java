package dev.recon.importing;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
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
 * as a whole object model. Date cells become ISO dates; numeric cells become the shortest decimal
 * that round-trips the stored IEEE double, which is exactly the decimal the spreadsheet displays
 * for any amount of up to 15 significant digits.
 */
final class XlsxTableReader {
  private static final int ROW_CACHE_ROWS = 200;
  private static final int BUFFER_BYTES = 8192;

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
            cells(row, header == null ? row.getLastCellNum() : header.size(), profile);
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

  private static List<String> cells(Row row, int width, Profile profile) {
    List<String> cells = new ArrayList<>(Math.max(width, 0));
    for (int i = 0; i < width; i++) {
      cells.add(text(row.getCell(i), profile));
    }
    return cells;
  }

  private static String text(Cell cell, Profile profile) {
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
              : number(cell.getNumericCellValue(), profile);
      case STRING -> cell.getStringCellValue().strip();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      default -> "";
    };
  }

  /**
   * A number cell written with the decimal separator the profile reads, so a decimal-comma profile
   * neither refuses 1250.0 nor takes 1.234 for one thousand two hundred and thirty-four.
   */
  private static String number(double value, Profile profile) {
    String plain = BigDecimal.valueOf(value).toPlainString();
    return profile.decimalComma() ? plain.replace('.', ',') : plain;
  }
}
