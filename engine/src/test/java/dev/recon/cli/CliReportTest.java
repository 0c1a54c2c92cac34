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
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
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
  void aCsvReportIsOneFilePerSheetBesideEachOther() throws IOException {
    Path out = tempDir.resolve("reports").resolve("x.csv");

    CliRun.Result result = run("report", "--out", out.toString(), "--date", "2026-11-30");

    assertThat(result.exitCode()).isZero();
    List<Path> files =
        List.of("x-summary.csv", "x-groups.csv", "x-exceptions.csv", "x-corrections.csv").stream()
            .map(out::resolveSibling)
            .toList();
    assertThat(files).allSatisfy(file -> assertThat(file).exists());
    assertThat(out).doesNotExist();
    assertThat(result.out()).contains(files.stream().map(f -> "Wrote " + f).toList());
    List<Map<String, String>> matchedRows = readCsv(files.get(1));
    List<Map<String, String>> openRows = readCsv(files.get(2));
    int bankItems = 8 + 2;
    int ledgerItems = 11;
    assertThat(matchedRows).isNotEmpty();
    assertThat(matchedRows.size() + openRows.size()).isEqualTo(bankItems + ledgerItems);
    assertThat(matchedRows)
        .allSatisfy(
            row -> {
              assertThat(row.get("Rule")).isNotBlank();
              assertThat(row.get("Rule-set version")).hasSize(64);
              assertThat(row.get("Confidence")).matches("\\d\\.\\d{4}");
            });
    List<List<String>> summary = readRows(files.get(0));
    assertThat(summary)
        .anySatisfy(row -> assertThat(row).startsWith("bank", "EUR"))
        .anySatisfy(row -> assertThat(row).startsWith("ledger", "EUR"))
        .anySatisfy(row -> assertThat(row).containsExactly("Unexplained difference", "", "0.00"));
    for (List<String> row : summary) {
      if (row.size() > 4 && (row.get(0).equals("bank") || row.get(0).equals("ledger"))) {
        assertThat(Integer.parseInt(row.get(2)) + Integer.parseInt(row.get(4)))
            .isEqualTo(row.get(0).equals("bank") ? bankItems : ledgerItems);
      }
    }
  }

  @Test
  void aReportOfAPeriodHoldsOnlyTheItemsBookedInIt() throws IOException {
    Path out = tempDir.resolve("x.csv");

    CliRun.Result result =
        run("report", "--out", out.toString(), "--from", "2026-11-12", "--to", "2026-11-12");

    assertThat(result.exitCode()).isZero();
    assertThat(readCsv(out.resolveSibling("x-exceptions.csv")))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("Booking date")).isEqualTo("2026-11-12"));
  }

  @Test
  void choosingADateAndAPeriodAtOnceIsRefused() {
    CliRun.Result result =
        run(
            "report",
            "--out",
            tempDir.resolve("x.csv").toString(),
            "--date",
            "2026-11-30",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-12");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("choose one of --date, --from/--to and --run");
    assertThat(tempDir.resolve("x-summary.csv")).doesNotExist();
  }

  @Test
  void formulaLikeTextIsNeutralisedInTheCsvReport() throws IOException {
    Path out = tempDir.resolve("x.csv");

    assertThat(run("report", "--out", out.toString(), "--as-of", "2026-11-30").exitCode()).isZero();

    List<Map<String, String>> hostile =
        readCsv(out.resolveSibling("x-exceptions.csv")).stream()
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
    for (String name : List.of("x-groups.csv", "x-exceptions.csv")) {
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
      assertThat(workbook.getSheet("Matched groups")).isNotNull();
      Sheet unmatched = workbook.getSheet("Open exceptions");
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

  @Test
  void negativeAmountsAreNumericCellsInTheXlsxReport() throws IOException {
    Path out = tempDir.resolve("x.xlsx");

    assertThat(run("report", "--out", out.toString(), "--date", "2026-11-30").exitCode()).isZero();

    List<Double> amounts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      for (String name : List.of("Matched groups", "Open exceptions")) {
        Sheet sheet = workbook.getSheet(name);
        int amount = header(sheet).indexOf("Amount");
        for (Row row : sheet) {
          if (row.getRowNum() > 0) {
            assertThat(row.getCell(amount).getCellType()).isEqualTo(CellType.NUMERIC);
            amounts.add(row.getCell(amount).getNumericCellValue());
          }
        }
      }
    }
    assertThat(amounts).contains(-2400.0, -12.5);
  }

  @Test
  void theSummarySheetChartsTheOpenItemsPerAgingBucket() throws IOException {
    Path out = tempDir.resolve("x.xlsx");

    assertThat(run("report", "--out", out.toString(), "--date", "2026-11-30").exitCode()).isZero();

    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      XSSFSheet summary = workbook.getSheet("Summary");
      int heading = 0;
      while (!"Open items by age".equals(text(summary.getRow(heading).getCell(0)))) {
        heading++;
      }
      List<XSSFChart> charts = summary.getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(1);
      XDDFChartData bars = charts.get(0).getChartSeries().get(0);
      assertThat(bars).isInstanceOf(XDDFBarChartData.class);
      assertThat(bars.getSeriesCount()).isEqualTo(3);
      for (int s = 0; s < 3; s++) {
        XDDFChartData.Series series = bars.getSeries(s);
        for (int b = 0; b < 4; b++) {
          Row row = summary.getRow(heading + 2 + b);
          assertThat(series.getCategoryData().getPointAt(b)).isEqualTo(text(row.getCell(0)));
          assertThat(((Number) series.getValuesData().getPointAt(b)).doubleValue())
              .isEqualTo(row.getCell(1 + s).getNumericCellValue());
        }
      }
      // The hostile lines booked on 12 Nov are 18 days old on 30 Nov: in 8-30 days, on the bank.
      assertThat(summary.getRow(heading + 4).getCell(1).getNumericCellValue())
          .isGreaterThanOrEqualTo(2);
    }
  }

  private static String text(Cell cell) {
    return cell == null
        ? ""
        : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(cell);
  }

  private static List<String> header(Sheet sheet) {
    List<String> header = new ArrayList<>();
    sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
    return header;
  }

  /** Every record of a CSV file, header included, as the cells a spreadsheet would show. */
  private static List<List<String>> readRows(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.parse(reader).getRecords().stream().map(CSVRecord::toList).toList();
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
