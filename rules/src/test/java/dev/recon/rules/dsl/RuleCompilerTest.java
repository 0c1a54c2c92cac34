package dev.recon.rules.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import dev.recon.rules.RuleHarness;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rule language: what each word does once compiled and run, and how mistakes are reported. */
class RuleCompilerTest {
  private static RuleCompiler.Compiled compile(String text) {
    return RuleCompiler.compile(
        "dev.recon.rules.compiled.test", List.of(new RuleCompiler.Source("test.rules", text)));
  }

  /** Compiles the rules, runs them over the items, and describes the candidates found. */
  private static List<String> run(String rules, MatchItem... items) {
    List<String> found = new ArrayList<>();
    for (MatchCandidate candidate : RuleHarness.fire(compile(rules), items)) {
      List<Long> ids = candidate.items().stream().map(MatchItem::getId).sorted().toList();
      found.add(
          candidate.ruleName()
              + " "
              + ids
              + (candidate.automatic() ? "" : " suggested")
              + " "
              + candidate.confidenceBp());
    }
    return found.stream().sorted().toList();
  }

  private static MatchItem item(
      long id, String side, long amountMinor, int day, String reference, String counterparty) {
    return item(id, side, amountMinor, amountMinor, day, reference, counterparty, null);
  }

  private static MatchItem item(
      long id,
      String side,
      long amountMinor,
      long grossMinor,
      int day,
      String reference,
      String counterparty,
      String payout) {
    return new MatchItem(
        id,
        side + id,
        side,
        "OPS",
        "EUR",
        amountMinor,
        grossMinor,
        100,
        day,
        day,
        reference,
        counterparty,
        payout,
        true,
        true,
        (int) id);
  }

  @Nested
  class Words {
    @Test
    void equalAndWithinDaysMakeAnExactPair() {
      assertThat(
              run(
                  """
                  rule "Exact"
                    match bank to ledger one-to-one
                    when amount equal and reference equal and booking_date within 2 days
                    accept automatically with confidence 1.00
                  """,
                  item(1, "BANK", 100_00, 10, "INV1", null),
                  item(2, "LEDGER", 100_00, 12, "INV1", null),
                  item(3, "LEDGER", 100_00, 13, "INV1", null),
                  item(4, "LEDGER", 100_01, 10, "INV1", null)))
          .containsExactly("Exact [1, 2] 10000");
    }

    @Test
    void amountWithinAnAbsoluteTolerance() {
      assertThat(
              run(
                  """
                  rule "Near"
                    match bank to ledger one-to-one
                    when amount within 0.05 and reference equal
                    accept automatically confidence 0.9
                  """,
                  item(1, "BANK", 100_00, 10, "INV1", null),
                  item(2, "LEDGER", 100_05, 10, "INV1", null),
                  item(3, "LEDGER", 99_94, 10, "INV1", null)))
          .containsExactly("Near [1, 2] 8950");
    }

    @Test
    void amountWithinAPercentageOrAnAbsoluteTolerance() {
      String rules =
          """
          rule "Percent"
            match bank to ledger one-to-one
            when reference equal and amount within 0.10 or 1 %
            suggest for review, confidence 0.80
          """;
      assertThat(
              run(
                  rules,
                  item(1, "BANK", 1000_00, 10, "INV1", null),
                  item(2, "LEDGER", 1010_00, 10, "INV1", null),
                  item(3, "LEDGER", 1010_01, 10, "INV1", null)))
          .containsExactly("Percent [1, 2] suggested 0");
    }

    @Test
    void bucketedToleranceFindsPairsWithoutAnyEqualField() {
      assertThat(
              run(
                  """
                  rule "Amount only"
                    match bank to ledger one-to-one
                    when amount within 1.00 and booking_date within 1 days
                    accept automatically confidence 0.5
                  """,
                  item(1, "BANK", 199_50, 10, "A", null),
                  item(2, "LEDGER", 200_50, 11, "B", null),
                  item(3, "LEDGER", 200_51, 10, "C", null)))
          .containsExactly("Amount only [1, 2] 3900");
    }

    @Test
    void similarContainsAndMatches() {
      assertThat(
              run(
                  """
                  rule "Text"
                    match bank to ledger one-to-one
                    when counterparty equal
                     and reference similar at least 0.90
                     and bank.reference contains "INV"
                     and ledger.reference matches "INV[0-9]+"
                    accept automatically confidence 1.00
                  """,
                  item(1, "BANK", 5_00, 10, "INV20261009", "ACME"),
                  item(2, "LEDGER", 7_00, 10, "INV20261090", "ACME"),
                  item(3, "LEDGER", 7_00, 10, "INV2026109X", "ACME"),
                  item(4, "LEDGER", 7_00, 10, "INV20261009", "OTHER")))
          .containsExactly("Text [1, 2] 7818");
    }

    @Test
    void comparisonsWithConstantsAndAcrossSides() {
      assertThat(
              run(
                  """
                  rule "Outgoing"
                    match bank to ledger one-to-one
                    when reference equal and bank.amount < 0 and ledger.amount = bank.amount
                     and bank.counterparty != "INTERNAL"
                    accept automatically confidence 1.00
                  """,
                  item(1, "BANK", -50_00, 10, "R1", "SUPPLIER"),
                  item(2, "LEDGER", -50_00, 10, "R1", null),
                  item(3, "BANK", 60_00, 10, "R2", "SUPPLIER"),
                  item(4, "LEDGER", 60_00, 10, "R2", null),
                  item(5, "BANK", -70_00, 10, "R3", "INTERNAL"),
                  item(6, "LEDGER", -70_00, 10, "R3", null)))
          .containsExactly("Outgoing [1, 2] 10000");
    }

    @Test
    void groupedBySumsTheGroupAndHonoursAtLeast() {
      String rules =
          """
          rule "Payout"
            match gateway to bank many-to-one grouped by payout_id
            when bank.reference = gateway.payout_id and bank.amount = sum(net)
            at least 2 items
            accept automatically confidence 1.00
            book sum(fee) to "6815 Payment fees"
          """;
      assertThat(
              run(
                  rules,
                  item(1, "BANK", 194_00, 194_00, 10, "PO7", null, null),
                  item(2, "GATEWAY", 97_00, 100_00, 9, "ch1", null, "PO7"),
                  item(3, "GATEWAY", 97_00, 100_00, 9, "ch2", null, "PO7"),
                  item(4, "BANK", 50_00, 50_00, 10, "PO8", null, null),
                  item(5, "GATEWAY", 50_00, 51_00, 9, "ch3", null, "PO8")))
          .containsExactly("Payout [1, 2, 3] 10000");
      assertThat(compile(rules).rules().get(0).bookings())
          .containsExactly("sum(fee) to 6815 Payment fees");
    }

    @Test
    void sumOfGrossAgainstTheLedger() {
      assertThat(
              run(
                  """
                  rule "Daily sales"
                    match ledger to gateway one-to-many grouped by reference
                    when reference equal and ledger.amount = sum(gross)
                    accept automatically confidence 0.95
                  """,
                  item(1, "LEDGER", 200_00, 200_00, 10, "DAY10", null, null),
                  item(2, "GATEWAY", 97_00, 100_00, 10, "DAY10", null, null),
                  item(3, "GATEWAY", 97_00, 100_00, 10, "DAY10", null, null)))
          .containsExactly("Daily sales [1, 2, 3] 9500");
    }

    @Test
    void searchWithoutAKeyFindsTheSubsetThatAddsUp() {
      assertThat(
              run(
                  """
                  rule "Split"
                    match bank to ledger one-to-many
                    when counterparty equal and bank.amount = sum(amount)
                    search at most 3 items among 10 candidates
                    accept automatically confidence 0.90
                  """,
                  item(1, "BANK", 90_00, 10, null, "NORD"),
                  item(2, "LEDGER", 40_00, 10, null, "NORD"),
                  item(3, "LEDGER", 50_00, 10, null, "NORD"),
                  item(4, "LEDGER", 45_00, 10, null, "NORD"),
                  item(5, "LEDGER", 50_00, 10, null, "SUD")))
          .containsExactly("Split [1, 2, 3] 9000");
    }

    @Test
    void valueDateBothTolerancesAndTheRestOfTheComparisons() {
      MatchItem bank =
          new MatchItem(
              1, "b1", "BANK", "OPS", "EUR", 1000_00, 1000_00, 100, 10, 20, "R1", null, null, true,
              true, 0);
      MatchItem nearValue =
          new MatchItem(
              2, "l2", "LEDGER", "OPS", "EUR", 1000_50, 1000_50, 100, 30, 21, "R1", null, null,
              true, true, 1);
      MatchItem farValue =
          new MatchItem(
              3, "l3", "LEDGER", "OPS", "EUR", 1000_50, 1000_50, 100, 10, 25, "R1", null, null,
              true, true, 2);
      MatchItem tooFar =
          new MatchItem(
              4, "l4", "LEDGER", "OPS", "EUR", 1001_01, 1001_01, 100, 10, 20, "R1", null, null,
              true, true, 3);
      assertThat(
              run(
                  """
                  rule "Value dated"
                    match bank to ledger one-to-one
                    when reference equal and value_date within 1 days
                     and amount within 1.00 and 0.1 %
                     and bank.amount >= 1000 and ledger.amount <= 1001
                     and ledger.amount > bank.amount
                    accept automatically confidence 1
                    book difference up to 1.00 to "6890 Payment differences"
                  """,
                  bank, nearValue, farValue, tooFar))
          .containsExactly("Value dated [1, 2] 9400");
    }

    @Test
    void sumOfFeesAgainstABankCharge() {
      assertThat(
              run(
                  """
                  rule "Fees"
                    match ledger to gateway one-to-many grouped by payout_id
                    when ledger.reference = gateway.payout_id and ledger.amount = sum(fee)
                    suggest for review confidence 0.7
                  """,
                  item(1, "LEDGER", 6_00, 6_00, 10, "PO7", null, null),
                  item(2, "GATEWAY", 97_00, 100_00, 9, "ch1", null, "PO7"),
                  item(3, "GATEWAY", 97_00, 100_00, 9, "ch2", null, "PO7")))
          .containsExactly("Fees [1, 2, 3] suggested 7000");
    }

    @Test
    void aPairAnEarlierRuleTakesIsLeftToIt() {
      assertThat(
              run(
                  """
                  rule "Exact" match bank to ledger one-to-one
                    when amount equal and reference equal accept automatically confidence 1
                  rule "Loose" match ledger to bank one-to-one
                    when reference equal suggest for review confidence 0.5
                  """,
                  item(1, "BANK", 10_00, 10, "R1", null),
                  item(2, "LEDGER", 10_00, 10, "R1", null),
                  item(3, "BANK", 10_00, 10, "R2", null),
                  item(4, "LEDGER", 12_00, 10, "R2", null)))
          .containsExactly("Exact [1, 2] 10000", "Loose [3, 4] suggested 5000");
    }
  }

  @Nested
  class Errors {
    private void fails(String text, String... expected) {
      ThrowingCallable compiling = () -> compile(text);
      assertThatThrownBy(compiling)
          .isInstanceOf(RuleFileException.class)
          .satisfies(
              e ->
                  assertThat(((RuleFileException) e).errors())
                      .extracting(RuleError::toString)
                      .containsExactly(expected));
    }

    private static final String HEAD = "rule \"R\"\n  match bank to ledger one-to-one\n";

    @Test
    void misspeltFieldIsNamedWithTheNearestWord() {
      fails(
          HEAD + "  when amout equal\n  accept automatically confidence 1\n",
          "test.rules:3:8: unknown field 'amout' (did you mean 'amount'?); fields are amount, net,"
              + " gross, fee, booking_date, value_date, reference, counterparty, payout_id,"
              + " account, currency");
    }

    @Test
    void misspeltKeywordIsNamedWithTheNearestWord() {
      fails(
          "rule \"R\"\n  match bank to ledger one-to-on\n  when amount equal\n  accept"
              + " automatically confidence 1\n",
          "test.rules:2:24: expected one-to-one, one-to-many or many-to-one, found 'one-to-on'"
              + " (did you mean 'one-to-one'?)");
      fails(
          HEAD + "  when amount equal\n  acept automatically confidence 1\n",
          "test.rules:4:3: expected the outcome ('accept automatically' or 'suggest for review'),"
              + " found 'acept' (did you mean 'accept'?)");
      fails(
          "rule \"R\"\n  match bnak to ledger one-to-one\n  when amount equal\n  accept"
              + " automatically confidence 1\n",
          "test.rules:2:9: expected a side (bank, ledger or gateway), found 'bnak' (did you mean"
              + " 'bank'?)");
    }

    @Test
    void aDateComparedWithAnAmountIsATypeError() {
      fails(
          HEAD
              + "  when reference equal and bank.booking_date = ledger.amount\n"
              + "  accept automatically confidence 1\n",
          "test.rules:3:28: rule \"R\": cannot compare booking_date (a date) with amount (an"
              + " amount)");
    }

    @Test
    void aToleranceOnTextIsATypeError() {
      fails(
          HEAD + "  when reference within 1.00\n  accept automatically confidence 1\n",
          "test.rules:3:8: rule \"R\": a tolerance in currency units or % needs an amount field;"
              + " reference is text");
    }

    @Test
    void similarityOnAnAmountAndDaysOnTextAreTypeErrors() {
      fails(
          HEAD
              + "  when reference equal and amount similar at least 0.9 and reference within 3"
              + " days\n  accept automatically confidence 1\n",
          "test.rules:3:28: rule \"R\": similarity is measured on text (reference, counterparty);"
              + " amount is an amount",
          "test.rules:3:60: rule \"R\": a window in days needs a date field (booking_date,"
              + " value_date); reference is text");
    }

    @Test
    void aRuleWithoutAnIndexedConditionIsRefused() {
      fails(
          HEAD + "  when booking_date within 3 days\n  accept automatically confidence 1\n",
          "test.rules:2:3: rule \"R\": this rule has no condition Recon can look candidates up"
              + " by: add a field equal on both sides (e.g. 'reference equal') or an amount"
              + " tolerance of at most 1.00 (one currency unit); without one it would compare"
              + " every item with every other");
    }

    @Test
    void aGroupSearchNeedsLimitsAndAnEqualField() {
      fails(
          "rule \"S\"\n  match bank to ledger one-to-many\n  when booking_date within 3 days and"
              + " bank.amount = sum(amount)\n  accept automatically confidence 0.9\n",
          "test.rules:4:3: rule \"S\": a one-to-many rule without 'grouped by' searches for"
              + " subsets: give its limits, e.g. 'search at most 4 items among 20 candidates'");
    }

    @Test
    void unqualifiedFieldInAComparisonAsksWhichSide() {
      fails(
          HEAD + "  when reference equal and amount > 0\n  accept automatically confidence 1\n",
          "test.rules:3:28: rule \"R\": say which side's amount: bank.amount or ledger.amount");
    }

    @Test
    void badRegexUnclosedTextAndStrayCharacters() {
      fails(
          HEAD
              + "  when reference equal and bank.reference matches \"[\"\n"
              + "  accept automatically confidence 1\n",
          "test.rules:3:28: rule \"R\": this regular expression does not compile: Unclosed"
              + " character class");
      fails(
          "rule \"R\n",
          "test.rules:1:6: this text has no closing \" on its line; close it",
          "test.rules:2:1: expected the rule's name in double quotes, found the end of the file");
      fails(
          HEAD + "  when amount equal ; accept automatically confidence 1\n",
          "test.rules:3:21: unexpected character ';'; rules use words, numbers, \"text\" and = !="
              + " < <= > >= ( ) , . %");
    }

    @Test
    void everyBrokenRuleIsReportedAndDuplicatesToo() {
      fails(
          HEAD
              + "  when amount equal\n  accept automatically confidence 1\n"
              + HEAD
              + "  when amount equal\n  accept automatically confidence 1\n"
              + "rule \"T\"\n  match bank to ledger one-to-one\n"
              + "  when amount equal\n  accept automatically confidence 2\n",
          "test.rules:5:1: a rule named \"R\" is already defined at line 1; rule names must"
              + " differ",
          "test.rules:12:35: a confidence is between 0 and 1 with at most 4 decimals, e.g. 0.95");
    }
  }

  @Nested
  class Versions {
    private static final String RULES =
        """
        # exact pairs
        rule "Exact"
          match bank to ledger one-to-one
          when amount equal and reference equal and booking_date within 3 days
          accept automatically with confidence 1.00
        """;

    @Test
    void reformattingAndCommentsKeepTheVersion() {
      String reformatted =
          "rule   \"Exact\" match bank to ledger one-to-one # a comment\n"
              + "when amount equal\n and reference equal\n and booking_date within 3 days\n\n"
              + "accept automatically with confidence 1.00";
      assertThat(compile(reformatted).version()).isEqualTo(compile(RULES).version());
    }

    @Test
    void changingAToleranceChangesTheVersion() {
      assertThat(compile(RULES.replace("3 days", "4 days")).version())
          .isNotEqualTo(compile(RULES).version());
    }
  }
}
