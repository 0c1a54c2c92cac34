package dev.recon.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatcherTest {
  private static final String EXACT = "Exact bank to ledger";
  private static final String PAYOUT = "Gateway payout to bank";
  private static final String SALE = "Gateway transaction to ledger sale";
  private static final String TOLERANT = "Tolerant bank to ledger";

  /** Runs the standard rules on a scenario and asserts exactly these groups were formed. */
  private static MatchOutcome check(String scenario, String... expectedGroups) {
    Scenario parsed = Scenario.parse(scenario);
    MatchOutcome outcome = Matcher.match(parsed.items(), RuleSet.standard());
    assertThat(parsed.groups(outcome)).containsExactlyInAnyOrder(expectedGroups);
    return outcome;
  }

  @Nested
  class ExactBankToLedger {
    @Test
    void sameAccountAmountAndReferenceMatch() {
      check(
          """
          name side   account ccy amount  date       ref
          b1   bank   OPS     EUR 1250.00 2026-11-02 INV-2026-1001
          l1   ledger OPS     EUR 1250.00 2026-11-02 INV-2026-1001
          """,
          "b1+l1 by " + EXACT);
    }

    @Test
    void anExactPairIsProposedOnceAndHasNoAlternative() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount  date       ref
              b1   bank   OPS     EUR 1250.00 2026-11-02 INV-2026-1001
              l1   ledger OPS     EUR 1250.00 2026-11-03 INV-2026-1001
              """,
              "b1+l1 by " + EXACT);
      assertThat(outcome.groups().get(0).explanation())
          .isEqualTo(
              "Accepted: 1 day(s) apart, amount difference 0 minor units, reference similarity"
                  + " 1.0000; no alternative.");
    }

    @Test
    void referencesCompareAfterCleaning() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-02 inv-2026/1001
          l1   ledger OPS     EUR 10.00  2026-11-02 INV2026.1001
          """,
          "b1+l1 by " + EXACT);
    }

    @Test
    void outgoingPaymentsMatchByTheirNegativeAmounts() {
      check(
          """
          name side   account ccy amount   date       ref
          b1   bank   OPS     EUR -2400.00 2026-11-02 RENT-2026-11
          l1   ledger OPS     EUR -2400.00 2026-11-01 RENT-2026-11
          l2   ledger OPS     EUR 2400.00  2026-11-01 RENT-2026-11
          """,
          "b1+l1 by " + EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-05", "2026-10-30"})
    void threeDaysApartIsStillInsideTheWindow(String ledgerDate) {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-02 R1
          l1   ledger OPS     EUR 10.00  %s R1
          """
              .formatted(ledgerDate),
          "b1+l1 by " + EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-06", "2026-10-29"})
    void fourDaysApartIsOutsideTheExactWindowButTolerated(String ledgerDate) {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-02 R1
          l1   ledger OPS     EUR 10.00  %s R1
          """
              .formatted(ledgerDate),
          "b1+l1 by " + TOLERANT);
    }

    @Test
    void oneCentDifferenceIsNotExactButTolerated() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount  date       ref
              b1   bank   OPS     EUR 1190.00 2026-11-03 INV-7
              l1   ledger OPS     EUR 1190.01 2026-11-03 INV-7
              """,
              "b1+l1 by " + TOLERANT);
      assertThat(outcome.groups().get(0).amountDeltaMinor()).isEqualTo(1);
      assertThat(outcome.groups().get(0).confidence()).isLessThan(java.math.BigDecimal.ONE);
    }

    @Test
    void differentAccountsOrCurrenciesNeverMatch() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-02 R1
          l1   ledger SAVINGS EUR 10.00  2026-11-02 R1
          b2   bank   OPS     USD 20.00  2026-11-02 R2
          l2   ledger OPS     EUR 20.00  2026-11-02 R2
          """);
    }

    @Test
    void itemsWithoutReferenceAreNotMatchedExactly() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR -12.50 2026-11-05 -
          l1   ledger OPS     EUR -12.50 2026-11-05 -
          """);
    }

    @Test
    void closerDateWinsWhenTwoLedgerLinesQualify() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 50.00  2026-11-10 R1
          l1   ledger OPS     EUR 50.00  2026-11-07 R1
          l2   ledger OPS     EUR 50.00  2026-11-09 R1
          """,
          "b1+l2 by " + EXACT);
    }

    @Test
    void identicalRowsOnBothSidesAreInterchangeableAndMatchAutomatically() {
      check(
          """
          name     side   account ccy amount date       ref
          fee#1    bank   OPS     EUR -2.50  2026-11-10 CARDFEE
          fee#2    bank   OPS     EUR -2.50  2026-11-10 CARDFEE
          gl-fee#1 ledger OPS     EUR -2.50  2026-11-10 CARDFEE
          gl-fee#2 ledger OPS     EUR -2.50  2026-11-10 CARDFEE
          """,
          "fee#1+gl-fee#1 by " + EXACT,
          "fee#2+gl-fee#2 by " + EXACT);
    }

    @Test
    void yenAndDinarAmountsMatchInTheirOwnMinorUnits() {
      check(
          """
          name side   account ccy amount   date       ref
          b1   bank   TOKYO   JPY 125000   2026-11-02 INV-1
          l1   ledger TOKYO   JPY 125000   2026-11-02 INV-1
          b2   bank   MANAMA  BHD 12.345   2026-11-02 INV-2
          l2   ledger MANAMA  BHD 12.345   2026-11-02 INV-2
          """,
          "b1+l1 by " + EXACT,
          "b2+l2 by " + EXACT);
    }
  }

  @Nested
  class Tolerant {
    @Test
    void aTypoInTheReferenceIsToleratedAndItsSimilarityRecorded() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount  date       ref
              b1   bank   OPS     EUR 2150.00 2026-11-10 INV-2026-1009
              l1   ledger OPS     EUR 2150.00 2026-11-10 INV-2026-1090
              """,
              "b1+l1 by " + TOLERANT);
      assertThat(outcome.groups().get(0).similarityBp()).isBetween(8500, 9999);
    }

    @Test
    void exactlyOneCurrencyUnitApartIsInsideAndOneMinorUnitMoreIsOutside() {
      check(
          """
          name side   account ccy amount  date       ref
          b1   bank   OPS     EUR 100.00  2026-11-10 INV-1
          l1   ledger OPS     EUR 101.00  2026-11-10 INV-1
          b2   bank   OPS     EUR 200.00  2026-11-10 INV-2
          l2   ledger OPS     EUR 201.01  2026-11-10 INV-2
          b3   bank   TOKYO   JPY 5000    2026-11-10 INV-3
          l3   ledger TOKYO   JPY 5001    2026-11-10 INV-3
          b4   bank   TOKYO   JPY 6000    2026-11-10 INV-4
          l4   ledger TOKYO   JPY 6002    2026-11-10 INV-4
          """,
          "b1+l1 by " + TOLERANT,
          "b3+l3 by " + TOLERANT);
    }

    @Test
    void fiveDaysApartIsInsideAndSixIsOutside() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-10 INV-1
          l1   ledger OPS     EUR 10.00  2026-11-15 INV-1
          b2   bank   OPS     EUR 20.00  2026-11-10 INV-2
          l2   ledger OPS     EUR 20.00  2026-11-16 INV-2
          """,
          "b1+l1 by " + TOLERANT);
    }

    @Test
    void dissimilarReferencesAreNotTolerated() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-10 INV-2026-1001
          l1   ledger OPS     EUR 10.00  2026-11-10 PO-77812
          """);
    }

    @Test
    void anExactMatchBeatsATolerantOneForTheSameItem() {
      check(
          """
          name side   account ccy amount date       ref
          b1   bank   OPS     EUR 10.00  2026-11-10 INV-1
          l1   ledger OPS     EUR 10.50  2026-11-10 INV-1
          l2   ledger OPS     EUR 10.00  2026-11-12 INV-1
          """,
          "b1+l2 by " + EXACT);
    }
  }

  @Nested
  class KeyedOneToMany {
    private static final String KEYED = "Keyed: ledger line to bank lines sharing its reference";

    @Test
    void aReceiptPaidInInstalmentsMatchesAllItsBankLines() {
      check(
          """
          name side   account ccy amount date       ref
          l1   ledger OPS     EUR 900.00 2026-11-10 INV-2026-1001
          b1   bank   OPS     EUR 300.00 2026-11-08 INV-2026-1001
          b2   bank   OPS     EUR 600.00 2026-11-11 INV-2026-1001
          b3   bank   OPS     EUR 600.00 2026-11-20 INV-2026-1001
          """,
          "b1+b2+l1 by " + KEYED);
    }

    @Test
    void instalmentsThatDoNotAddUpStayOpen() {
      check(
          """
          name side   account ccy amount date       ref
          l1   ledger OPS     EUR 900.00 2026-11-10 INV-2026-1001
          b1   bank   OPS     EUR 300.00 2026-11-08 INV-2026-1001
          b2   bank   OPS     EUR 599.99 2026-11-11 INV-2026-1001
          """);
    }
  }

  @Nested
  class KeylessSplits {
    private static final String SPLIT = "Keyless split: bank line to ledger lines";

    @Test
    void oneBankLinePaysThreeInvoicesOfTheSamePayer() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref payout counterparty
              b1   bank   OPS     EUR 900.00 2026-11-10 -   -      NORDWIND
              l1   ledger OPS     EUR 250.00 2026-11-08 -   -      NORDWIND
              l2   ledger OPS     EUR 400.00 2026-11-09 -   -      NORDWIND
              l3   ledger OPS     EUR 250.00 2026-11-10 -   -      NORDWIND
              l4   ledger OPS     EUR 333.00 2026-11-10 -   -      NORDWIND
              l5   ledger OPS     EUR 400.00 2026-11-10 -   -      POLAR
              """,
              "b1+l1+l2+l3 by " + SPLIT);
      assertThat(outcome.groups().get(0).explanation()).contains("subset search exhausted");
    }

    @Test
    void linesOfAnotherPayerOrOutsideTheWindowAreNotSearched() {
      check(
          """
          name side   account ccy amount date       ref payout counterparty
          b1   bank   OPS     EUR 650.00 2026-11-10 -   -      NORDWIND
          l1   ledger OPS     EUR 250.00 2026-11-06 -   -      NORDWIND
          l2   ledger OPS     EUR 400.00 2026-11-10 -   -      NORDWIND
          l3   ledger OPS     EUR 250.00 2026-11-10 -   -      POLAR
          """);
    }

    @Test
    void twoSubsetsThatBothFitAreAmbiguous() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref payout counterparty
              b1   bank   OPS     EUR 30.00  2026-11-10 -   -      NORDWIND
              l1   ledger OPS     EUR 10.00  2026-11-10 -   -      NORDWIND
              l2   ledger OPS     EUR 20.00  2026-11-10 -   -      NORDWIND
              l3   ledger OPS     EUR 12.00  2026-11-10 -   -      NORDWIND
              l4   ledger OPS     EUR 18.00  2026-11-10 -   -      NORDWIND
              """,
              "b1+l1+l2 AMBIGUOUS by " + SPLIT);
      assertThat(outcome.groups()).noneMatch(ProposedGroup::accepted);
    }

    @Test
    void oneReceiptInTheLedgerCanEqualSeveralBankLines() {
      check(
          """
          name side   account ccy amount date       ref payout counterparty
          l1   ledger OPS     EUR 700.00 2026-11-10 -   -      POLAR
          b1   bank   OPS     EUR 300.00 2026-11-09 -   -      POLAR
          b2   bank   OPS     EUR 400.00 2026-11-11 -   -      POLAR
          """,
          "b1+b2+l1 by Keyless split: ledger line to bank lines");
    }
  }

  @Nested
  class WhyUnmatched {
    private String why(MatchOutcome outcome, String name) {
      return outcome.unmatched().stream()
          .filter(item -> item.naturalKey().equals(name))
          .map(item -> outcome.whyUnmatched().get(item.id()))
          .findFirst()
          .orElseThrow();
    }

    @Test
    void sameReferenceTooManyDaysApartNamesTheCounterpartAndBothWindows() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR 410.00 2026-11-10 INV-2026-1008
              l1   ledger OPS     EUR 410.00 2026-11-03 INV-2026-1008
              """);
      assertThat(why(outcome, "b1"))
          .isEqualTo(
              "Nearest: ledger scenario:2: same reference and amount; booked 7 day(s) apart"
                  + " (exact allows 3, tolerant 5)");
    }

    @Test
    void anAmountBeyondTheToleranceIsStated() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR 100.00 2026-11-10 INV-1
              l1   ledger OPS     EUR 98.50  2026-11-10 INV-1
              """);
      assertThat(why(outcome, "l1"))
          .contains(
              "bank scenario:1: same reference; amounts differ by 1.50 (tolerant allows 1.00)");
    }

    @Test
    void sameAmountWithADifferentReferenceShowsTheSimilarity() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR 77.00  2026-11-10 INV-2026-1001
              l1   ledger OPS     EUR 77.00  2026-11-12 PO-77812
              """);
      assertThat(why(outcome, "b1"))
          .isEqualTo(
              "Nearest: ledger scenario:2: same amount; references \"INV20261001\" and"
                  + " \"PO77812\" are only "
                  + dev.recon.rules.NearMisses.similarity(
                      dev.recon.rules.Similarity.jaroWinklerBp("INV20261001", "PO77812"))
                  + " similar (tolerant needs 0.8500)");
    }

    @Test
    void similarReferencesTooManyDaysApartBlameTheDaysNotTheReferences() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount  date       ref
              b1   bank   OPS     EUR 2150.00 2026-11-10 INV-2026-1009
              l1   ledger OPS     EUR 2150.00 2026-11-03 INV-2026-1090
              """);
      assertThat(why(outcome, "b1"))
          .isEqualTo(
              "Nearest: ledger scenario:2: same amount; booked 7 day(s) apart (tolerant allows 5)");
    }

    @Test
    void aChargeWhosePayoutIsNotOnTheStatementSaysSo() {
      MatchOutcome outcome =
          check(
              """
              name side    account ccy amount date       ref  payout
              g1   gateway STRIPE  EUR 295.25 2026-11-11 ch_6 po_1QdemoB9
              """);
      assertThat(why(outcome, "g1")).contains("is on no imported bank statement yet");
    }

    @Test
    void aPayoutThatDoesNotAddUpSaysByHowMuch() {
      MatchOutcome outcome =
          check(
              """
              name side    account ccy amount date       ref    payout
              b1   bank    OPS     EUR 100.00 2026-11-11 po_9x  -
              g1   gateway STRIPE  EUR 60.00  2026-11-09 ch_1   po_9x
              g2   gateway STRIPE  EUR 39.99  2026-11-09 ch_2   po_9x
              """);
      assertThat(why(outcome, "b1"))
          .isEqualTo(
              "Nearest: payout PO9X: its 2 gateway transaction(s) sum to 99.99 but the bank line is"
                  + " 100.00");
    }

    @Test
    void anItemWithNothingCloseSaysThat() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR -12.50 2026-11-05 -
              """);
      assertThat(why(outcome, "b1")).isEqualTo(dev.recon.matching.WhyUnmatched.NOTHING_CLOSE);
    }
  }

  @Nested
  class Ambiguity {
    @Test
    void tenChequesOfThirtyDollarsOnOneDayAreNeverAutoAccepted() {
      StringBuilder table = new StringBuilder("name side account ccy amount date ref\n");
      for (int i = 1; i <= 10; i++) {
        table.append("chq%d bank OPS USD 30.00 2026-11-10 CHEQUE\n".formatted(i));
        table.append("gl%d ledger OPS USD 30.00 2026-11-10 CHEQUE\n".formatted(i));
      }
      Scenario scenario = Scenario.parse(table.toString());

      MatchOutcome outcome = Matcher.match(scenario.items(), RuleSet.standard());

      assertThat(outcome.groups()).isNotEmpty().noneMatch(ProposedGroup::accepted);
      assertThat(outcome.groups())
          .allSatisfy(g -> assertThat(g.status()).isEqualTo(ProposedGroup.Status.AMBIGUOUS))
          .allSatisfy(
              g -> assertThat(g.explanation()).startsWith("Ambiguous: ").contains("Review"));
    }

    @Test
    void ambiguousItemsAreHeldForReviewNotGivenToAWeakerRule() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref         payout
              b1   bank   OPS     EUR 30.00  2026-11-10 PO1         -
              l1   ledger OPS     EUR 30.00  2026-11-10 PO1         -
              l2   ledger OPS     EUR 30.00  2026-11-10 PO1         -
              g1   gateway STRIPE EUR 30.00  2026-11-09 ch_1        PO1
              """,
              "b1+l1 AMBIGUOUS by " + EXACT);
      assertThat(outcome.unmatched()).extracting(Item::naturalKey).containsExactly("g1");
      assertThat(outcome.groups().get(0).heldItems())
          .extracting(Item::naturalKey)
          .containsExactly("l2");
    }

    @Test
    void aCloserCandidateWinsAndTheRunnerUpIsNamed() {
      MatchOutcome outcome =
          check(
              """
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR 50.00  2026-11-10 R1
              l1   ledger OPS     EUR 50.00  2026-11-08 R1
              l2   ledger OPS     EUR 50.00  2026-11-09 R1
              """,
              "b1+l2 by " + EXACT);
      assertThat(outcome.groups().get(0).explanation()).contains("next best: ledger scenario:2");
    }
  }

  @Nested
  class GatewayPayouts {
    private static final String PAYOUT_SCENARIO =
        """
        name side    account ccy amount  date       ref          payout
        b1   bank    OPS     EUR 3310.75 2026-11-04 po_1QdemoA7  -
        g1   gateway STRIPE  EUR 1181.75 2026-11-01 ch_1         po_1QdemoA7
        g2   gateway STRIPE  EUR 2204.41 2026-11-01 ch_2         po_1QdemoA7
        g3   gateway STRIPE  EUR -75.00  2026-11-02 re_1         po_1QdemoA7
        g4   gateway STRIPE  EUR -0.41   2026-11-02 -            po_1QdemoA7
        g5   gateway STRIPE  EUR 295.25  2026-11-11 ch_6         po_1QdemoB9
        """;

    @Test
    void payoutMatchesTheNetSumOfItsTransactions() {
      MatchOutcome outcome = check(PAYOUT_SCENARIO, "b1+g1+g2+g3+g4 by " + PAYOUT);
      assertThat(outcome.groups().get(0).differenceMinor()).isZero();
      assertThat(outcome.unmatched()).extracting(Item::naturalKey).containsExactly("g5");
    }

    @Test
    void aPayoutIdThatIsAlsoAReferenceOnAnotherAccountStillFindsItsBankLine() {
      check(
          """
          name side    account ccy amount  date       ref   payout
          a1   bank    AAA     EUR 999.00  2026-11-04 7781  -
          b1   bank    OPS     EUR 150.00  2026-11-04 7781  -
          g1   gateway STRIPE  EUR 100.00  2026-11-02 ch_1  7781
          g2   gateway STRIPE  EUR 50.00   2026-11-02 ch_2  7781
          """,
          "b1+g1+g2 by " + PAYOUT);
    }

    @Test
    void payoutOffByOneCentStaysOpen() {
      check(PAYOUT_SCENARIO.replace("3310.75", "3310.76"));
    }

    /** Two charges of 100.00 with 3.00 fees each, paid out as 194.00, and booked as sales. */
    private static final String SETTLED_AND_BOOKED =
        """
        name side    account ccy amount date       ref           payout counterparty gross
        b1   bank    OPS     EUR 194.00 2026-11-05 po_7          -      -            -
        g1   gateway STRIPE  EUR 97.00  2026-11-02 INV-2026-0101 po_7   -            100.00
        g2   gateway STRIPE  EUR 97.00  2026-11-03 INV-2026-0102 po_7   -            100.00
        l1   ledger  STRIPE  EUR 100.00 2026-11-02 INV-2026-0101 -      -            -
        l2   ledger  STRIPE  EUR 100.00 2026-11-04 INV-2026-0102 -      -            -
        """;

    @Test
    void chargesAreSettledInTheirPayoutAndBookedAgainstTheLedgerBoth() {
      MatchOutcome outcome =
          check(
              SETTLED_AND_BOOKED, "b1+g1+g2 by " + PAYOUT, "g1+l1 by " + SALE, "g2+l2 by " + SALE);
      assertThat(outcome.unmatched()).isEmpty();
      ProposedGroup payout = group(outcome, PAYOUT);
      assertThat(payout.feeTotalMinor())
          .as("the payout's fees, for the correction step")
          .isEqualTo(600);
      assertThat(payout.differenceMinor()).isZero();
      ProposedGroup sale = group(outcome, SALE);
      assertThat(sale.differenceMinor()).as("the ledger books the gross").isZero();
      assertThat(sale.feeTotalMinor()).as("fees are booked once, with the payout").isZero();
    }

    @Test
    void aSaleBookedForTheNetIsNotASale() {
      check(
          SETTLED_AND_BOOKED.replace(
              "l1   ledger  STRIPE  EUR 100.00", "l1   ledger  STRIPE  EUR 97.00"),
          "b1+g1+g2 by " + PAYOUT,
          "g2+l2 by " + SALE);
    }

    @Test
    void aChargeBookedButNotYetPaidOutStaysOpen() {
      Scenario scenario = Scenario.parse(SETTLED_AND_BOOKED.replaceAll("(?m)^\\s*b1 .*$", ""));

      MatchOutcome outcome = Matcher.match(scenario.items(), RuleSet.standard());

      assertThat(scenario.groups(outcome)).containsExactly("g1+l1 by " + SALE, "g2+l2 by " + SALE);
      assertThat(outcome.unmatched())
          .as("the money has not reached the bank")
          .extracting(Item::naturalKey)
          .containsExactly("g1", "g2");
    }

    @Test
    void aChargeAlreadySettledByAnEarlierRunIsOfferedOnlyForItsSale() {
      Scenario scenario = Scenario.parse(SETTLED_AND_BOOKED);
      List<Item> withoutBank =
          scenario.items().stream().filter(i -> !i.naturalKey().equals("b1")).toList();
      Map<Long, Set<Scope>> settled =
          Map.of(2L, Set.of(Scope.SETTLEMENT), 3L, Set.of(Scope.SETTLEMENT));

      MatchOutcome outcome = Matcher.match(withoutBank, RuleSet.standard(), settled);

      assertThat(scenario.groups(outcome)).containsExactly("g1+l1 by " + SALE, "g2+l2 by " + SALE);
      assertThat(outcome.unmatched()).isEmpty();
    }

    @Test
    void aChargeAlreadyBookedIsNotBookedAgain() {
      Scenario scenario = Scenario.parse(SETTLED_AND_BOOKED);
      Map<Long, Set<Scope>> booked = Map.of(2L, Set.of(Scope.SALES));

      MatchOutcome outcome = Matcher.match(scenario.items(), RuleSet.standard(), booked);

      assertThat(scenario.groups(outcome))
          .containsExactly("b1+g1+g2 by " + PAYOUT, "g2+l2 by " + SALE);
      assertThat(outcome.unmatched()).extracting(Item::naturalKey).containsExactly("l1");
    }

    private static ProposedGroup group(MatchOutcome outcome, String rule) {
      return outcome.groups().stream()
          .filter(g -> g.ruleName().equals(rule))
          .findFirst()
          .orElseThrow();
    }
  }

  @Nested
  class Determinism {
    @Test
    void groupsBalanceWithinTheirToleranceAndShareNoItemWithinAScope() {
      for (long seed = 1; seed <= 5; seed++) {
        Scenario scenario = Scenario.parse(randomScenario(new Random(seed), 400));
        MatchOutcome outcome = Matcher.match(scenario.items(), RuleSet.standard());
        List<String> perScope = new ArrayList<>();
        List<Long> bankOrLedger = new ArrayList<>();
        java.util.Set<Long> placed = new java.util.HashSet<>();
        for (ProposedGroup group : outcome.groups()) {
          assertThat(Math.abs(group.differenceMinor()))
              .as("seed %d: %s balances within what its rule tolerated", seed, group.explanation())
              .isLessThanOrEqualTo(group.amountDeltaMinor())
              .isEqualTo(Math.abs(GroupSums.differenceMinor(group.items())));
          Scope scope = GroupSums.scopeOf(group.items());
          List<Item> members = new ArrayList<>(group.items());
          members.addAll(group.heldItems());
          for (Item item : members) {
            perScope.add(item.id() + " in " + scope);
            placed.add(item.id());
            if (item.fact().side() != dev.recon.facts.Side.GATEWAY) {
              bankOrLedger.add(item.id());
            }
          }
        }
        assertThat(perScope).as("seed %d", seed).doesNotHaveDuplicates();
        assertThat(bankOrLedger).as("seed %d", seed).doesNotHaveDuplicates();
        assertThat(outcome.unmatched()).extracting(Item::id).doesNotContainAnyElementsOf(placed);
        assertThat(placed.size() + outcome.unmatched().size())
            .as("every item is placed or left over")
            .isEqualTo(scenario.items().size());
        assertThat(perScope)
            .as("seed %d: sales are found", seed)
            .anyMatch(s -> s.endsWith("SALES"));
        assertThat(perScope)
            .as("seed %d: payouts are found", seed)
            .anyMatch(s -> s.endsWith("SETTLEMENT"));
      }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameItemsInAnyOrderGiveTheSameGroups(long seed) {
      Random random = new Random(seed);
      String table = randomScenario(random, 300);
      Scenario original = Scenario.parse(table);
      TreeSet<String> expected =
          original.groups(Matcher.match(original.items(), RuleSet.standard()));
      assertThat(expected).isNotEmpty();

      List<String> rows = new ArrayList<>(Arrays.asList(table.strip().split("\\R")));
      Collections.shuffle(rows, random);
      Scenario shuffled = Scenario.parse(String.join("\n", rows));
      assertThat(shuffled.groups(Matcher.match(shuffled.items(), RuleSet.standard())))
          .isEqualTo(expected);
    }

    /**
     * Bank and ledger lines drawn from few amounts, references and dates, so that many items
     * compete for the same counterparts and the tie-breaking is really exercised.
     */
    /**
     * Bank and ledger lines of one account with few amounts, dates and references (so rules
     * compete), and gateway charges in a few payouts with sale lines in the gateway's ledger
     * account, some bank lines carrying a payout id.
     */
    private static String randomScenario(Random random, int rows) {
      StringBuilder table = new StringBuilder();
      int[] payoutSums = new int[3];
      for (int i = 0; i < rows; i++) {
        String date = "2026-11-" + (10 + random.nextInt(6));
        int amount = 10 + random.nextInt(4);
        int payout = random.nextInt(payoutSums.length);
        int invoice = random.nextInt(8);
        switch (random.nextInt(6)) {
          case 0 -> {
            payoutSums[payout] += amount;
            table.append(
                "g%d gateway STRIPE EUR %d.00 %s INV-2026-%04d P%d - %d.50%n"
                    .formatted(i, amount, date, invoice, payout, amount));
          }
          case 1 ->
              table.append(
                  "s%d ledger STRIPE EUR %d.50 %s INV-2026-%04d%n"
                      .formatted(i, amount, date, invoice));
          default -> {
            String side = random.nextBoolean() ? "bank" : "ledger";
            String ref = random.nextInt(8) == 0 ? "P" + payout : "R" + random.nextInt(5);
            table.append(
                "%s%d %s OPS EUR %d.00 %s %s%n"
                    .formatted(side.charAt(0), i, side, amount, date, ref));
          }
        }
      }
      // Each payout's bank line, for the sum of its transactions' nets.
      for (int payout = 0; payout < payoutSums.length; payout++) {
        table.append(
            "p%d bank OPS EUR %d.00 2026-11-16 P%d%n"
                .formatted(payout, payoutSums[payout], payout));
      }
      return table.toString();
    }
  }
}
