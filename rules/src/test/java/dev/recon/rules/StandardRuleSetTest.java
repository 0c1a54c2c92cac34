package dev.recon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.rules.dsl.RuleCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped rule set, written in the rule language, compiles to DRL that Drools accepts and
 * proposes the candidates its comments promise.
 */
class StandardRuleSetTest {

  private static RuleCompiler.Compiled compiled() throws IOException {
    try (InputStream in =
        StandardRuleSetTest.class.getResourceAsStream("/dev/recon/rules/standard.rules")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return RuleCompiler.compile(
          "dev.recon.rules.compiled.standard",
          List.of(new RuleCompiler.Source("standard.rules", text)));
    }
  }

  private static List<MatchCandidate> fire(MatchItem... items) throws IOException {
    return RuleHarness.fire(compiled(), items);
  }

  private static MatchItem item(
      long id, String side, long amountMinor, int day, String ref, String payout) {
    return item(id, side, amountMinor, day, ref, null, payout);
  }

  private static MatchItem item(
      long id,
      String side,
      long amountMinor,
      int day,
      String ref,
      String counterparty,
      String payout) {
    return new MatchItem(
        id,
        side + id,
        side,
        "OPS",
        "EUR",
        amountMinor,
        amountMinor,
        100,
        day,
        day,
        ref,
        counterparty,
        payout,
        true,
        true,
        (int) id);
  }

  @Test
  void exactRuleProposesEveryQualifyingPairWithItsDateDistance() throws IOException {
    List<MatchCandidate> candidates =
        fire(
            item(1, "BANK", 10_00, 100, "R1", null),
            item(2, "LEDGER", 10_00, 102, "R1", null),
            item(3, "LEDGER", 10_00, 104, "R1", null),
            item(4, "LEDGER", 10_01, 100, "R1", null));
    assertThat(candidates)
        .filteredOn(c -> c.ruleName().equals("Exact bank to ledger"))
        .extracting(c -> c.items().get(1).getId() + "@" + c.dayDistance())
        .containsExactlyInAnyOrder("2@2");
  }

  @Test
  void tolerantRuleFindsAmountsWithinOneUnitAcrossBucketEdgesAndNoFurther() throws IOException {
    List<MatchCandidate> candidates =
        fire(
            item(1, "BANK", 10_00, 100, "INV20261009", null),
            item(2, "LEDGER", 9_00, 100, "INV20261090", null),
            item(3, "LEDGER", 11_00, 105, "INV20261009", null),
            item(4, "LEDGER", 11_01, 100, "INV20261009", null),
            item(5, "LEDGER", 10_50, 106, "INV20261009", null),
            item(6, "LEDGER", 10_00, 100, "XYZ", null));
    assertThat(candidates)
        .filteredOn(c -> c.ruleName().equals("Tolerant bank to ledger"))
        .extracting(c -> c.items().get(1).getId())
        .containsExactlyInAnyOrder(2L, 3L);
  }

  @Test
  void payoutRuleProposesTheBankLineWithAllItsTransactions() throws IOException {
    List<MatchCandidate> candidates =
        fire(
            item(1, "BANK", 150_00, 100, "PO1", null),
            item(2, "GATEWAY", 100_00, 98, null, "PO1"),
            item(3, "GATEWAY", 50_00, 98, null, "PO1"),
            item(4, "GATEWAY", 7_00, 98, null, "PO2"));
    assertThat(candidates).hasSize(1);
    assertThat(candidates.get(0).items())
        .extracting(MatchItem::getId)
        .containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void keylessRuleProposesTheSubsetOfOnePayersLinesThatAddsUp() throws IOException {
    List<MatchCandidate> candidates =
        fire(
            payer(1, "BANK", 900_00, 100),
            payer(2, "LEDGER", 250_00, 98),
            payer(3, "LEDGER", 400_00, 99),
            payer(4, "LEDGER", 250_00, 100),
            payer(5, "LEDGER", 333_00, 100));
    assertThat(candidates)
        .filteredOn(c -> c.ruleName().startsWith("Keyless split"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.items()).extracting(MatchItem::getId).containsExactly(1L, 2L, 3L, 4L));
  }

  private static MatchItem payer(long id, String side, long amountMinor, int day) {
    return item(id, side, amountMinor, day, null, "NORDWIND", null);
  }
}
