package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.access.Role;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The exception queue and corrections screens against a real server: the list filters and pages on
 * the server, a counterparty name with a script in it stays text on the list and the detail, a
 * manual match closes the exception, forms without the CSRF token change nothing, and an approver
 * approves someone else's correction but never their own.
 */
@EveryDatabase
class ExceptionsPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = "<script>alert('x')</script>";

  /** The script as the queue's counterparty column holds it: normalized, so no markup is left. */
  private static final String SCRIPT_NORMALIZED = "SCRIPT ALERT X SCRIPT";

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  TestServer server;
  WebClient preparer;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(backend, tempDir);
    preparer = server.signedIn(Role.PREPARER);
    String bank =
        "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n"
            + "02.11.2026;02.11.2026;;100,00;EUR;"
            + SCRIPT
            + ";INV-1\n"
            + "03.11.2026;03.11.2026;;250,00;EUR;Nordwind Logistik GmbH;no reference\n";
    String ledger =
        "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n"
            + "2026-11-04,DOC-1,1200,Receipt Nordwind,250.00,,EUR,OTHER-REF\n";
    preparer.get("/upload");
    HttpResponse<String> uploaded =
        preparer.upload(
            "/api/uploads",
            Map.of("source", "detect", "account", "OPERATING-EUR"),
            new WebClient.Upload("bank.csv", bank.getBytes(StandardCharsets.UTF_8)),
            new WebClient.Upload("gl.csv", ledger.getBytes(StandardCharsets.UTF_8)));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(preparer.json("POST", "/api/runs", null).statusCode()).isEqualTo(202);
    assertThat(server.server.runQueue().awaitIdle(60_000)).isTrue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode list(WebClient client, String query) throws Exception {
    HttpResponse<String> response = client.get("/api/exceptions" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private long exceptionWithCounterparty(String counterparty) throws Exception {
    for (JsonNode row : list(preparer, "?size=200").get("rows")) {
      if (counterparty.equals(row.path("counterparty").asText())) {
        return row.get("id").asLong();
      }
    }
    throw new AssertionError("no exception with counterparty " + counterparty);
  }

  @Test
  void aScriptInACounterpartyNameIsShownAsTextOnTheListAndTheDetail() throws Exception {
    WebClient viewer = server.signedIn(Role.VIEWER);
    String page = viewer.get("/exceptions").body();
    assertThat(page).doesNotContain("<script>alert").contains(SCRIPT_NORMALIZED);
    long id = exceptionWithCounterparty(SCRIPT_NORMALIZED);
    // The detail shows the name as the file wrote it, escaped.
    String detail = viewer.get("/exceptions/" + id).body();
    assertThat(detail)
        .doesNotContain("<script>alert")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt;");
  }

  @Test
  void theListFiltersSortsAndPagesOnTheServer() throws Exception {
    JsonNode all = list(preparer, "");
    assertThat(all.get("total").asLong()).isEqualTo(3);
    JsonNode bankOnly = list(preparer, "?side=bank&sort=-amount");
    assertThat(bankOnly.get("total").asLong()).isEqualTo(2);
    assertThat(bankOnly.get("rows").get(0).get("amountMinor").asLong()).isEqualTo(10_000);
    assertThat(list(preparer, "?currency=EUR&min=200&max=300").get("total").asLong()).isEqualTo(2);
    JsonNode paged = list(preparer, "?size=1&page=2&sort=amount");
    assertThat(paged.get("rows")).hasSize(1);
    assertThat(paged.get("total").asLong()).isEqualTo(3);
    String page = preparer.get("/exceptions?side=ledger").body();
    assertThat(page.split("<tr><td><a href=\"/exceptions/", -1)).as("one ledger row").hasSize(2);
    assertThat(page).doesNotContain(SCRIPT_NORMALIZED);
    HttpResponse<String> wrong = preparer.get("/exceptions?age=yesterday");
    assertThat(wrong.statusCode()).isEqualTo(400);
  }

  @Test
  void revisitDueListsTheTimingDifferencesWhoseDateHasComeWithTheirDate() throws Exception {
    long id = exceptionWithCounterparty("NORDWIND LOGISTIK");
    new dev.recon.exceptions.ExceptionQueue(
            server.database,
            server.clock,
            new dev.recon.corrections.Corrections(
                server.database, server.clock, dev.recon.corrections.ChartOfAccounts.defaults()))
        .markTiming(id, "preparer", java.time.LocalDate.of(2026, 11, 12), "in transit");

    JsonNode due = list(preparer, "?revisit=due");
    String page = preparer.get("/exceptions?revisit=due").body();

    assertThat(due.get("total").asLong()).isEqualTo(1);
    assertThat(due.get("rows").get(0).get("id").asLong()).isEqualTo(id);
    assertThat(page.split("<tr><td><a href=\"/exceptions/", -1)).as("one row").hasSize(2);
    assertThat(page).contains("<td>2026-11-12</td></tr>").contains("value=\"due\" checked");
    assertThat(list(preparer, "").get("total").asLong()).isEqualTo(3);
  }

  @Test
  void aManualMatchClosesTheExceptionAndIsShownWithItsGroup() throws Exception {
    long bank = exceptionWithCounterparty("NORDWIND LOGISTIK");
    String detail = preparer.get("/exceptions/" + bank).body();
    assertThat(detail).contains("id=\"match-form\"");
    assertThat(detail.split("name=\"item\"", -1)).as("its own item and the candidate").hasSize(3);
    JsonNode shown = JSON.readTree(preparer.get("/api/exceptions/" + bank).body());
    long bankItem = shown.get("exception").get("itemId").asLong();
    long ledgerItem = -1;
    for (JsonNode row : list(preparer, "?side=ledger").get("rows")) {
      ledgerItem = row.get("itemId").asLong();
    }
    HttpResponse<String> matched =
        preparer.send(
            java.net.http.HttpRequest.newBuilder(preparer.uri("/exceptions/" + bank + "/match"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "csrf="
                            + preparer.csrf
                            + "&item="
                            + bankItem
                            + "&item="
                            + ledgerItem
                            + "&note=same+payment")));
    assertThat(matched.statusCode()).as(matched.body()).isEqualTo(303);
    String after = preparer.get(matched.headers().firstValue("Location").orElseThrow()).body();
    assertThat(after).contains("Done: matched in group #").contains("resolved");
    assertThat(list(preparer, "").get("total").asLong()).isEqualTo(1);
  }

  @Test
  void theNewFormsRefuseAMissingOrWrongCsrfTokenAndChangeNothing() throws Exception {
    long id = exceptionWithCounterparty("NORDWIND LOGISTIK");
    preparer.get("/exceptions/" + id);
    for (String action : new String[] {"comment", "assign", "write-off"}) {
      HttpResponse<String> missing =
          preparer.postFormRaw(
              "/exceptions/" + id + "/" + action,
              Map.of("text", "x", "assignee", "preparer", "reason", "x"));
      assertThat(missing.statusCode()).as(action + " without a token").isEqualTo(403);
      HttpResponse<String> wrong =
          preparer.postFormRaw(
              "/exceptions/" + id + "/" + action,
              Map.of("csrf", "forged", "text", "x", "assignee", "preparer", "reason", "x"));
      assertThat(wrong.statusCode()).as(action + " with a wrong token").isEqualTo(403);
    }
    JsonNode detail = JSON.readTree(preparer.get("/api/exceptions/" + id).body());
    assertThat(detail.get("comments")).isEmpty();
    assertThat(detail.get("exception").get("status").asText()).isEqualTo("OPEN");
    assertThat(
            preparer
                .postForm("/exceptions/" + id + "/comment", Map.of("text", "looked at it"))
                .statusCode())
        .isEqualTo(303);
    assertThat(JSON.readTree(preparer.get("/api/exceptions/" + id).body()).get("comments"))
        .hasSize(1);
  }

  @Test
  void aPreparerMarksATimingDifferenceAndTheQueueShowsItWhenItsRevisitDateHasCome()
      throws Exception {
    long id = exceptionWithCounterparty("NORDWIND LOGISTIK");
    preparer.get("/exceptions/" + id);

    HttpResponse<String> refused =
        preparer.postForm(
            "/exceptions/" + id + "/timing", Map.of("revisit", "next week", "note", "in transit"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("revisit is a date written YYYY-MM-DD, not ", "next week");

    HttpResponse<String> marked =
        preparer.postForm(
            "/exceptions/" + id + "/timing",
            Map.of("revisit", "2026-11-01", "note", "payment in transit"));
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(303);
    String page = preparer.get(marked.headers().firstValue("Location").orElseThrow()).body();
    assertThat(page)
        .contains("Done: marked as a timing difference; revisit on 2026-11-01")
        .contains("on 2026-11-01 (timing difference)");
    JsonNode detail = JSON.readTree(preparer.get("/api/exceptions/" + id).body());
    assertThat(detail.get("exception").get("status").asText()).isEqualTo("OPEN");
    assertThat(detail.get("comments")).hasSize(1);
    assertThat(detail.get("comments").toString()).contains("Timing difference: payment in transit");
    // Its revisit date has passed, so the "revisit due" filter lists it.
    assertThat(list(preparer, "?revisit=due").get("total").asLong()).isEqualTo(1);
  }

  @Test
  void anApproverApprovesAnothersCorrectionButNeverTheirOwn() throws Exception {
    long id = exceptionWithCounterparty("NORDWIND LOGISTIK");
    preparer.get("/exceptions/" + id);
    assertThat(
            preparer
                .postForm("/exceptions/" + id + "/write-off", Map.of("reason", "bank fee"))
                .statusCode())
        .isEqualTo(303);
    WebClient approver = server.signedIn(Role.APPROVER);
    String page = approver.get("/corrections").body();
    assertThat(page).contains("bank fee").contains("id=\"approve-");
    long correction =
        JSON.readTree(approver.get("/api/corrections").body())
            .get("rows")
            .get(0)
            .get("id")
            .asLong();
    // The preparer's own write-off cannot be approved by the preparer (nor is it offered).
    assertThat(preparer.get("/corrections").body()).doesNotContain("id=\"approve-");
    assertThat(preparer.postForm("/corrections/" + correction + "/approve", Map.of()).statusCode())
        .isEqualTo(403);
    approver.get("/corrections");
    HttpResponse<String> approved =
        approver.postForm("/corrections/" + correction + "/approve", Map.of());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
    assertThat(approver.get("/corrections?status=approved").body()).contains("approved");
    // An approver who proposed a correction is refused, with the service's reason shown.
    long second = exceptionWithCounterparty(SCRIPT_NORMALIZED);
    approver.get("/exceptions/" + second);
    assertThat(
            approver
                .postForm("/exceptions/" + second + "/write-off", Map.of("reason", "mine"))
                .statusCode())
        .isEqualTo(303);
    long own =
        JSON.readTree(approver.get("/api/corrections").body())
            .get("rows")
            .get(0)
            .get("id")
            .asLong();
    approver.get("/corrections");
    HttpResponse<String> refused = approver.postForm("/corrections/" + own + "/approve", Map.of());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("who may not approve it; another approver must");
  }
}
