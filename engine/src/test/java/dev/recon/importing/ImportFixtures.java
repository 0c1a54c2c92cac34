package dev.recon.importing;

import static dev.recon.db.jooq.Tables.AUDIT_LOG;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;

import dev.recon.persistence.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.impl.DSL;

/**
 * Bank statements written as the built-in {@code bank} profile reads them (semicolons, dd.MM.yyyy,
 * decimal comma), the sample folder, and read-only views of what an import recorded.
 */
public final class ImportFixtures {
  public static final String BANK_HEADER =
      "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information";

  private static final DateTimeFormatter DOTTED_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private ImportFixtures() {}

  /** The repository's sample folder; Maven runs engine tests in {@code engine/}. */
  public static Path samples() {
    return Path.of("..", "samples");
  }

  public static Path sample(String relative) {
    return samples().resolve(relative);
  }

  /** A credit (money in) line of a bank statement. */
  public static String credit(String date, String amount, String counterparty, String text) {
    return String.join(";", date, date, "", amount, "EUR", counterparty, text);
  }

  /** A debit (money out) line of a bank statement. */
  public static String debit(String date, String amount, String counterparty, String text) {
    return String.join(";", date, date, amount, "", "EUR", counterparty, text);
  }

  /** Writes a bank statement: the header on line 1, then one line per row, LF line endings. */
  public static Path bankStatement(Path dir, String name, String... rows) {
    return bankStatement(dir, name, List.of(rows));
  }

  public static Path bankStatement(Path dir, String name, List<String> rows) {
    StringBuilder text = new StringBuilder(BANK_HEADER).append('\n');
    for (String row : rows) {
      text.append(row).append('\n');
    }
    return write(dir.resolve(name), text.toString());
  }

  /**
   * Writes bank-statement rows (as {@link #credit} and {@link #debit} make them) as an XLSX
   * workbook the way a spreadsheet holds them: dates as date cells, amounts as number cells.
   */
  public static Path bankStatementXlsx(Path dir, String name, List<String> rows) {
    Path file = dir.resolve(name);
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd.mm.yyyy"));
      Sheet sheet = workbook.createSheet("Statement");
      Row header = sheet.createRow(0);
      String[] names = BANK_HEADER.split(";");
      for (int c = 0; c < names.length; c++) {
        header.createCell(c).setCellValue(names[c]);
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        String[] cells = rows.get(r).split(";", -1);
        for (int c = 0; c < cells.length; c++) {
          if (cells[c].isEmpty()) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (c <= 1) {
            cell.setCellValue(LocalDate.parse(cells[c], DOTTED_DATE));
            cell.setCellStyle(dateStyle);
          } else if (c <= 3) {
            cell.setCellValue(Double.parseDouble(cells[c].replace(".", "").replace(',', '.')));
          } else {
            cell.setCellValue(cells[c]);
          }
        }
      }
      workbook.write(out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path copy(Path from, Path to) {
    try {
      return Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int itemCount(Database database) {
    return database.inTransaction(tx -> tx.items().count());
  }

  public static int importAuditCount(Database database) {
    return database.inTransaction(tx -> tx.audit().count("IMPORT_FILE"));
  }

  /** One row of the audit log. */
  public record AuditRow(
      OffsetDateTime at, String actor, String action, String entityType, Long entityId) {}

  /** One row of the imported-file table. */
  public record FileRow(
      long id,
      String fileName,
      String importedBy,
      OffsetDateTime importedAt,
      int rowCount,
      int addedCount,
      int duplicateCount) {}

  public static List<AuditRow> auditRows(Database database) {
    try (Connection connection = connect(database)) {
      return DSL.using(connection, database.dialect())
          .selectFrom(AUDIT_LOG)
          .orderBy(AUDIT_LOG.ID)
          .fetch(
              r ->
                  new AuditRow(
                      r.getAt(), r.getActor(), r.getAction(), r.getEntityType(), r.getEntityId()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<FileRow> fileRows(Database database) {
    try (Connection connection = connect(database)) {
      return DSL.using(connection, database.dialect())
          .selectFrom(IMPORTED_FILE)
          .orderBy(IMPORTED_FILE.ID)
          .fetch(
              r ->
                  new FileRow(
                      r.getId(),
                      r.getFileName(),
                      r.getImportedBy(),
                      r.getImportedAt(),
                      r.getRowCount(),
                      r.getAddedCount(),
                      r.getDuplicateCount()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one SQL statement on its own connection, e.g. to make the database refuse a row. */
  public static void execute(Database database, String sql) {
    try (Connection connection = connect(database);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect(Database database) throws SQLException {
    return database.dataSource().getConnection();
  }
}
