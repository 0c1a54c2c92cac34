package dev.recon.rules.dsl;

import java.math.BigDecimal;
import java.util.List;

/** What the parser reads from a rule file, before any checking. */
final class Ast {
  private Ast() {}

  /** A field, of one side ({@code bank.reference}) or of whichever side the rule means. */
  record FieldRef(String side, Field field, Token at) {}

  sealed interface Operand permits FieldOperand, TextOperand, NumberOperand, SumOperand {
    Token at();
  }

  record FieldOperand(FieldRef ref) implements Operand {
    public Token at() {
      return ref.at();
    }
  }

  record TextOperand(String value, Token at) implements Operand {}

  record NumberOperand(BigDecimal value, Token at) implements Operand {}

  record SumOperand(FieldRef ref, Token at) implements Operand {}

  sealed interface Condition
      permits Equal, Compare, AmountWithin, DaysWithin, Similar, Contains, Matches {
    Token at();
  }

  /** {@code reference equal}: the same value on both sides. */
  record Equal(FieldRef field, Token at) implements Condition {}

  /** {@code bank.reference = gateway.payout_id}, {@code ledger.amount > 0}, ... */
  record Compare(Operand left, String operator, Operand right, Token at) implements Condition {}

  /**
   * {@code amount within 1.00}, {@code within 0.5 %}, or both joined by {@code and} (both must
   * hold) or {@code or} (either may).
   */
  record AmountWithin(
      FieldRef field, BigDecimal absolute, BigDecimal percent, boolean either, Token at)
      implements Condition {}

  /** {@code booking_date within 3 days}. */
  record DaysWithin(FieldRef field, int days, Token at) implements Condition {}

  /** {@code reference similar at least 0.85} (Jaro-Winkler). */
  record Similar(FieldRef field, BigDecimal threshold, Token at) implements Condition {}

  /** {@code bank.reference contains gateway.payout_id} or {@code bank.reference contains "PO"}. */
  record Contains(Operand text, Operand part, Token at) implements Condition {}

  /** {@code bank.reference matches "PO-[0-9]+"}. */
  record Matches(Operand text, String regex, Token at) implements Condition {}

  /** {@code match bank to gateway one-to-many grouped by payout_id}. */
  record MatchClause(
      String first, String second, String cardinality, FieldRef groupKey, Token at) {}

  /** Search limits and group size; null when not given. */
  record Limits(Integer itemsMax, Integer candidatesMax, Integer itemsMin) {}

  record Outcome(boolean automatic, BigDecimal confidence, Token at) {}

  /**
   * {@code book sum(fee) to "6815 Payment fees"} or {@code book difference up to 0.05 to "..."}.
   */
  record Booking(Field sumOf, BigDecimal differenceUpTo, String account, Token at) {}

  record Rule(
      String name,
      Token at,
      MatchClause match,
      List<Condition> conditions,
      Limits limits,
      Outcome outcome,
      List<Booking> bookings) {}
}
