package dev.recon.importing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recon.importing.bai2.Bai2Reader;
import dev.recon.importing.gateway.AdyenReader;
import dev.recon.importing.gateway.PayPalReader;
import dev.recon.importing.gateway.StripePayoutReader;
import java.util.regex.Pattern;

/**
 * No input escapes a parser as anything but a clean refusal ({@link BadInput}, naming file and
 * place). Without {@code JAZZER_FUZZ} these run as regression tests over the seed corpus in {@code
 * src/test/resources/dev/recon/importing/ParserFuzzTestInputs/}; {@code .ci/run} fuzzes each for a
 * bounded time.
 */
class ParserFuzzTest {
  private static final Pattern REFERENCE = Profiles.load("bank").referencePattern();

  @FuzzTest(maxDuration = "12s")
  void camt(byte[] bytes) {
    parse("fuzz.xml", bytes, "bank");
  }

  @FuzzTest(maxDuration = "12s")
  void mt940(byte[] bytes) {
    parse("fuzz.sta", bytes, "bank");
  }

  @FuzzTest(maxDuration = "12s")
  void ofx(byte[] bytes) {
    parse("fuzz.ofx", bytes, "bank");
  }

  @FuzzTest(maxDuration = "12s")
  void bankCsv(byte[] bytes) {
    parse("fuzz.csv", bytes, "bank");
  }

  @FuzzTest(maxDuration = "12s")
  void gatewayCsv(byte[] bytes) {
    parse("fuzz.csv", bytes, "stripe-balance");
  }

  @FuzzTest(maxDuration = "12s")
  void bai2(byte[] bytes) {
    read(() -> Bai2Reader.read(InputFile.of("fuzz.bai", bytes), REFERENCE, null));
  }

  @FuzzTest(maxDuration = "12s")
  void stripePayout(byte[] bytes) {
    read(() -> StripePayoutReader.read(InputFile.of("fuzz.csv", bytes), REFERENCE, null));
  }

  @FuzzTest(maxDuration = "12s")
  void paypal(byte[] bytes) {
    read(() -> PayPalReader.read(InputFile.of("fuzz.csv", bytes), REFERENCE, null));
  }

  @FuzzTest(maxDuration = "12s")
  void adyen(byte[] bytes) {
    read(() -> AdyenReader.read(InputFile.of("fuzz.csv", bytes), REFERENCE, null));
  }

  /** The readers of the newer formats are fuzzed directly, so no input is spent on detection. */
  private static void read(Runnable reader) {
    try {
      reader.run();
    } catch (BadInput refused) {
      // A clean refusal is the expected outcome for most inputs.
    }
  }

  private static void parse(String name, byte[] bytes, String profile) {
    try {
      FileParser.parse(InputFile.of(name, bytes), Profiles.load(profile), null);
    } catch (BadInput refused) {
      // A clean refusal is the expected outcome for most inputs.
    }
  }
}
