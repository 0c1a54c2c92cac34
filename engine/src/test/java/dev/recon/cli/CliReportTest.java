package dev.recon.cli;

import static dev.recon.importing.ImportFixtures.bankStatement;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliReportTest {
  private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/x\",\"Click\")";

  @TempDir Path tempDir;
  private CliRun cli;

  @BeforeEach
  void importAndMatch() {
    cli = new CliRun(Clock.fixed(Instant.parse("2026-11-30T17:00:00Z"), ZoneOffset.UTC), tempDir);
    // A statement line whose counterparty and text someone crafted to run as spreadsheet formulas.
    Path hostile =
        bankStatement(
            tempDir,
            "hostile.csv",
            "12.11.2026;12.11.2026;;99,00;EUR;\""
                + HYPERLINK.replace("\"", "\"\"")
                + "\";@SUM(1+1)",
            "12.11.2026;12.11.2026;;10,00;EUR;+49 30 1234;-2+3");
    assertThat(
            run(
                    "import",
                    "--profile",
                    "bank",
                    "--account",
                    "OPERATING-EUR",
                    sample("bank/statement-2026-11-02_to_06.csv").toString(),
                    hostile.toString())
                .exitCode())
        .isZero();
    assertThat(
            run(
                    "import",
                    "--profile",
                    "ledger",
                    "--account",
                    "OPERATING-EUR",
                    sample("ledger/gl-1200-2026-11.csv").toString())
                .exitCode())
        .isZero();
    assertThat(run("match").exitCode()).isZero();
  }

  private CliRun.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--db", CliRun.h2Url(tempDir)));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void aCsvReportIsThreeFilesBesideEachOther() throws IOException {
    Path out = tempDir.resolve("reports").resolve("x.csv");

    CliRun.Result result = run("report", "--out", out.toString(), "--as-of", "2026-11-30");

    assertThat(result.exitCode()).isZero();
    Path matched = out.resolveSibling("x-matched.csv");
    Path unmatched = out.resolveSibling("x-unmatched.csv");
    assertThat(out).exists();
    assertThat(matched).exists();
    assertThat(unmatched).exists();
    assertThat(result.out()).contains("Wrote " + out, "Wrote " + matched, "Wrote " + unmatched);
    List<Map<String, String>> summary = readCsv(out);
    assertThat(summary).extracting(row -> row.get("Side")).containsExactly("bank", "ledger");
    List<Map<String, String>> matchedRows = readCsv(matched);
    List<Map<String, String>> unmatchedRows = readCsv(unmatched);
    int bankItems = 8 + 2;
    int ledgerItems = 11;
    assertThat(matchedRows.size() + unmatchedRows.size()).isEqualTo(bankItems + ledgerItems);
    assertThat(matchedRows).isNotEmpty();
    assertThat(summary)
        .allSatisfy(
            row ->
                assertThat(
                        Integer.parseInt(row.get("Matched items"))
                            + Integer.parseInt(row.get("Unmatched items")))
                    .isEqualTo(row.get("Side").equals("bank") ? bankItems : ledgerItems));
  }

  @Test
  void formulaLikeTextIsNeutralisedInTheCsvReport() throws IOException {
    Path out = tempDir.resolve("x.csv");

    assertThat(run("report", "--out", out.toString(), "--as-of", "2026-11-30").exitCode()).isZero();

    List<Map<String, String>> hostile =
        readCsv(out.resolveSibling("x-unmatched.csv")).stream()
            .filter(row -> row.get("File").equals("hostile.csv"))
            .toList();
    assertThat(hostile)
        .extracting(
            row -> row.get("Counterparty"),
            row -> row.get("Text"),
            row -> row.get("Amount"),
            row -> row.get("Age (days)"))
        .containsExactlyInAnyOrder(
            tuple("'" + HYPERLINK, "'@SUM(1+1)", "99.00", "18"),
            tuple("'+49 30 1234", "'-2+3", "10.00", "18"));
  }

  @Test
  void negativeAmountsStayNumbersInTheCsvReport() throws IOException {
    Path out = tempDir.resolve("x.csv");

    assertThat(run("report", "--out", out.toString(), "--as-of", "2026-11-30").exitCode()).isZero();

    List<String> amounts = new ArrayList<>();
    for (String name : List.of("x-matched.csv", "x-unmatched.csv")) {
      readCsv(out.resolveSibling(name)).forEach(row -> amounts.add(row.get("Amount")));
    }
    assertThat(amounts).contains("-2400.00", "-12.50").allMatch(a -> a.matches("-?\\d+\\.\\d{2}"));
  }

  @Test
  void formulaLikeTextIsNeutralisedInTheXlsxReport() throws IOException {
    Path out = tempDir.resolve("x.xlsx");

    CliRun.Result result = run("report", "--out", out.toString(), "--as-of", "2026-11-30");

    assertThat(result.exitCode()).isZero();
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertThat(workbook.getSheet("Summary")).isNotNull();
      assertThat(workbook.getSheet("Matched")).isNotNull();
      Sheet unmatched = workbook.getSheet("Unmatched");
      List<String> header = new ArrayList<>();
      unmatched.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      int counterparty = header.indexOf("Counterparty");
      int text = header.indexOf("Text");
      int amount = header.indexOf("Amount");
      int file = header.indexOf("File");
      List<Row> hostile = new ArrayList<>();
      for (Row row : unmatched) {
        if (row.getRowNum() > 0 && row.getCell(file).getStringCellValue().equals("hostile.csv")) {
          hostile.add(row);
        }
      }
      assertThat(hostile).hasSize(2);
      for (Row row : hostile) {
        for (int column : new int[] {counterparty, text}) {
          Cell cell = row.getCell(column);
          assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
          assertThat(cell.getStringCellValue()).startsWith("'");
        }
        assertThat(row.getCell(amount).getCellType()).isEqualTo(CellType.NUMERIC);
      }
      assertThat(hostile)
          .extracting(row -> row.getCell(counterparty).getStringCellValue())
          .containsExactlyInAnyOrder("'" + HYPERLINK, "'+49 30 1234");
      assertThat(hostile)
          .extracting(row -> row.getCell(amount).getNumericCellValue())
          .containsExactlyInAnyOrder(99.0, 10.0);
    }
  }

  private static List<Map<String, String>> readCsv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords()
          .stream()
          .map(CSVRecord::toMap)
          .toList();
    }
  }
}
