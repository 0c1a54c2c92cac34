package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An accountant's day in a real Chromium: sign in, upload a statement and read what it imported,
 * start a run and see its result, open an exception and match it by hand with the running sum, have
 * a second user approve a write-off, download a report. Each test ends with a screenshot in {@code
 * web/target/browser-screenshots/}.
 */
@Tag("browser")
class BrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir static Path downloads;
  static WebDriver driver;

  @TempDir Path tempDir;
  TestServer server;
  WebDriverWait wait;

  @BeforeAll
  static void startBrowser() {
    driver = Chromium.start(downloads);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void start() {
    server = new TestServer(TestDatabase.Backend.H2, tempDir);
    wait = new WebDriverWait(driver, WAIT);
    driver.manage().deleteAllCookies();
  }

  @AfterEach
  void stop(TestInfo test) {
    Chromium.screenshot(driver, test.getTestMethod().orElseThrow().getName());
    server.close();
  }

  private void signInAs(String name) {
    driver.get(server.url("/"));
    wait.until(ExpectedConditions.urlContains("/sign-in"));
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.textToBe(By.id("who"), name + " · " + name));
  }

  private void upload(String sample, String account) {
    driver.get(server.url("/upload"));
    driver.findElement(By.id("files")).sendKeys(Samples.path(sample).toString());
    new Select(driver.findElement(By.id("source"))).selectByValue("detect");
    driver.findElement(By.id("account")).sendKeys(account);
    driver.findElement(By.id("upload")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results .result")));
  }

  @Test
  void signingInOpensTheDashboard() {
    signInAs("viewer");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    assertThat(driver.findElements(By.cssSelector("header nav a")))
        .extracting(link -> link.getText())
        .as("a viewer's menu")
        .containsExactly(
            "Dashboard", "Exceptions", "Corrections", "Runs", "Reports", "Rules", "API");
  }

  @Test
  void anUploadedStatementShowsWhatItImported() {
    signInAs("preparer");
    upload(Samples.BANK, "OPERATING-EUR");
    String result = driver.findElement(By.cssSelector("#results .result")).getText();
    assertThat(result)
        .contains("statement-2026-11-02_to_06.csv: imported")
        .contains("8 records, 8 added, 0 duplicates skipped");
    assertThat(driver.findElement(By.id("import-list")).getText())
        .contains("statement-2026-11-02_to_06.csv");
    assertThat(driver.findElement(By.id("progress")).isDisplayed())
        .as("the progress bar goes once the import is done")
        .isFalse();
  }

  @Test
  void aRunStartedInTheBrowserShowsItsResult() {
    signInAs("preparer");
    upload(Samples.BANK, "OPERATING-EUR");
    upload(Samples.LEDGER, "OPERATING-EUR");
    driver.get(server.url("/runs"));
    driver.findElement(By.id("start-run")).click();
    // The page reloads itself every two seconds until the run is done.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs"), "done: run #1"));
    assertThat(driver.findElement(By.id("jobs")).getText()).contains("items considered");
    driver.get(server.url("/"));
    assertThat(driver.findElement(By.id("match-rate")).getText()).endsWith("%");
    assertThat(driver.findElements(By.cssSelector("polyline.line-rate"))).hasSize(1);
  }

  @Test
  void aReportDownloadsAsAWorkbook() throws IOException {
    signInAs("viewer");
    driver.get(server.url("/reports"));
    driver.findElement(By.id("download-xlsx")).click();
    Path report = downloads.resolve("recon-report-2026-11-12.xlsx");
    wait.until(d -> Files.exists(report) && notPartial());
    assertThat(Files.size(report)).isGreaterThan(1000);
    assertThat(Files.readAllBytes(report)).startsWith('P', 'K');
  }

  /**
   * A bank line and a ledger line of the same 250.00 EUR that no rule pairs (references differ).
   */
  private void uploadUnmatchedPair() throws IOException {
    Path bank = tempDir.resolve("bank-pair.csv");
    Files.writeString(
        bank,
        "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n"
            + "03.11.2026;03.11.2026;;250,00;EUR;Nordwind Logistik GmbH;no reference\n");
    Path ledger = tempDir.resolve("gl-pair.csv");
    Files.writeString(
        ledger,
        "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n"
            + "2026-11-04,DOC-1,1200,Receipt Nordwind,250.00,,EUR,OTHER-REF\n");
    for (Path file : new Path[] {bank, ledger}) {
      driver.get(server.url("/upload"));
      driver.findElement(By.id("files")).sendKeys(file.toString());
      new Select(driver.findElement(By.id("source"))).selectByValue("detect");
      driver.findElement(By.id("account")).sendKeys("OPERATING-EUR");
      driver.findElement(By.id("upload")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results .result")));
    }
    driver.get(server.url("/runs"));
    driver.findElement(By.id("start-run")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs"), "done: run #1"));
  }

  private void openTheBankException() {
    driver.get(server.url("/exceptions?side=bank"));
    driver.findElement(By.cssSelector("#exceptions tbody tr td a")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
  }

  @Test
  void anExceptionIsMatchedByHandWithARunningSum() throws IOException {
    signInAs("preparer");
    uploadUnmatchedPair();
    openTheBankException();
    assertThat(driver.findElement(By.id("item")).getText()).contains("Nordwind Logistik GmbH");
    assertThat(driver.findElement(By.id("match-difference")).getText()).isEqualTo("250.00 EUR");
    assertThat(driver.findElement(By.id("match-submit")).isEnabled()).isFalse();
    driver.findElement(By.cssSelector("#candidates tbody tr:not(.own) input")).click();
    assertThat(driver.findElement(By.id("match-sum")).getText())
        .isEqualTo("250.00 EUR against 250.00 EUR");
    assertThat(driver.findElement(By.id("match-difference")).getText()).isEqualTo("0.00 EUR");
    driver.findElement(By.id("match-submit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(driver.findElement(By.id("notice")).getText()).contains("matched in group #");
    assertThat(driver.findElement(By.id("status")).getText()).startsWith("resolved");
  }

  @Test
  void aWriteOffIsApprovedBySomeoneElse() throws IOException {
    signInAs("preparer");
    uploadUnmatchedPair();
    openTheBankException();
    driver
        .findElement(By.cssSelector("form[action$='/write-off'] input[name=reason]"))
        .sendKeys("bank charge, not a receipt");
    driver.findElement(By.id("write-off")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(driver.findElement(By.id("notice")).getText()).contains("awaits approval");
    driver.findElement(By.cssSelector("form.sign-out button")).click();
    wait.until(ExpectedConditions.urlContains("/sign-in"));
    driver.manage().deleteAllCookies();
    signInAs("approver");
    driver.get(server.url("/corrections"));
    assertThat(driver.findElement(By.cssSelector("section.correction")).getText())
        .contains("bank charge, not a receipt")
        .contains("proposed");
    driver.findElement(By.cssSelector("section.correction button[id^=approve-]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(driver.findElement(By.id("notice")).getText()).contains("approved");
    assertThat(driver.findElement(By.cssSelector("section.correction .status")).getText())
        .isEqualTo("approved");
  }

  private static boolean notPartial() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.noneMatch(file -> file.toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return false;
    }
  }
}
