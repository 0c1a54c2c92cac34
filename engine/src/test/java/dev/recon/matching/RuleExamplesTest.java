package dev.recon.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleExamplesTest {
  private static RuleExamples.Report run(String examples) {
    return RuleExamples.run(
        RuleSet.standard(), List.of(new RuleSet.RuleFile("mine.examples", examples)));
  }

  @Test
  void everyStandardRuleHasAnExampleAndEveryExampleHolds() {
    RuleExamples.Report report = RuleExamples.run(RuleSet.standard(), RuleExamples.standard());

    assertThat(report.failures()).isEmpty();
    String examples = RuleExamples.standard().get(0).text();
    for (var rule : RuleSet.standard().rules()) {
      assertThat(examples)
          .as("an example for " + rule.name())
          .contains("by \"" + rule.name() + "\"");
    }
  }

  @Test
  void aCaseThatDoesNotHoldSaysWhereAndWhatDiffers() {
    RuleExamples.Report report =
        run(
            """
            # a wrong expectation
            case "Wrong rule"
              name side   account ccy amount date       ref
              b1   bank   OPS     EUR 10.00  2026-11-02 R1
              l1   ledger OPS     EUR 10.00  2026-11-02 R1
              l2   ledger OPS     EUR 99.00  2026-11-02 R9
            expect b1+l1 by "Tolerant bank to ledger"
            expect unmatched none
            """);

    assertThat(report.cases()).isEqualTo(1);
    assertThat(report.failures())
        .extracting(RuleExamples.Failure::toString)
        .containsExactly(
            "mine.examples:2: case \"Wrong rule\": groups differ: expected but not found"
                + " [b1+l1 by \"Tolerant bank to ledger\"], found but not expected"
                + " [b1+l1 by \"Exact bank to ledger\"]; unmatched differ: found but not expected"
                + " [l2]");
  }

  @Test
  void aBadLineIsNamedWithItsFileAndLine() {
    assertThatThrownBy(
            () ->
                run(
                    """
                    case "Bad"
                      b1 bank OPS EUR ten 2026-11-02
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mine.examples:2: ");
  }
}
