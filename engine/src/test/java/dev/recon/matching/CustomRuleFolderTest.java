package dev.recon.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule folder an engineer writes: a tolerant rule on a percentage of the amount, the value date
 * and counterparty similarity, loaded with {@code --rules DIR} and run by the same engine.
 */
class CustomRuleFolderTest {
  private static final String CARD_RULE =
      """
      package acme.rules;

      import dev.recon.rules.MatchItem;
      import dev.recon.rules.MatchItems;
      import dev.recon.rules.Similarity;
      import java.util.List;

      global dev.recon.rules.CandidateSink candidates;

      // Card settlements: same account and currency, amount within 0.5 % of the bank line,
      // value dates at most 2 days apart, counterparties at least 0.90 similar.
      rule "Card settlements"
      when
          $bank : MatchItem( side == "BANK", counterparty != null )
          $ledger : MatchItem( side == "LEDGER", blockKey == $bank.blockKey,
                               MatchItems.withinPercent($bank.amountMinor, amountMinor, 50),
                               Math.abs(valueDay - $bank.valueDay) <= 2,
                               Similarity.jaroWinklerBp(counterparty, $bank.counterparty) >= 9000 )
      then
          candidates.add(MatchItems.tolerant("Card settlements", 50, false, $bank, $ledger));
      end
      """;

  @TempDir Path dir;

  private MatchOutcome match(String table) throws IOException {
    Files.writeString(dir.resolve("cards.drl"), CARD_RULE);
    return Matcher.match(Scenario.parse(table).items(), RuleSet.fromDirectory(dir));
  }

  @Test
  void aRuleOnPercentageValueDateAndCounterpartyIsSuggestedForReview() throws IOException {
    MatchOutcome outcome =
        match(
            """
            name side   account ccy amount  date       ref payout counterparty
            b1   bank   OPS     EUR 1000.00 2026-11-10 -   -      NORDWIND-LOGISTIK
            l1   ledger OPS     EUR 1005.00 2026-11-12 -   -      NORDWIND-LOGISTICS
            b2   bank   OPS     EUR 1000.00 2026-11-10 -   -      POLAR-RETAIL
            l2   ledger OPS     EUR 1005.01 2026-11-10 -   -      POLAR-RETAIL
            b3   bank   OPS     EUR 500.00  2026-11-10 -   -      ATELIER-ROSSI
            l3   ledger OPS     EUR 500.00  2026-11-13 -   -      ATELIER-ROSSI
            """);

    assertThat(outcome.groups())
        .singleElement()
        .satisfies(g -> assertThat(g.status()).isEqualTo(ProposedGroup.Status.SUGGESTED))
        .satisfies(
            g -> assertThat(g.items()).extracting(i -> i.naturalKey()).containsExactly("b1", "l1"));
  }

  @Test
  void aRuleFolderHasItsOwnVersionWhichChangesWithItsContent() throws IOException {
    Files.writeString(dir.resolve("cards.drl"), CARD_RULE);
    RuleSet first = RuleSet.fromDirectory(dir);
    Files.writeString(dir.resolve("cards.drl"), CARD_RULE.replace(">= 9000", ">= 9500"));
    RuleSet second = RuleSet.fromDirectory(dir);

    assertThat(first.version())
        .isNotEqualTo(RuleSet.standard().version())
        .isNotEqualTo(second.version());
    assertThat(RuleSet.fromDirectory(dir).version()).isEqualTo(second.version());
  }
}
