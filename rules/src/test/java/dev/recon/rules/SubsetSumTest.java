package dev.recon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubsetSumTest {
  private static List<MatchItem> pool(long... amounts) {
    List<MatchItem> items = new ArrayList<>();
    for (int i = 0; i < amounts.length; i++) {
      items.add(
          new MatchItem(
              i + 1,
              "k" + (char) ('a' + i),
              "LEDGER",
              "OPS",
              "EUR",
              amounts[i],
              amounts[i],
              100,
              0,
              0,
              null,
              "P",
              null,
              true,
              true,
              i));
    }
    return items;
  }

  private static List<Long> ids(List<MatchItem> subset) {
    return subset.stream().map(MatchItem::getId).sorted().toList();
  }

  @Test
  void findsTheOnlySubsetThatAddsUpExactlyAndSaysTheSearchWasExhausted() {
    SubsetSum.Result result =
        SubsetSum.find(1_000_00, pool(250_00, 333_33, 400_00, 350_00, 1_00), 4, 20);

    assertThat(result.solutions()).hasSize(1);
    assertThat(ids(result.solutions().get(0))).containsExactly(1L, 3L, 4L);
    assertThat(result.exhausted()).isTrue();
    assertThat(result.note()).startsWith("subset search exhausted (5 of 5 candidates");
  }

  @Test
  void twoEquallySmallSubsetsAreBothFoundEvenAfterALargerOne() {
    // In pool order {10, 20, 70} comes first, but {20, 80} and {70, 30} are the smallest fits.
    SubsetSum.Result result =
        SubsetSum.find(100_00, pool(10_00, 20_00, 70_00, 80_00, 30_00), 4, 20);

    assertThat(result.solutions())
        .extracting(SubsetSumTest::ids)
        .containsExactly(List.of(2L, 4L), List.of(3L, 5L));
  }

  @Test
  void oneCentShortIsNoSolution() {
    SubsetSum.Result result = SubsetSum.find(1_000_01, pool(250_00, 400_00, 350_00), 4, 20);

    assertThat(result.found()).isFalse();
    assertThat(result.exhausted()).isTrue();
  }

  @Test
  void neverProposesASubsetLargerThanTheRuleAllows() {
    SubsetSum.Result result = SubsetSum.find(5_00, pool(1_00, 1_00, 1_00, 1_00, 1_00), 4, 20);

    assertThat(result.found()).isFalse();
  }

  @Test
  void aSecondSolutionIsReportedSoTheMatchCanBeCalledAmbiguous() {
    SubsetSum.Result result = SubsetSum.find(30_00, pool(10_00, 20_00, 15_00, 15_00), 4, 20);

    assertThat(result.solutions()).hasSize(2);
    assertThat(result.exhausted()).isFalse();
    assertThat(result.note()).startsWith("subset search cut off");
  }

  @Test
  void aPoolLargerThanTheCandidateLimitIsCutOffAndSaysSo() {
    long[] amounts = new long[30];
    java.util.Arrays.fill(amounts, 7_00);
    amounts[29] = 3_00;
    SubsetSum.Result result = SubsetSum.find(10_00, pool(amounts), 2, 20);

    assertThat(result.found()).isFalse();
    assertThat(result.exhausted()).isFalse();
    assertThat(result.note()).contains("20 of 30 candidates");
  }

  @Test
  void theResultDoesNotDependOnPoolOrder() {
    List<MatchItem> items = pool(120_00, 80_00, 45_50, 54_50, 200_00, 99_99, 0_01);
    SubsetSum.Result first = SubsetSum.find(200_00, items, 4, 20);
    List<MatchItem> shuffled = new ArrayList<>(items);
    Collections.shuffle(shuffled, new Random(3));

    SubsetSum.Result second = SubsetSum.find(200_00, shuffled, 4, 20);

    assertThat(second.solutions().stream().map(SubsetSumTest::ids).toList())
        .isEqualTo(first.solutions().stream().map(SubsetSumTest::ids).toList());
  }
}
