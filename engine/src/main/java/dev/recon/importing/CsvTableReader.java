package dev.recon.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited text with commons-csv. The bytes are decoded strictly in the profile's encoding:
 * a Latin-1 file read as UTF-8 is refused with the line of the first bad byte, never read as
 * garbage.
 */
final class CsvTableReader {
  private static final int BINARY_PROBE_BYTES = 8192;

  /** Rows a batch's list is sized for up front: a caller may ask for far more than arrive. */
  private static final int PRESIZED_ROWS_MAX = 65_536;

  private CsvTableReader() {}

  /**
   * Decodes the file and reads its header; the rows are read as they are asked for.
   *
   * @throws BadInput if the file cannot be decoded or has no header row
   */
  static RowSource open(InputFile file, Profile profile) {
    // The bytes are checked without a copy of the text, then decoded once: no second or third copy
    // of a million-line file is held while its rows are read.
    if (!requireDecodable(file, profile.encoding())) {
      throw new BadInput(Problem.ofFile(file.name(), "has no content, only blank space"));
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(profile.delimiter())
            .setIgnoreEmptyLines(true)
            .get();
    try {
      Reader text = textOf(file, profile.encoding(), profile.skipRows());
      CSVParser parser = CSVParser.parse(text, format);
      Rows rows = new Rows(file, profile, parser);
      if (rows.header == null) {
        throw new BadInput(Problem.ofFile(file.name(), "has no header row"));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV table's rows, read from commons-csv's parser as they are asked for. */
  private static final class Rows implements RowSource {
    private final InputFile file;
    private final Profile profile;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final List<Problem> shapeProblems = new ArrayList<>();
    private CSVRecord current;

    Rows(InputFile file, Profile profile, CSVParser parser) {
      this.file = file;
      this.profile = profile;
      this.parser = parser;
      this.records = parser.iterator();
      this.header = nextRecord() ? trimmed(current) : null;
    }

    private boolean nextRecord() {
      try {
        if (!records.hasNext()) {
          return false;
        }
        current = records.next();
        return true;
      } catch (UncheckedIOException e) {
        // commons-csv reports malformed quoting this way; the message carries its own position.
        throw new BadInput(
            Problem.ofFile(file.name(), "is not valid CSV: " + e.getCause().getMessage()));
      }
    }

    @Override
    public List<String> header() {
      return header;
    }

    @Override
    public List<RawRow> next(int max) {
      List<RawRow> rows = new ArrayList<>(Math.min(max, PRESIZED_ROWS_MAX));
      while (rows.size() < max && nextRecord()) {
        CSVRecord record = current;
        // commons-csv counts line breaks consumed, which puts a record with a quoted line break
        // on its last line; the user looks for the line it starts on.
        int line =
            profile.skipRows() + (int) parser.getCurrentLineNumber() - lineBreaksInside(record);
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue;
        }
        if (record.size() != header.size()) {
          if (shapeProblems.size() < RowNormalizer.PROBLEMS_MAX) {
            shapeProblems.add(wrongShape(file, profile, line, record.size(), header.size()));
          }
          continue;
        }
        rows.add(new RawRow(line, trimmed(record)));
      }
      return rows;
    }

    @Override
    public List<Problem> shapeProblems() {
      return List.copyOf(shapeProblems);
    }
  }

  private static Problem wrongShape(
      InputFile file, Profile profile, int line, int fields, int headerFields) {
    return new Problem(
        file.name(),
        line,
        null,
        "has "
            + fields
            + " fields but the header has "
            + headerFields
            + " (check the delimiter '"
            + profile.delimiter()
            + "' and quoting)");
  }

  private static int lineBreaksInside(CSVRecord record) {
    int breaks = 0;
    for (String value : record) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        boolean crlf = c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n';
        if (c == '\n' || (c == '\r' && !crlf)) {
          breaks++;
        }
      }
    }
    return breaks;
  }

  private static List<String> trimmed(CSVRecord record) {
    List<String> cells = new ArrayList<>(record.size());
    for (String value : record) {
      cells.add(value.strip());
    }
    return cells;
  }

  /**
   * The file's text after its byte order mark and the profile's first {@code skipRows} lines. The
   * bytes were checked already, so decoding them in one go replaces nothing; the text is one
   * string, with no copy of it for the lines skipped.
   */
  private static Reader textOf(InputFile file, Charset charset, int skipRows) throws IOException {
    String text = new String(file.bytes(), charset);
    int position = text.startsWith("\uFEFF") ? 1 : 0;
    for (int i = 0; i < skipRows && position < text.length(); i++) {
      int newline = text.indexOf('\n', position);
      position = newline < 0 ? text.length() : newline + 1;
    }
    Reader reader = new StringReader(text);
    reader.skip(position);
    return reader;
  }

  /**
   * Decodes the bytes strictly, without keeping the text, and says whether there is any text
   * besides blank space.
   *
   * @throws BadInput naming the line of the first byte that is not valid in the encoding
   */
  private static boolean requireDecodable(InputFile file, Charset charset) {
    byte[] bytes = file.bytes();
    if (!charset.name().startsWith("UTF-16") && hasNulByte(bytes)) {
      throw new BadInput(
          Problem.ofFile(file.name(), "is a binary file, not a CSV text or XLSX workbook"));
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(65_536);
    boolean content = false;
    try {
      for (boolean last = false; ; ) {
        CoderResult result = last ? decoder.flush(out) : decoder.decode(in, out, true);
        if (result.isError()) {
          result.throwException();
        }
        out.flip();
        content = content || hasContent(out);
        out.clear();
        if (result.isUnderflow()) {
          if (last) {
            return content;
          }
          last = true;
        }
      }
    } catch (MalformedInputException e) {
      int offset = firstUndecodableOffset(bytes, charset);
      throw new BadInput(
          new Problem(
              file.name(),
              lineOf(bytes, offset),
              null,
              "byte "
                  + offset
                  + " is not valid "
                  + charset.name()
                  + "; set encoding in the profile (e.g. encoding=ISO-8859-1 or windows-1252)"));
    } catch (CharacterCodingException e) {
      throw new BadInput(
          Problem.ofFile(file.name(), "cannot be decoded as " + charset.name() + ": " + e));
    }
  }

  /** Whether the text holds anything but blank space (a byte order mark is not content). */
  private static boolean hasContent(CharBuffer text) {
    for (int i = text.position(); i < text.limit(); i++) {
      char c = text.get(i);
      if (c != '\uFEFF' && !Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNulByte(byte[] bytes) {
    int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int firstUndecodableOffset(byte[] bytes, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
