package dev.recon.importing;

import static dev.recon.importing.TestFiles.refusal;
import static dev.recon.importing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import dev.recon.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxParsingTest {
  @TempDir Path dir;

  /** A workbook whose first sheet the given code fills, written as an .xlsx file. */
  private Path workbook(String name, Consumer<XSSFWorkbook> fill) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fill.accept(workbook);
      workbook.write(out);
      return write(dir, name, out.toByteArray());
    }
  }

  private static CellStyle dateStyle(XSSFWorkbook workbook) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
    return style;
  }

  private static Row row(Sheet sheet, int index, Object... cells) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < cells.length; i++) {
      Object value = cells[i];
      if (value instanceof Number number) {
        row.createCell(i).setCellValue(number.doubleValue());
      } else if (value instanceof LocalDate date) {
        row.createCell(i).setCellValue(date);
      } else if (value != null) {
        row.createCell(i).setCellValue(value.toString());
      }
    }
    return row;
  }

  private static void ledgerSheet(XSSFWorkbook workbook) {
    Sheet sheet = workbook.createSheet("GL 1200");
    CellStyle dates = dateStyle(workbook);
    row(
        sheet,
        0,
        "Posting Date",
        "Description",
        "Debit",
        "Credit",
        "Currency",
        "External Reference");
    row(sheet, 1, LocalDate.of(2026, 11, 2), "Receipt", 1250.0, null, "EUR", "INV-2026-1001")
        .getCell(0)
        .setCellStyle(dates);
    row(sheet, 2, LocalDate.of(2026, 11, 3), "Receipt", 980.4, null, "EUR", "INV-2026-1002")
        .getCell(0)
        .setCellStyle(dates);
    row(sheet, 3, LocalDate.of(2026, 11, 4), "Supplier", null, 1845.2, "EUR", "PO-77812")
        .getCell(0)
        .setCellStyle(dates);
  }

  @Test
  void numericAndDateCellsAreReadExactly() throws IOException {
    Path file = workbook("gl.xlsx", XlsxParsingTest::ledgerSheet);

    ParsedFile parsed = FileParser.parse(file, Profiles.load("ledger"), "ACC");

    assertThat(parsed.format()).isEqualTo(FileFormat.XLSX);
    assertThat(parsed.facts())
        .extracting(Fact::amount)
        .containsExactly(
            Money.ofMinor(125_000, "EUR"),
            Money.ofMinor(98_040, "EUR"),
            Money.ofMinor(-184_520, "EUR"));
    assertThat(parsed.facts())
        .extracting(Fact::bookingDate)
        .containsExactly(
            LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 4));
    assertThat(parsed.facts())
        .extracting(Fact::reference)
        .containsExactly("INV20261001", "INV20261002", "PO77812");
  }

  @Test
  void sheetRowNumbersAreTheLineNumbers() throws IOException {
    Path file = workbook("gl.xlsx", XlsxParsingTest::ledgerSheet);

    ParsedFile parsed = FileParser.parse(file, Profiles.load("ledger"), "ACC");

    assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(2, 3, 4);
    assertThat(parsed.facts().get(0).origin().fileName()).isEqualTo("gl.xlsx");
  }

  @Test
  void numericCellsAreReadInADecimalCommaProfile() throws IOException {
    Path file =
        workbook(
            "bank.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(
                  sheet,
                  0,
                  "Booking Date",
                  "Debit",
                  "Credit",
                  "Currency",
                  "Value Date",
                  "Counterparty",
                  "Remittance Information");
              row(sheet, 1, "02.11.2026", null, 1250.5, "EUR");
              row(sheet, 2, "03.11.2026", 12.5, null, "EUR");
              row(sheet, 3, "04.11.2026", null, 2.125, "BHD");
            });

    ParsedFile parsed = FileParser.parse(file, Profiles.load("bank"), "ACC");

    assertThat(parsed.facts())
        .extracting(Fact::amount)
        .containsExactly(
            Money.ofMinor(125_050, "EUR"),
            Money.ofMinor(-1_250, "EUR"),
            Money.ofMinor(2_125, "BHD"));
  }

  @Test
  void threeDecimalNumericCellInADecimalCommaProfileIsNotReadAsThousands() throws IOException {
    Path file =
        workbook(
            "bank.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(
                  sheet,
                  0,
                  "Booking Date",
                  "Debit",
                  "Credit",
                  "Currency",
                  "Value Date",
                  "Counterparty",
                  "Remittance Information");
              row(sheet, 1, "04.11.2026", null, 2.125, "BHD");
            });

    ParsedFile parsed = FileParser.parse(file, Profiles.load("bank"), "ACC");

    assertThat(parsed.facts().get(0).amount()).isEqualTo(Money.ofMinor(2_125, "BHD"));
  }

  @Test
  void numericReferenceAndAccountCellsKeepTheirDigitsOnly() throws IOException {
    Path profile =
        write(
            dir,
            "xl.properties",
            "source = ledger\n"
                + "column.booking_date = Date\n"
                + "column.amount = Amount\n"
                + "column.reference = Invoice\n"
                + "column.account = Account\n"
                + "default.currency = EUR\n");
    Path file =
        workbook(
            "xl.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(sheet, 0, "Date", "Amount", "Invoice", "Account");
              row(sheet, 1, "2026-11-02", 10.0, 1001, 1200);
            });

    Fact fact = FileParser.parse(file, Profiles.load(profile.toString()), null).facts().get(0);

    assertThat(fact.reference()).isEqualTo("1001");
    assertThat(fact.referenceRaw()).isEqualTo("1001");
    assertThat(fact.account()).isEqualTo("1200");
  }

  @Test
  void textCellsInADecimalCommaProfileAreReadAsWritten() throws IOException {
    Path file =
        workbook(
            "bank.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(
                  sheet,
                  0,
                  "Booking Date",
                  "Debit",
                  "Credit",
                  "Currency",
                  "Value Date",
                  "Counterparty",
                  "Remittance Information");
              row(sheet, 1, "02.11.2026", null, "1.250,50", "EUR");
            });

    ParsedFile parsed = FileParser.parse(file, Profiles.load("bank"), "ACC");

    assertThat(parsed.facts().get(0).amount()).isEqualTo(Money.ofMinor(125_050, "EUR"));
  }

  @Test
  void formulaCellIsReadByItsComputedValue() throws IOException {
    Path file =
        workbook(
            "gl.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(
                  sheet,
                  0,
                  "Posting Date",
                  "Debit",
                  "Credit",
                  "Currency",
                  "Description",
                  "External Reference");
              row(sheet, 1, "2026-11-02", null, null, "EUR")
                  .createCell(1)
                  .setCellFormula("0.1+0.2");
              workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            });

    ParsedFile parsed = FileParser.parse(file, Profiles.load("ledger"), "ACC");

    assertThat(parsed.facts().get(0).amount()).isEqualTo(Money.ofMinor(30, "EUR"));
  }

  @Test
  void blankRowsAndSkippedRowsAreLeftOutButCounted() throws IOException {
    Path profile =
        write(
            dir,
            "xl.properties",
            "source = ledger\n"
                + "skip.rows = 2\n"
                + "column.booking_date = Date\n"
                + "column.amount = Amount\n"
                + "default.currency = EUR\n");
    Path file =
        workbook(
            "xl.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(sheet, 0, "Report of November");
              row(sheet, 1, "Amount", "Date");
              row(sheet, 2, "Date", "Amount");
              row(sheet, 3, "2026-11-02", 10.0);
              row(sheet, 5, "2026-11-03", -20.0);
            });

    ParsedFile parsed = FileParser.parse(file, Profiles.load(profile.toString()), "ACC");

    assertThat(parsed.facts()).extracting(f -> f.origin().line()).containsExactly(4, 6);
    assertThat(parsed.facts())
        .extracting(Fact::amount)
        .containsExactly(Money.ofMinor(1_000, "EUR"), Money.ofMinor(-2_000, "EUR"));
  }

  @Test
  void badTextAmountInASheetNamesTheRowAndColumn() throws IOException {
    Path file =
        workbook(
            "gl.xlsx",
            workbook -> {
              Sheet sheet = workbook.createSheet();
              row(
                  sheet,
                  0,
                  "Posting Date",
                  "Debit",
                  "Credit",
                  "Currency",
                  "Description",
                  "External Reference");
              row(sheet, 1, "2026-11-02", 1.0, null, "EUR");
              row(sheet, 2, "2026-11-03", "n/a", null, "EUR");
            });

    BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("ledger"), "ACC"));

    assertThat(refused.problems())
        .containsExactly(
            new Problem(
                "gl.xlsx",
                3,
                "Debit",
                "\"n/a\" is not an amount (this profile reads a decimal point, as in 1,234.50;"
                    + " set decimal.comma=true for 1.234,50)"));
  }

  @Test
  void zipThatIsNotAWorkbookIsRefused() {
    byte[] bytes = {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'};
    Path file = write(dir, "fake.xlsx", bytes);

    BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("ledger"), "ACC"));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.fileName()).isEqualTo("fake.xlsx");
              assertThat(problem.line()).isZero();
              assertThat(problem.message()).startsWith("is not a readable XLSX workbook");
            });
  }

  @Test
  void emptySheetIsRefused() throws IOException {
    Path file = workbook("empty.xlsx", workbook -> workbook.createSheet("Sheet1"));

    BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("ledger"), "ACC"));

    assertThat(refused.problems())
        .containsExactly(Problem.ofFile("empty.xlsx", "has no header row in its first sheet"));
  }
}
