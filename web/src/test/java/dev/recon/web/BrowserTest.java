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
 * start a run and see its result, download a report. Each test ends with a screenshot in {@code
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
        .containsExactly("Dashboard", "Runs", "Reports", "Rules", "API");
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

  private static boolean notPartial() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.noneMatch(file -> file.toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return false;
    }
  }
}
