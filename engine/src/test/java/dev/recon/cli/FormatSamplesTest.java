package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.importing.FileFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in samples/formats/, parsed as a user would with {@code recon parse FILE --json} and
 * no --format (auto), says what samples/formats/expected.csv worked out by hand: its format,
 * counts, totals, first record and statement balances.
 */
class FormatSamplesTest {
  private static final Path FORMATS = Path.of("..", "samples", "formats");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tempDir;

  record Expected(
      String file,
      String format,
      String source,
      int records,
      int ignored,
      String totals,
      String first,
      String statements,
      String options) {
    Path path() {
      return FORMATS.resolve(file);
    }

    List<String> optionList() {
      return options.isBlank() ? List.of() : Arrays.asList(options.split(" "));
    }
  }

  static Stream<Expected> samples() throws IOException {
    return Files.readAllLines(FORMATS.resolve("expected.csv")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("file,"))
        .map(line -> line.split(",", -1))
        .map(
            c ->
                new Expected(
                    c[0],
                    c[1],
                    c[2],
                    Integer.parseInt(c[3]),
                    Integer.parseInt(c[4]),
                    c[5],
                    c[6],
                    c[7],
                    c[8]));
  }

  private CliRun.Result run(List<String> args) {
    return new CliRun(Clock.fixed(Instant.parse("2026-11-12T08:30:00Z"), ZoneOffset.UTC), tempDir)
        .run(args.toArray(String[]::new));
  }

  private static List<JsonNode> jsonLines(String out) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.lines().toList()) {
      try {
        lines.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  @Test
  void everySampleFileIsListedWithItsExpectedFigures() throws IOException {
    List<String> listed = samples().map(Expected::file).toList();
    try (Stream<Path> files = Files.list(FORMATS)) {
      List<String> present =
          files
              .map(path -> path.getFileName().toString())
              .filter(name -> !name.equals("expected.csv") && !name.equals("README.md"))
              .toList();
      assertThat(listed).containsAll(present);
    }
    assertThat(samples().map(Expected::format).distinct())
        .as("a sample of every format Recon reads")
        .containsExactlyInAnyOrder(
            Arrays.stream(FileFormat.values())
                .filter(format -> format != FileFormat.XLSX)
                .map(FileFormat::label)
                .toArray(String[]::new));
  }

  @Test
  void camtRecordsNameTheCounterpartyIbanTheBankTransactionCodeAndTheEndToEndId() {
    CliRun.Result result =
        run(List.of("parse", "--json", FORMATS.resolve("camt053-2026-11-09.xml").toString()));

    List<String> details =
        jsonLines(result.out()).stream()
            .filter(line -> line.get("type").asText().equals("record"))
            .map(
                r ->
                    r.get("amount").asText()
                        + " "
                        + r.get("counterparty_iban").asText()
                        + " "
                        + r.get("bank_transaction_code").asText()
                        + " "
                        + r.get("bank_transaction_code_proprietary").asText()
                        + " "
                        + r.get("end_to_end_id").asText()
                        + " ref="
                        + r.get("reference").asText())
            .toList();
    // A credit names the debtor's account, a debit the creditor's; the end-to-end id is kept
    // beside a creditor reference (RF...), and NOTPROVIDED is no id.
    assertThat(details)
        .containsExactly(
            "1250.00 DE02120300000000202051 PMNT/RCDT/ESCT NTRF+166 E2E-NW-1001 ref=INV20261001",
            "-2400.00 DE44500105175407324931 PMNT/ICDT/ESCT null null ref=RENT202611",
            "100.00 null null null E2E-A-1 ref=RF18539007547034",
            "200.00 null null null E2E-B-2 ref=INV20263002",
            "300.00 null null null E2E-C-3 ref=INV20263003",
            "-12.50 null ACMT/MDOP/CHRG null null ref=null");
  }

  @Test
  void aStripeBalanceExportIsRecognisedAndItsTypesReadAsRecordKinds() {
    CliRun.Result result =
        run(List.of("parse", "--json", "../samples/gateway/stripe-balance-2026-11.csv"));

    List<JsonNode> lines = jsonLines(result.out());
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(summary.get("profile").asText()).isEqualTo("stripe-balance");
    // stripe_fee is a fee; the payout row is the transfer itself and is skipped.
    assertThat(lines.subList(0, lines.size() - 1))
        .extracting(r -> r.get("kind").asText() + " " + r.get("account").asText())
        .containsExactly(
            "charge STRIPE",
            "charge STRIPE",
            "charge STRIPE",
            "charge STRIPE",
            "charge STRIPE",
            "refund STRIPE",
            "fee STRIPE",
            "charge STRIPE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void parseJsonGivesTheFiguresWorkedOutByHand(Expected expected) {
    List<String> args = new ArrayList<>(List.of("parse", "--json"));
    args.addAll(expected.optionList());
    args.add(expected.path().toString());

    CliRun.Result result = run(args);

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    List<JsonNode> lines = jsonLines(result.out());
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("format").asText()).isEqualTo(expected.format());
    assertThat(summary.get("source").asText()).isEqualTo(expected.source());
    assertThat(summary.get("records").asInt()).isEqualTo(expected.records());
    assertThat(lines).hasSize(expected.records() + 1);
    assertThat(summary.get("ignored").asInt()).isEqualTo(expected.ignored());
    assertThat(totals(summary.get("total_minor"))).isEqualTo(expected.totals());
    assertThat(statements(summary.get("statements"))).isEqualTo(expected.statements());
    if (!expected.first().isEmpty()) {
      JsonNode first = lines.get(0);
      assertThat(
              first.get("amount_minor").asLong()
                  + " "
                  + first.get("booking_date").asText()
                  + " "
                  + first.get("reference").asText())
          .isEqualTo(expected.first());
    }
    // The sum of the records agrees with the summary's total.
    Map<String, Long> sums = new TreeMap<>();
    for (JsonNode record : lines.subList(0, lines.size() - 1)) {
      sums.merge(record.get("currency").asText(), record.get("amount_minor").asLong(), Long::sum);
    }
    assertThat(totals(JSON.valueToTree(sums))).isEqualTo(expected.totals());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void namingTheRightFormatReadsItAndAWrongOneIsRefusedNamingTheRightOne(Expected expected) {
    List<String> right = new ArrayList<>(List.of("parse", "--format", expected.format()));
    right.addAll(expected.optionList());
    right.add(expected.path().toString());
    assertThat(run(right).exitCode()).isZero();

    String wrong = expected.format().equals("bai2") ? "camt" : "bai2";
    List<String> args = new ArrayList<>(List.of("parse", "--format", wrong));
    args.addAll(expected.optionList());
    args.add(expected.path().toString());
    CliRun.Result result = run(args);

    assertThat(result.exitCode()).isEqualTo(ReconCommand.EXIT_REFUSED);
    assertThat(result.err())
        .contains(
            expected.path().getFileName()
                + ": is not "
                + wrong
                + " as --format says: its content reads as "
                + expected.format());
  }

  @Test
  void everySelfDescribingSampleImportsWithoutSourceOrProfile() {
    List<String> args =
        new ArrayList<>(List.of("import", "--db", CliRun.h2Url(tempDir.resolve("db"))));
    try {
      samples()
          .filter(sample -> sample.options().isBlank())
          .forEach(sample -> args.add(sample.path().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    CliRun.Result result = run(args);

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("bai2-prior-day-2026-11-09.bai: 4 records, 4 added")
        .contains("adyen-settlement-details-batch-42.csv: 6 records, 6 added")
        .contains("paypal-settlement-STL-20261109.01.009.csv: 5 records, 5 added")
        .doesNotContain("BALANCES DO NOT AGREE");
  }

  private static String totals(JsonNode totals) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = totals.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> total = fields.next();
      parts.add(total.getKey() + ":" + total.getValue().asLong());
    }
    return String.join(" ", parts);
  }

  private static String statements(JsonNode statements) {
    List<String> parts = new ArrayList<>();
    for (JsonNode statement : statements) {
      assertThat(statement.get("agrees").asBoolean()).isTrue();
      parts.add(
          statement.get("opening_minor").asLong() + ">" + statement.get("closing_minor").asLong());
    }
    return String.join(";", parts);
  }
}
