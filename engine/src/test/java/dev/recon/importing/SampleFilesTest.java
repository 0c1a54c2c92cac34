package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import dev.recon.facts.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped sample files, read as samples/manifest.csv says, give the records the demo expects.
 */
class SampleFilesTest {
  // Maven runs the engine's tests in engine/.
  private static final Path SAMPLES = Path.of("..", "samples");

  private static final Map<String, Integer> EXPECTED_RECORDS =
      Map.of(
          "bank/statement-2026-11-02_to_06.csv", 8,
          "bank/statement-2026-11-05_to_11.csv", 9,
          "ledger/gl-1200-2026-11.csv", 11,
          "gateway/stripe-balance-2026-11.csv", 8,
          "ledger/gl-1361-stripe-clearing-2026-11.csv", 7);

  record Entry(String file, String source, String profile, String account) {}

  static List<Entry> manifest() throws IOException {
    return Files.readAllLines(SAMPLES.resolve("manifest.csv")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("file,"))
        .map(line -> line.split(","))
        .map(cells -> new Entry(cells[0], cells[1], cells[2], cells[3]))
        .toList();
  }

  static Stream<Arguments> entries() throws IOException {
    return manifest().stream().map(entry -> Arguments.of(entry.file(), entry));
  }

  private static ParsedFile parse(Entry entry) {
    return FileParser.parse(
        SAMPLES.resolve(entry.file()), Profiles.load(entry.profile()), entry.account());
  }

  @Test
  void manifestListsEverySampleWithAKnownRecordCount() throws IOException {
    assertThat(manifest())
        .extracting(Entry::file)
        .containsExactlyInAnyOrderElementsOf(EXPECTED_RECORDS.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void sampleParsesWithItsManifestProfile(String name, Entry entry) {
    ParsedFile parsed = parse(entry);

    assertThat(parsed.facts()).hasSize(EXPECTED_RECORDS.get(entry.file()));
    assertThat(parsed.facts()).extracting(Fact::side).containsOnly(Side.parse(entry.source()));
    assertThat(parsed.facts()).extracting(Fact::account).containsOnly(entry.account());
    assertThat(parsed.facts()).extracting(Fact::currencyCode).containsOnly("EUR");
  }

  @Test
  void firstBankStatementBalancesToItsCreditsMinusDebits() throws IOException {
    ParsedFile parsed = parse(manifest().get(0));

    // Credits 1250.00 + 980.40 + 1190.00 + 3310.75 + 5000.00, debits 2400.00 + 12.50 + 1845.20.
    assertThat(parsed.totalMinorByCurrency()).containsExactly(Map.entry("EUR", 747_345L));
  }

  @Test
  void stripePayoutRowIsIgnoredAndTheChargesItSettledSumToTheBankPayout() throws IOException {
    Entry stripe =
        manifest().stream()
            .filter(e -> e.profile().equals("stripe-balance"))
            .findFirst()
            .orElseThrow();

    ParsedFile parsed = parse(stripe);

    assertThat(parsed.ignoredRows()).isEqualTo(1);
    long settledByFirstPayout =
        parsed.facts().stream()
            .filter(fact -> "po_1QdemoA7".equals(fact.payoutId()))
            .mapToLong(fact -> fact.amount().minor())
            .sum();
    assertThat(settledByFirstPayout).isEqualTo(331_075L);
  }

  @Test
  void ledgerSignsFollowDebitAndCredit() throws IOException {
    Entry ledger =
        manifest().stream().filter(e -> e.profile().equals("ledger")).findFirst().orElseThrow();

    ParsedFile parsed = parse(ledger);

    // Receipts 1250.00 + 980.40 + 1190.50 + 5000.00 + 720.00 + 410.00 + 2150.00 + 1500.00 + 640.00,
    // payments 2400.00 + 1845.20.
    assertThat(parsed.totalMinorByCurrency()).containsExactly(Map.entry("EUR", 959_570L));
  }
}
