package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.reporting.ReconciliationStatement;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo's workbook opens in LibreOffice: converted to PDF headless, its summary sheet reads as
 * the reconciliation statement the database holds. Needs {@code soffice} (Debian {@code
 * libreoffice-calc-nogui}) and {@code pdftotext} ({@code poppler-utils}); without them the test
 * skips with a message, except with {@code CI=true}, where it fails.
 */
@Tag("libreoffice")
class DemoWorkbookInLibreOfficeTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final LocalDate DEMO_DAY = LocalDate.of(2026, 11, 12);
  private static final long CONVERSION_SECONDS_MAX = 180;

  @TempDir Path tempDir;

  @Test
  void theDemoWorkbookConvertsToAPdfShowingTheReconciliationStatement() throws Exception {
    requireTools();
    String url = "jdbc:h2:file:" + tempDir.resolve("db/recon").toAbsolutePath();
    runDemo(url);
    Path workbook = tempDir.resolve("out/demo-report.xlsx");

    String text = pdfText(convertToPdf(workbook));

    ReportSummary summary;
    try (Database database = Database.open(url)) {
      summary = database.inTransaction(tx -> ReportSummary.build(tx, ReportScope.upTo(DEMO_DAY)));
    }
    assertThat(summary.statements()).isNotEmpty();
    assertThat(text).contains("Recon reconciliation report");
    for (ReconciliationStatement s : summary.statements()) {
      assertThat(text)
          .contains(
              "Reconciliation statement: "
                  + s.account()
                  + " "
                  + s.currency()
                  + " as at "
                  + DEMO_DAY);
      assertLine(text, "Closing balance per bank", shown(s.bankClosingMinor(), s.currency()));
      assertLine(text, "Difference \\(bank - ledger\\)", shown(s.differenceMinor(), s.currency()));
      assertLine(text, "Total reconciling items", shown(s.reconcilingTotalMinor(), s.currency()));
    }
    assertThat(summary.statements()).allSatisfy(s -> assertThat(s.unexplainedMinor()).isZero());
    assertThat(Pattern.compile("(?m)^Unexplained difference\\s+0\\.00$").matcher(text).results())
        .hasSize(summary.statements().size());
    // The aging table's heading, and the chart's title drawn beside it.
    assertThat(text.split("Open items by age", -1)).hasSizeGreaterThanOrEqualTo(3);
  }

  private static void assertLine(String text, String label, String amount) {
    Pattern line = Pattern.compile("(?m)^" + label + ".*\\s" + Pattern.quote(amount) + "$");
    assertThat(line.matcher(text).find())
        .as("a line %s ... %s in:%n%s", label, amount, text)
        .isTrue();
  }

  /**
   * An amount as the workbook's number format shows it: grouped thousands, the currency's scale.
   */
  private static String shown(long minor, String currency) {
    return String.format(Locale.ROOT, "%,.2f", Money.ofMinor(minor, currency).toDecimal());
  }

  private static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("soffice", "pdftotext")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        missing + " not found on the PATH: apt-get install -y libreoffice-calc-nogui poppler-utils";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + "; with CI=true the LibreOffice check is mandatory");
    }
    Assumptions.abort(message + "; skipped off CI");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private Path convertToPdf(Path workbook) throws IOException, InterruptedException {
    Path outDir = tempDir.resolve("pdf");
    // A profile of its own, so a LibreOffice the user has open (or a parallel test) is not reused.
    String profile = tempDir.resolve("lo-profile").toUri().toString();
    run(
        List.of(
            "soffice",
            "-env:UserInstallation=" + profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outDir.toString(),
            workbook.toString()));
    Path pdf = outDir.resolve("demo-report.pdf");
    assertThat(pdf).as("LibreOffice wrote no PDF").exists();
    return pdf;
  }

  private String pdfText(Path pdf) throws IOException, InterruptedException {
    Path text = tempDir.resolve("demo-report.txt");
    run(List.of("pdftotext", "-layout", pdf.toString(), text.toString()));
    return Files.readString(text, StandardCharsets.UTF_8);
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    Path log = tempDir.resolve("tool.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(CONVERSION_SECONDS_MAX, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          command.get(0) + " did not finish in " + CONVERSION_SECONDS_MAX + " s");
    }
    assertThat(process.exitValue())
        .as("%s exit code; output: %s", command.get(0), Files.readString(log))
        .isZero();
  }

  private void runDemo(String url) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-12T06:00:00Z"), ZoneOffset.UTC);
    CommandLine cli = ReconCommand.commandLine(clock, Map.of());
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
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
  }
}
