package dev.recon.importing.gateway;

import dev.recon.importing.BadInput;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import dev.recon.importing.TextDecoding;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The comma-separated rows of a gateway report, each with the line it starts on, read strictly:
 * UTF-8 only, no line longer than {@link #LINE_LENGTH_MAX}, quoting that closes. Columns are found
 * by name, compared without case, spaces or punctuation ({@code Gross Debit (GC)} is {@code
 * grossdebitgc}, {@code created_utc} and {@code Created (UTC)} are both {@code createdutc}), so
 * dashboard and API exports of the same report read alike.
 */
final class ReportRows {
  /** Far above any real report row (a few hundred characters); a longer line is damage. */
  static final int LINE_LENGTH_MAX = 65_536;

  /** A cell longer than this is not a value any report writes. */
  static final int CELL_LENGTH_MAX = 4_000;

  private ReportRows() {}

  record Row(int line, List<String> cells) {
    String cell(int index) {
      return index >= 0 && index < cells.size() ? cells.get(index).strip() : "";
    }
  }

  /** Column positions by normalized name. */
  static final class Header {
    private final Map<String, Integer> positions = new HashMap<>();
    final int line;

    Header(Row row) {
      this.line = row.line();
      for (int i = 0; i < row.cells().size(); i++) {
        positions.putIfAbsent(key(row.cells().get(i)), i);
      }
    }

    boolean has(String name) {
      return positions.containsKey(key(name));
    }

    int at(String name) {
      return positions.getOrDefault(key(name), -1);
    }

    /** The value of a column in a row, "" when the column or cell is missing. */
    String get(Row row, String name) {
      return row.cell(at(name));
    }

    /** Refuses a report whose header lacks a column the reader needs. */
    void require(String fileName, String formatName, String... names) {
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        if (!has(name)) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        throw new BadInput(
            new Problem(
                fileName,
                line,
                null,
                "the "
                    + formatName
                    + " header lacks the column(s) "
                    + String.join(", ", missing)
                    + "; export the report with its default columns"));
      }
    }
  }

  static String key(String name) {
    StringBuilder key = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        key.append(c);
      }
    }
    return key.toString();
  }

  static List<Row> read(InputFile file, String formatName) {
    String text = TextDecoding.decodeText(file, formatName);
    checkLineLengths(file.name(), text, formatName);
    if (text.isBlank()) {
      throw new BadInput(Problem.ofFile(file.name(), "has no content, only blank space"));
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        List<String> cells = record.toList();
        // commons-csv counts the line breaks consumed, which puts a record with a quoted line
        // break on its last line; the user looks for the line it starts on.
        int line = (int) parser.getCurrentLineNumber() - lineBreaksInside(cells);
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue;
        }
        for (String cell : cells) {
          if (cell.length() > CELL_LENGTH_MAX) {
            throw new BadInput(
                new Problem(
                    file.name(),
                    line,
                    null,
                    "a cell is "
                        + cell.length()
                        + " characters long, more than the "
                        + CELL_LENGTH_MAX
                        + " a "
                        + formatName
                        + " value may have; the file is damaged"));
          }
        }
        rows.add(new Row(line, cells));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new BadInput(
          Problem.ofFile(
              file.name(),
              "is not well-formed CSV ("
                  + e.getMessage()
                  + "); a quote is not closed or the file is cut off"));
    }
    if (rows.isEmpty()) {
      throw new BadInput(Problem.ofFile(file.name(), "has no rows, only blank lines"));
    }
    return rows;
  }

  private static int lineBreaksInside(List<String> cells) {
    int breaks = 0;
    for (String cell : cells) {
      breaks += (int) cell.chars().filter(c -> c == '\n').count();
    }
    return breaks;
  }

  private static void checkLineLengths(String fileName, String text, String formatName) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > LINE_LENGTH_MAX) {
          throw new BadInput(
              new Problem(
                  fileName,
                  line,
                  null,
                  "the line is "
                      + (i - start)
                      + " characters long, more than the "
                      + LINE_LENGTH_MAX
                      + " a "
                      + formatName
                      + " row may have; the file is damaged or not a "
                      + formatName));
        }
        line++;
        start = i + 1;
      }
    }
  }
}
