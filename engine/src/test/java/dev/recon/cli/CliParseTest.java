package dev.recon.cli;

import static dev.recon.importing.ImportFixtures.bankStatement;
import static dev.recon.importing.ImportFixtures.credit;
import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliParseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tempDir;

  private CliRun.Result run(String... args) {
    return new CliRun(Clock.fixed(Instant.parse("2026-11-12T08:30:00Z"), ZoneOffset.UTC), tempDir)
        .run(args);
  }

  private static List<JsonNode> jsonLines(String out) {
    return out.lines()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
              }
            })
        .toList();
  }

  @Test
  void parseJsonPrintsOneRecordPerDataRowAndASummaryThatAddsUp() throws IOException {
    Path statement = sample("bank/statement-2026-11-05_to_11.csv");
    long dataRows = Files.readAllLines(statement, StandardCharsets.UTF_8).size() - 1;

    CliRun.Result result =
        run(
            "parse",
            "--profile",
            "bank",
            "--account",
            "OPERATING-EUR",
            "--json",
            statement.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    List<JsonNode> lines = jsonLines(result.out());
    List<JsonNode> records =
        lines.stream().filter(n -> n.path("type").asText().equals("record")).toList();
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(records).hasSize((int) dataRows).hasSize(lines.size() - 1);
    assertThat(records)
        .extracting(n -> n.get("line").asInt())
        .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(records)
        .allSatisfy(n -> assertThat(n.get("account").asText()).isEqualTo("OPERATING-EUR"));
    long sum = records.stream().mapToLong(n -> n.get("amount_minor").asLong()).sum();
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("records").asInt()).isEqualTo(9);
    assertThat(summary.get("total_minor").get("EUR").asLong()).isEqualTo(sum);
    // Credits 9,780.00 less debits 1,862.70, added up by hand from the statement.
    assertThat(sum).isEqualTo(791_730L);
    assertThat(summary.get("sha256").asText()).isEqualTo(sha256(statement));
    assertThat(records.get(0).get("amount").asText()).isEqualTo("5000.00");
    assertThat(records.get(1).get("amount_minor").asLong()).isEqualTo(-1250L);
    assertThat(records.get(0).get("reference").asText()).isEqualTo("INV20261003");
  }

  @Test
  void parseJsonOfAStripeExportLeavesOutPayoutRowsAndTotalsTheNetAmounts() {
    CliRun.Result result =
        run(
            "parse",
            "--profile",
            "stripe-balance",
            "--json",
            sample("gateway/stripe-balance-2026-11.csv").toString(),
            "--account",
            "STRIPE");

    assertThat(result.exitCode()).isZero();
    List<JsonNode> lines = jsonLines(result.out());
    JsonNode summary = lines.get(lines.size() - 1);
    List<JsonNode> records = lines.subList(0, lines.size() - 1);
    assertThat(records)
        .hasSize(8)
        .allSatisfy(n -> assertThat(n.get("kind").asText()).isNotEqualTo("payout"));
    assertThat(summary.get("records").asInt()).isEqualTo(8);
    assertThat(summary.get("ignored").asInt()).isEqualTo(1);
    long sum = records.stream().mapToLong(n -> n.get("amount_minor").asLong()).sum();
    // The seven rows settled by payout po_1QdemoA7 add up to its 3,310.75, plus 295.25 settled
    // later.
    assertThat(sum).isEqualTo(360_600L);
    assertThat(summary.get("total_minor").get("EUR").asLong()).isEqualTo(sum);
    assertThat(records)
        .allSatisfy(
            n ->
                assertThat(n.get("gross_minor").asLong() - n.get("fee_minor").asLong())
                    .isEqualTo(n.get("amount_minor").asLong()));
  }

  @Test
  void parseTouchesNoDatabase() {
    Path dbDir = tempDir.resolve("parse-db");

    CliRun.Result result =
        run(
            "--db",
            CliRun.h2Url(dbDir),
            "parse",
            "--profile",
            "bank",
            "--account",
            "OPERATING-EUR",
            sample("bank/statement-2026-11-02_to_06.csv").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("8 records");
    assertThat(dbDir).doesNotExist();
    assertThat(tempDir.resolve("env-default-db")).doesNotExist();
  }

  @Test
  void parseOfABrokenFileNamesTheLineAndExitsWithOne() {
    Path broken =
        bankStatement(
            tempDir,
            "week-46.csv",
            credit("09.11.2026", "720,00", "Nordwind Logistik GmbH", "INV-2026-1004"),
            credit("10.11.2026", "4l0,00", "Atelier Rossi SRL", "INV-2026-1008"));

    CliRun.Result result =
        run(
            "parse",
            "--profile",
            "bank",
            "--account",
            "OPERATING-EUR",
            "--json",
            broken.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("error: week-46.csv:3: column \"Credit\": \"4l0,00\"");
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
