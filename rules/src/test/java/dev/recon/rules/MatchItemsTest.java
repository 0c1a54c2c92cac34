package dev.recon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchItemsTest {
  private static MatchItem amount(long minor, long unitMinor) {
    return new MatchItem(
        1, "k", "BANK", "OPS", "EUR", minor, minor, unitMinor, 0, 0, null, null, null, true, true,
        0);
  }

  @org.junit.jupiter.api.Test
  void amountsAtMostOneUnitApartAlwaysShareAWideOrAShiftedBucket() {
    java.util.Random random = new java.util.Random(5);
    for (long unit : new long[] {1, 100, 1000}) {
      for (int i = 0; i < 200_000; i++) {
        long x = random.nextLong(-5_000_000, 5_000_000);
        long y = x + random.nextLong(-unit, unit + 1);
        MatchItem a = amount(x, unit);
        MatchItem b = amount(y, unit);
        assertThat(
                a.getAmountWideBucket() == b.getAmountWideBucket()
                    || a.getAmountShiftedBucket() == b.getAmountShiftedBucket())
            .as("%d and %d with unit %d", x, y, unit)
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0} vs {1} within {2} bp: {3}")
  @CsvSource({
    "100000, 100500, 50, true",
    "100000, 100501, 50, false",
    "100000, 99500, 50, true",
    "-100000, -100500, 50, true",
    "0, 0, 50, true",
    "0, 1, 50, false"
  })
  void percentageToleranceIsInclusiveAndExact(long anchor, long other, int bp, boolean within) {
    assertThat(MatchItems.withinPercent(anchor, other, bp)).isEqualTo(within);
  }

  @ParameterizedTest
  @CsvSource({"9500, 0, 100, 0, 9025", "10000, 50, 100, 2, 8800", "10000, 100, 100, 0, 8500"})
  void tolerantConfidenceFallsWithEveryDifference(
      int similarityBp, long deltaMinor, long unitMinor, int days, int expectedBp) {
    assertThat(MatchItems.tolerantConfidenceBp(similarityBp, deltaMinor, unitMinor, days))
        .isEqualTo(expectedBp);
  }
}
