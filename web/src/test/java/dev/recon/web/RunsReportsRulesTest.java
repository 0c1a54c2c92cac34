package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.access.Role;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import dev.recon.reporting.MatchReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Runs started from the web, the dashboard's figures after them, report downloads, rule checks. */
@EveryDatabase
class RunsReportsRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  TestServer server;
  WebClient preparer;

  @BeforeEach
  void start() {
    server = new TestServer(backend, tempDir);
    preparer = server.signedIn(Role.PREPARER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void uploadSamples() {
    preparer.upload(
        "/api/uploads",
        Map.of("source", "detect", "account", "OPERATING-EUR"),
        new WebClient.Upload("statement.csv", Samples.bankCsv()),
        new WebClient.Upload("statement-2.csv", Samples.bytes(Samples.BANK_OVERLAP)),
        new WebClient.Upload("gl.csv", Samples.ledgerCsv()));
  }

  private JsonNode runToTheEnd() throws IOException, InterruptedException {
    HttpResponse<String> started = preparer.json("POST", "/api/runs", null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(server.server.runQueue().awaitIdle(60_000)).isTrue();
    return JSON.readTree(preparer.get(location).body());
  }

  @Test
  void aRunStartedInTheBrowserRunsInTheBackgroundAndShowsItsResult() throws Exception {
    uploadSamples();
    preparer.get("/runs");
    assertThat(preparer.postForm("/runs", Map.of()).statusCode()).isEqualTo(303);
    assertThat(server.server.runQueue().awaitIdle(60_000)).isTrue();
    String page = preparer.get("/runs").body();
    assertThat(page).contains("done: run #1").contains("items considered").contains("preparer");
    assertThat(page).doesNotContain("http-equiv=\"refresh\"");
  }

  @Test
  void theApiFollowsAJobToItsStoredRun() throws Exception {
    uploadSamples();
    JsonNode job = runToTheEnd();
    assertThat(job.get("state").asText()).isEqualTo("DONE");
    assertThat(job.get("runId").asLong()).isEqualTo(1);
    assertThat(job.get("result").asText()).contains("groups created");
    JsonNode runs = JSON.readTree(preparer.get("/api/runs").body());
    assertThat(runs.get("runs").get(0).get("startedBy").asText()).isEqualTo("preparer");
    assertThat(runs.get("runs").get(0).get("ruleSetVersion").asText())
        .isEqualTo(RuleSet.standard().version());
  }

  @Test
  void theDashboardAgreesWithTheReport() throws Exception {
    uploadSamples();
    runToTheEnd();
    JsonNode figures = JSON.readTree(preparer.get("/api/dashboard").body());
    LocalDate asOf = LocalDate.parse(figures.get("asOf").asText());
    MatchReport report = server.database.inTransaction(tx -> MatchReport.build(tx, asOf));
    for (MatchReport.SummaryLine line : report.summary()) {
      JsonNode row = find(figures.get("unmatched"), line.side().name(), line.currency());
      if (line.unmatchedCount() == 0) {
        assertThat(row).isNull();
        continue;
      }
      assertThat(row.get("total").get("count").asLong()).isEqualTo(line.unmatchedCount());
      assertThat(row.get("total").get("amountMinor").asLong()).isEqualTo(line.unmatchedMinor());
      long bucketSum = 0;
      for (JsonNode cell : row.get("buckets")) {
        bucketSum += cell.get("count").asLong();
      }
      assertThat(bucketSum).isEqualTo(line.unmatchedCount());
      JsonNode rate = find(figures.get("rates"), line.side().name(), line.currency());
      assertThat(rate.get("reconciled").asLong()).isEqualTo(line.matchedCount());
    }
    assertThat(figures.get("openExceptions").asLong())
        .isEqualTo(
            server.database.<Integer>inTransaction(tx -> tx.exceptions().countOpen()).longValue());
    assertThat(figures.get("history").get("ratePoints").asText()).isNotEmpty();
    String page = preparer.get("/").body();
    assertThat(page).contains("<polyline class=\"line-rate\"").contains("over 30 days");
  }

  @Test
  void theDashboardCountsWhatWasImportedSinceItWasLastShown() throws Exception {
    assertThat(JSON.readTree(preparer.get("/api/dashboard").body()).get("rates")).isEmpty();
    uploadSamples();
    JsonNode figures = JSON.readTree(preparer.get("/api/dashboard").body());
    assertThat(figures.get("rates").get(0).get("items").asLong()).isEqualTo(14);
    runToTheEnd();
    figures = JSON.readTree(preparer.get("/api/dashboard").body());
    assertThat(figures.get("rates").get(0).get("reconciled").asLong()).isPositive();
  }

  @Test
  void unmatchedItemsAreBucketedByDaysSinceBooking() throws Exception {
    uploadSamples();
    runToTheEnd();
    // The clock says 2026-11-12; the statements run to 2026-11-11, so nothing is over 30 days old.
    JsonNode figures = JSON.readTree(preparer.get("/api/dashboard").body());
    for (JsonNode row : figures.get("unmatched")) {
      assertThat(row.get("buckets").get(3).get("count").asLong()).isZero();
    }
    server.clock.advance(java.time.Duration.ofDays(60));
    preparer = server.signedIn(Role.VIEWER);
    figures = JSON.readTree(preparer.get("/api/dashboard").body());
    for (JsonNode row : figures.get("unmatched")) {
      assertThat(row.get("buckets").get(3).get("count").asLong())
          .isEqualTo(row.get("total").get("count").asLong());
    }
  }

  private static JsonNode find(JsonNode rows, String side, String currency) {
    for (JsonNode row : rows) {
      if (row.get("side").asText().equals(side) && row.get("currency").asText().equals(currency)) {
        return row;
      }
    }
    return null;
  }

  @Test
  void theXlsxReportIsAWorkbookWithTheSummary() throws Exception {
    uploadSamples();
    runToTheEnd();
    HttpResponse<byte[]> response =
        preparer.getBytes("/reports/download?format=xlsx&asOf=2026-11-12");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition"))
        .get()
        .asString()
        .contains("recon-report-2026-11-12.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
      assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Summary");
      assertThat(workbook.getSheetAt(0).getRow(3).getCell(0).getStringCellValue())
          .isEqualTo("Reconciliation statement: OPERATING-EUR EUR as at 2026-11-12");
      assertThat(workbook)
          .extracting(org.apache.poi.ss.usermodel.Sheet::getSheetName)
          .containsExactly("Summary", "Matched groups", "Open exceptions", "Corrections");
    }
  }

  @Test
  void theCsvReportOfAPeriodHoldsOnlyThatPeriod() throws Exception {
    uploadSamples();
    runToTheEnd();
    HttpResponse<byte[]> all = preparer.getBytes("/api/reports/csv?asOf=2026-11-12");
    HttpResponse<byte[]> none =
        preparer.getBytes("/api/reports/csv?asOf=2026-11-12&from=2027-01-01&to=2027-01-31");
    assertThat(entries(all.body()))
        .containsExactly(
            "report-summary.csv",
            "report-groups.csv",
            "report-exceptions.csv",
            "report-corrections.csv");
    assertThat(lines(all.body(), "report-exceptions.csv")).isGreaterThan(1);
    assertThat(lines(none.body(), "report-exceptions.csv")).isEqualTo(1);
    assertThat(lines(none.body(), "report-groups.csv")).isEqualTo(1);
  }

  @Test
  void aMalformedReportRequestSaysWhatIsWrong() {
    HttpResponse<String> response = preparer.get("/api/reports/pdf");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("xlsx or csv");
    assertThat(preparer.get("/api/reports/csv?asOf=12.11.2026").body()).contains("YYYY-MM-DD");
  }

  private static List<String> entries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  private static long lines(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .count();
        }
      }
    }
    throw new AssertionError(name + " not in the ZIP");
  }

  @Test
  void theRulesPageShowsTheActiveSetAndItsVersion() throws Exception {
    String page = preparer.get("/rules").body();
    assertThat(page).contains(RuleSet.standard().version()).contains("standard.rules");
    JsonNode rules = JSON.readTree(preparer.get("/api/rules").body());
    assertThat(rules.get("version").asText()).isEqualTo(RuleSet.standard().version());
    assertThat(rules.get("rules").size()).isEqualTo(RuleSet.standard().rules().size());
  }

  @Test
  void aRuleErrorIsShownOnItsLineAtItsColumn() throws Exception {
    String standard = standardRules();
    String broken = standard.replaceFirst("amount", "amuont");
    preparer.get("/rules");
    HttpResponse<String> response =
        preparer.postForm("/rules/check", Map.of("fileName", "standard.rules", "text", broken));
    assertThat(response.statusCode()).isEqualTo(422);
    int line = lineOf(broken, "amuont");
    int column = broken.split("\n")[line - 1].indexOf("amuont") + 1;
    assertThat(response.body())
        .contains("<li class=\"line error-line\" value=\"" + line + "\">")
        .contains("<mark class=\"error-column\">a</mark>muont")
        .contains("line " + line + ", column " + column + ":");
    JsonNode check =
        JSON.readTree(
            preparer
                .json(
                    "POST",
                    "/api/rules/check",
                    JSON.writeValueAsString(Map.of("fileName", "standard.rules", "text", broken)))
                .body());
    assertThat(check.get("ok").asBoolean()).isFalse();
    assertThat(check.get("errors").get(0).get("line").asInt()).isEqualTo(line);
    assertThat(check.get("errors").get(0).get("column").asInt()).isEqualTo(column);
  }

  @Test
  void anUnchangedRuleFileChecksClean() {
    String standard = standardRules();
    preparer.get("/rules");
    HttpResponse<String> response =
        preparer.postForm("/rules/check", Map.of("fileName", "standard.rules", "text", standard));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("No errors").contains(RuleSet.standard().shortVersion());
  }

  private static String standardRules() {
    return RuleSet.standard().sources().stream()
        .filter(file -> file.name().equals("standard.rules"))
        .findFirst()
        .orElseThrow()
        .text();
  }

  private static int lineOf(String text, String word) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(word)) {
        return i + 1;
      }
    }
    throw new AssertionError(word);
  }
}
