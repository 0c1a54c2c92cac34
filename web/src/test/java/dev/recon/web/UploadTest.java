package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.access.Role;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Uploading files in the browser's way (a form) and the API's way, with what each file did. */
@EveryDatabase
class UploadTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  TestServer server;
  WebClient preparer;

  @BeforeEach
  void start() {
    server = new TestServer(backend, tempDir);
    preparer = server.signedIn(Role.PREPARER);
    preparer.get("/upload");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode apiUpload(Map<String, String> fields, WebClient.Upload... files)
      throws IOException {
    return new ObjectMapper().readTree(preparer.upload("/api/uploads", fields, files).body());
  }

  @Test
  void aDetectedBankStatementImportsAndShowsItsCounts() {
    HttpResponse<String> response =
        preparer.upload(
            "/upload",
            Map.of("source", "detect", "account", "OPERATING-EUR"),
            new WebClient.Upload("statement.csv", Samples.bankCsv()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("statement.csv</span>: <span class=\"status\">imported</span>")
        .contains("(as bank)")
        .contains("8 records, 8 added, 0 duplicates skipped");
  }

  @Test
  void anOverlappingStatementSkipsTheRowsAlreadyStoredAndASecondUploadAddsNothing()
      throws IOException {
    apiUpload(
        Map.of("source", "bank", "account", "OPERATING-EUR"),
        new WebClient.Upload("first.csv", Samples.bankCsv()));
    JsonNode overlap =
        apiUpload(
            Map.of("source", "bank", "account", "OPERATING-EUR"),
            new WebClient.Upload("second.csv", Samples.bytes(Samples.BANK_OVERLAP)),
            new WebClient.Upload("first-again.csv", Samples.bankCsv()));
    JsonNode second = overlap.get("files").get(0);
    assertThat(second.get("added").asInt()).isEqualTo(6);
    assertThat(second.get("duplicates").asInt()).isEqualTo(3);
    JsonNode again = overlap.get("files").get(1);
    assertThat(again.get("status").asText()).isEqualTo("already imported");
    assertThat(again.get("note").asText()).contains("first.csv");
    assertThat(server.database.<Integer>inTransaction(tx -> tx.items().count())).isEqualTo(14);
  }

  @Test
  void aFileWithBadRowsIsRefusedWholeWithLineAndColumnAndTheOthersStillImport() throws IOException {
    String ledger = new String(Samples.ledgerCsv(), StandardCharsets.UTF_8);
    String[] lines = ledger.split("\n");
    lines[3] = lines[3].replaceFirst(",[0-9]+\\.[0-9]{2},", ",12.3O,");
    JsonNode result =
        apiUpload(
            Map.of("source", "ledger", "account", "OPERATING-EUR"),
            new WebClient.Upload(
                "broken.csv", String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
            new WebClient.Upload(
                "clearing.csv", Samples.bytes("ledger/gl-1361-stripe-clearing-2026-11.csv")));
    JsonNode broken = result.get("files").get(0);
    assertThat(broken.get("status").asText()).isEqualTo("refused");
    assertThat(broken.get("problems").get(0).get("line").asInt()).isEqualTo(4);
    assertThat(broken.get("problems").get(0).get("message").asText()).contains("12.3O");
    assertThat(result.get("files").get(1).get("status").asText()).isEqualTo("imported");
    assertThat(server.database.<Integer>inTransaction(tx -> tx.items().count())).isEqualTo(7);
    assertThat(server.database.<Integer>inTransaction(tx -> tx.audit().count("IMPORT_REFUSED")))
        .isEqualTo(1);
  }

  @Test
  void aTableNoProfileReadsAsksForTheSource() throws IOException {
    JsonNode result =
        apiUpload(
            Map.of("source", "detect"),
            new WebClient.Upload("odd.csv", "A,B\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    JsonNode odd = result.get("files").get(0);
    assertThat(odd.get("status").asText()).isEqualTo("refused");
    assertThat(odd.get("problems").get(0).get("message").asText())
        .contains("cannot tell what this file is")
        .contains("choose the source");
  }

  @Test
  void aProfileNamedByPathIsNotAccepted() {
    HttpResponse<String> response =
        preparer.upload(
            "/api/uploads",
            Map.of("source", "/etc/recon/evil.properties"),
            new WebClient.Upload("statement.csv", Samples.bankCsv()));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown source");
  }

  @Test
  void theImportListIsPaged() throws IOException {
    apiUpload(
        Map.of("source", "detect", "account", "OPERATING-EUR"),
        new WebClient.Upload("a.csv", Samples.bankCsv()),
        new WebClient.Upload("b.csv", Samples.bytes(Samples.BANK_OVERLAP)),
        new WebClient.Upload("c.csv", Samples.ledgerCsv()));
    JsonNode page = new ObjectMapper().readTree(preparer.get("/api/imports?page=2&size=2").body());
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("rows")).hasSize(1);
    assertThat(page.get("rows").get(0).get("fileName").asText()).isEqualTo("a.csv");
    assertThat(preparer.get("/upload?size=2").body()).contains("1–2 of 3").contains("page=2");
  }
}
