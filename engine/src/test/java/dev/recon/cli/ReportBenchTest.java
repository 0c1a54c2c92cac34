package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report bench on a small size: it writes every generated row and says what it measured. */
class ReportBenchTest {
  @TempDir Path tempDir;

  @Test
  void theBenchWritesEveryRowItGeneratesAndPrintsTimeAndPeakHeap() throws Exception {
    CliRun cli =
        new CliRun(Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC), tempDir);
    Path keep = tempDir.resolve("bench");

    CliRun.Result result = cli.run("bench-report", "--rows", "1000", "--keep", keep.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("generate:", "(1000 items: 500 in 250 groups, 500 open)")
        .containsPattern("xlsx report: +\\d+\\.\\d\\d s .*peak heap \\d+ MB")
        .containsPattern("csv  report: +\\d+\\.\\d\\d s .*peak heap \\d+ MB");
    try (InputStream in = Files.newInputStream(keep.resolve("bench-report.xlsx"));
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertThat(workbook.getSheet("Matched groups").getLastRowNum()).isEqualTo(500);
      Sheet open = workbook.getSheet("Open exceptions");
      assertThat(open.getLastRowNum()).isEqualTo(500);
      int text = 0;
      while (!open.getRow(0).getCell(text).getStringCellValue().equals("Text")) {
        text++;
      }
      int column = text;
      assertThat(open)
          .filteredOn(row -> row.getRowNum() > 0)
          .extracting((Row row) -> row.getCell(column).getStringCellValue())
          .filteredOn(value -> value.contains("HYPERLINK"))
          .containsExactly("'=HYPERLINK(\"http://evil.example/\",\"x\")");
    }
    assertThat(Files.readAllLines(keep.resolve("bench-report-exceptions.csv"))).hasSize(501);
  }
}
