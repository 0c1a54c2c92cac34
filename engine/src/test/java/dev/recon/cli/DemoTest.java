package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.reporting.MatchReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo, run as a user runs it, agrees with what samples/README.md promises. */
class DemoTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final Pattern EXPECTED_ROW =
      Pattern.compile(
          "^\\| (bank|gateway|ledger) \\| (\\d+) \\| ([\\d.]+) \\| (\\d+) \\| ([\\d.]+) \\|$",
          Pattern.MULTILINE);

  @TempDir Path tempDir;

  record Expected(
      String side, int matched, String matchedAmount, int unmatched, String unmatchedAmount) {}

  @Test
  void demoOutcomeAgreesWithTheSamplesReadme() throws IOException {
    List<Expected> expected = expectedFromReadme();
    String url = "jdbc:h2:file:" + tempDir.resolve("db/recon").toAbsolutePath();

    String output = runDemo(url);

    assertThat(output).contains("6 added, 3 already stored");
    assertThat(output)
        .contains(
            "17 groups created (33 items matched), 0 suggestions for review, 7 exceptions opened");
    // The Stripe payout's fees (gross minus net of its transactions) as one balanced entry.
    assertThat(output)
        .contains(
            "proposed gateway fees 53.25 EUR [Dr 6820 53.25, Cr 1361 53.25]: Gateway fees of payout"
                + " po_1QdemoA7 (5 transaction(s) with fees, 1 fee row(s)): 53.25 EUR");
    try (Database database = Database.open(url)) {
      MatchReport report =
          database.inTransaction(tx -> MatchReport.build(tx, LocalDate.of(2026, 11, 12)));
      List<Expected> actual = new ArrayList<>();
      for (MatchReport.SummaryLine line : report.summary()) {
        actual.add(
            new Expected(
                line.side().label(),
                line.matchedCount(),
                plain(line.matchedMinor(), line.currency()),
                line.unmatchedCount(),
                plain(line.unmatchedMinor(), line.currency())));
      }
      assertThat(actual).containsExactlyElementsOf(expected);
      DatabaseInvariants.check(database);
    }
    assertThat(summarySheet(tempDir.resolve("out/demo-report.xlsx")))
        .containsExactlyElementsOf(expected);
    assertThat(Files.readAllLines(tempDir.resolve("out/demo-report-exceptions.csv")))
        .hasSize(1 + expected.stream().mapToInt(Expected::unmatched).sum())
        .filteredOn(line -> line.contains("INV-2026-1008"))
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line).contains("booked 7 day(s) apart (exact allows 3, tolerant 5)"));
  }

  /** The summary sheet of a written workbook, read back as a user's spreadsheet would show it. */
  private static List<Expected> summarySheet(Path workbook) throws IOException {
    List<Expected> rows = new ArrayList<>();
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
      org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("Summary");
      org.apache.poi.ss.usermodel.DataFormatter shown =
          new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT);
      int heading = 0;
      while (!shown
          .formatCellValue(sheet.getRow(heading).getCell(0))
          .equals("Items by side and currency")) {
        heading++;
      }
      // The table's header is the row after the heading; its rows follow until the auto-match rate.
      for (int r = heading + 2; ; r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
        if (row.getCell(0).getStringCellValue().startsWith("Auto-match rate")) {
          break;
        }
        rows.add(
            new Expected(
                row.getCell(0).getStringCellValue(),
                (int) row.getCell(2).getNumericCellValue(),
                shown.formatCellValue(row.getCell(3)).replace(",", ""),
                (int) row.getCell(4).getNumericCellValue(),
                shown.formatCellValue(row.getCell(5)).replace(",", "")));
      }
    }
    return rows;
  }

  @Test
  void runningTheDemoTwiceGivesTheSameResult() {
    String url = "jdbc:h2:file:" + tempDir.resolve("db/recon").toAbsolutePath();
    String first = runDemo(url);
    String second = runDemo(url);
    assertThat(second.lines().skip(1).toList()).isEqualTo(first.lines().skip(1).toList());
  }

  @Test
  void demoRefusesToResetADatabaseWithSomeoneElsesData() throws IOException {
    String url = "jdbc:h2:file:" + tempDir.resolve("db/recon").toAbsolutePath();
    Path file = tempDir.resolve("mine.csv");
    Files.writeString(
        file,
        "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n"
            + "2026-11-02,D1,1200,Receipt,1.00,,EUR,INV-2026-0001\n");
    CommandLine cli = ReconCommand.commandLine(Clock.systemUTC(), Map.of("USER", "alice"));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    assertThat(
            cli.execute(
                "--db", url, "import", "--profile", "ledger", "--account", "OPS", file.toString()))
        .isZero();

    int exit =
        cli.execute(
            "--db",
            url,
            "demo",
            "--samples",
            SAMPLES.toString(),
            "--out",
            tempDir.resolve("out").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("will not reset it");
  }

  private String runDemo(String url) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-12T06:00:00Z"), ZoneOffset.UTC);
    CommandLine cli = ReconCommand.commandLine(clock, Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "--db",
            url,
            "demo",
            "--samples",
            SAMPLES.toString(),
            "--out",
            tempDir.resolve("out").toString());
    assertThat(exit).as("demo exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  private static List<Expected> expectedFromReadme() throws IOException {
    String readme = Files.readString(SAMPLES.resolve("README.md"));
    List<Expected> rows = new ArrayList<>();
    Matcher matcher = EXPECTED_ROW.matcher(readme);
    while (matcher.find()) {
      rows.add(
          new Expected(
              matcher.group(1),
              Integer.parseInt(matcher.group(2)),
              matcher.group(3),
              Integer.parseInt(matcher.group(4)),
              matcher.group(5)));
    }
    assertThat(rows).as("expected-outcome rows in samples/README.md").hasSize(3);
    return rows;
  }

  private static String plain(long minor, String currency) {
    return Money.ofMinor(minor, currency).toDecimal().toPlainString();
  }
}
