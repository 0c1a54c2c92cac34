package dev.recon.importing;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * No input escapes a parser as anything but a clean refusal ({@link BadInput}, naming file and
 * place). Without {@code JAZZER_FUZZ} these run as regression tests over the seed corpus in {@code
 * src/test/resources/dev/recon/importing/ParserFuzzTestInputs/}; {@code .ci/run} fuzzes each for a
 * bounded time.
 */
class ParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void camt(byte[] bytes) {
    parse("fuzz.xml", bytes, "bank");
  }

  @FuzzTest(maxDuration = "30s")
  void mt940(byte[] bytes) {
    parse("fuzz.sta", bytes, "bank");
  }

  @FuzzTest(maxDuration = "30s")
  void ofx(byte[] bytes) {
    parse("fuzz.ofx", bytes, "bank");
  }

  @FuzzTest(maxDuration = "30s")
  void bankCsv(byte[] bytes) {
    parse("fuzz.csv", bytes, "bank");
  }

  @FuzzTest(maxDuration = "30s")
  void gatewayCsv(byte[] bytes) {
    parse("fuzz.csv", bytes, "stripe-balance");
  }

  private static void parse(String name, byte[] bytes, String profile) {
    try {
      FileParser.parse(InputFile.of(name, bytes), Profiles.load(profile), null);
    } catch (BadInput refused) {
      // A clean refusal is the expected outcome for most inputs.
    }
  }
}
