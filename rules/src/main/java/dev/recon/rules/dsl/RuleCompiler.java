package dev.recon.rules.dsl;

import dev.recon.rules.GroupSpec;
import dev.recon.rules.dsl.Ast.AmountWithin;
import dev.recon.rules.dsl.Ast.Compare;
import dev.recon.rules.dsl.Ast.Condition;
import dev.recon.rules.dsl.Ast.Contains;
import dev.recon.rules.dsl.Ast.DaysWithin;
import dev.recon.rules.dsl.Ast.Equal;
import dev.recon.rules.dsl.Ast.FieldOperand;
import dev.recon.rules.dsl.Ast.FieldRef;
import dev.recon.rules.dsl.Ast.Matches;
import dev.recon.rules.dsl.Ast.NumberOperand;
import dev.recon.rules.dsl.Ast.Operand;
import dev.recon.rules.dsl.Ast.Similar;
import dev.recon.rules.dsl.Ast.SumOperand;
import dev.recon.rules.dsl.Ast.TextOperand;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles rule files to one DRL package for the engine. Every check happens here, before Drools
 * sees anything: unknown words, types (a date compared with an amount, a tolerance on text), and
 * whether the rule can be run without comparing every item with every other. A file with any error
 * compiles to nothing.
 *
 * <p>The DRL keeps the engine's contract: rules only propose scored candidates into the {@code
 * candidates} global; every join is an indexed equality (an equal field, an amount bucket, or a
 * group key); a pair an earlier one-to-one rule of the same sides already proposes is left to it.
 */
public final class RuleCompiler {
  private static final int UNIT_SCALE_MAX = 4;

  private RuleCompiler() {}

  /** A rule file's name and text. */
  public record Source(String name, String text) {}

  /** A compiled rule: its number (1, 2, ...), place in the order and outcome. */
  public record CompiledRule(
      int number,
      String name,
      String file,
      int line,
      int priority,
      boolean automatic,
      BigDecimal confidence,
      List<String> bookings) {}

  /**
   * The compiled rule set.
   *
   * @param drl the DRL, one package
   * @param groupSpecs the group keys the engine inserts for grouped rules
   * @param version SHA-256 of the rules' normalized text: comments, blank lines and spacing do not
   *     change it, any word or number does
   * @param partitionable whether the rules join bank lines and gateway transactions only by payout
   *     (a bank line's reference equal to the payout id), which the engine's partitions keep
   *     together
   */
  public record Compiled(
      String drl,
      List<GroupSpec> groupSpecs,
      List<CompiledRule> rules,
      String version,
      boolean partitionable) {}

  /**
   * Compiles the files in the given order (rules are tried in the order written, file after file).
   *
   * @throws RuleFileException listing every error, with file, line and column
   */
  public static Compiled compile(String packageName, List<Source> sources) {
    List<RuleError> errors = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    Map<String, Ast.Rule> byName = new HashMap<>();
    StringBuilder normalized = new StringBuilder();
    for (Source source : sources) {
      List<Token> tokens = Lexer.tokens(source.name(), source.text(), errors);
      normalized.append(source.name()).append('\u0000');
      for (Token token : tokens) {
        normalized.append(token.kind()).append(':').append(token.text()).append('\u0001');
      }
      for (Ast.Rule rule : Parser.parse(source.name(), tokens, errors)) {
        Ast.Rule earlier = byName.putIfAbsent(rule.name(), rule);
        if (earlier != null) {
          errors.add(
              error(
                  source.name(),
                  rule.at(),
                  "a rule named \""
                      + rule.name()
                      + "\" is already defined at line "
                      + earlier.at().line()
                      + "; rule names must differ"));
          continue;
        }
        Plan plan = new Checker(source.name(), rule, plans.size() + 1, errors).check();
        if (plan != null) {
          plans.add(plan);
        }
      }
    }
    if (!errors.isEmpty()) {
      List<String> order = sources.stream().map(Source::name).toList();
      errors.sort(
          java.util.Comparator.comparingInt((RuleError e) -> order.indexOf(e.file()))
              .thenComparingInt(RuleError::line)
              .thenComparingInt(RuleError::column));
      throw new RuleFileException(errors);
    }
    return new Compiled(
        new DrlWriter(packageName, plans).write(),
        plans.stream().filter(p -> p.kind == Kind.KEYED).map(Plan::groupSpec).toList(),
        plans.stream().map(Plan::describe).toList(),
        sha256(normalized.toString()),
        plans.stream().allMatch(Plan::partitionable));
  }

  private static RuleError error(String file, Token at, String message) {
    return new RuleError(file, at.line(), at.column(), message);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /** One-to-one, one-to-many with a group key, or one-to-many found by a subset search. */
  enum Kind {
    PAIR,
    KEYED,
    KEYLESS
  }

  /** A checked rule, in the shape the DRL writer needs. */
  static final class Plan {
    int number;
    String name;
    String file;
    Ast.Rule rule;
    Kind kind;
    String one;
    String other;
    boolean byAccount;

    /** Conditions on one side only, as constraints of that side's pattern. */
    final Map<String, List<Condition>> alpha = new HashMap<>();

    /** Conditions joining the two sides (pairs, or each member of a group with the one). */
    final List<Condition> joins = new ArrayList<>();

    /** Fields that must be present on each side (text compared for equality or similarity). */
    final Map<String, Set<Field>> present = new HashMap<>();

    Compare sum;
    Field groupKey;
    Field link;
    boolean bucketed;
    Field similar;
    boolean tolerant;
    boolean dated;

    /** Days apart are measured on value dates (the rule's first date window is on them). */
    boolean valueDates;

    int itemsMin;
    Integer itemsMax;
    Integer candidatesMax;
    int confidenceBp;

    int priority() {
      return 10 * number;
    }

    /**
     * Bank lines meet gateway transactions only in a payout: keyed by payout id on the reference.
     */
    boolean partitionable() {
      return !Set.of(one, other).equals(Set.of("bank", "gateway"))
          || kind == Kind.KEYED
              && one.equals("bank")
              && groupKey == Field.PAYOUT_ID
              && link == Field.REFERENCE;
    }

    /** The many side's flag for a gateway transaction: which reconciliation it is offered for. */
    String offer(String side) {
      if (!side.equals("gateway")) {
        return null;
      }
      String counterpart = side.equals(one) ? other : one;
      return counterpart.equals("bank") ? "settlement" : "sales";
    }

    GroupSpec groupSpec() {
      return new GroupSpec(
          number, other.toUpperCase(Locale.ROOT), groupKey.word, byAccount, offer(other), itemsMin);
    }

    CompiledRule describe() {
      List<String> bookings = new ArrayList<>();
      for (Ast.Booking booking : rule.bookings()) {
        bookings.add(
            booking.sumOf() != null
                ? "sum(" + booking.sumOf().word + ") to " + booking.account()
                : "difference up to "
                    + booking.differenceUpTo().toPlainString()
                    + " to "
                    + booking.account());
      }
      return new CompiledRule(
          number,
          name,
          file,
          rule.at().line(),
          priority(),
          rule.outcome().automatic(),
          rule.outcome().confidence(),
          bookings);
    }
  }

  /** Checks one rule and turns it into a plan; errors go to the shared list. */
  private static final class Checker {
    private final String file;
    private final Ast.Rule rule;
    private final List<RuleError> errors;
    private final Plan plan = new Plan();
    private final int errorsBefore;

    Checker(String file, Ast.Rule rule, int number, List<RuleError> errors) {
      this.file = file;
      this.rule = rule;
      this.errors = errors;
      this.errorsBefore = errors.size();
      plan.number = number;
      plan.name = rule.name();
      plan.file = file;
      plan.rule = rule;
    }

    Plan check() {
      Ast.MatchClause match = rule.match();
      if (match.first().equals(match.second())) {
        error(match.at(), "a rule matches two different sides, e.g. 'match bank to ledger'");
        return null;
      }
      boolean manyFirst = match.cardinality().equals("many-to-one");
      plan.one = manyFirst ? match.second() : match.first();
      plan.other = manyFirst ? match.first() : match.second();
      plan.byAccount = !Set.of(plan.one, plan.other).equals(Set.of("bank", "gateway"));
      boolean pair = match.cardinality().equals("one-to-one");
      plan.kind = pair ? Kind.PAIR : match.groupKey() != null ? Kind.KEYED : Kind.KEYLESS;
      if (pair && match.groupKey() != null) {
        error(match.groupKey().at(), "'grouped by' needs one-to-many or many-to-one");
      }
      if (match.groupKey() != null) {
        checkGroupKey(match.groupKey());
      }
      for (Condition condition : rule.conditions()) {
        classify(condition);
      }
      checkLimits();
      plan.confidenceBp = rule.outcome().confidence().movePointRight(4).intValueExact();
      for (Ast.Booking booking : rule.bookings()) {
        if (booking.sumOf() != null && booking.sumOf().type != Field.Type.MONEY) {
          error(
              booking.at(), "only an amount can be summed and booked, not " + booking.sumOf().word);
        }
      }
      if (errors.size() == errorsBefore) {
        checkIndexed();
      }
      return errors.size() == errorsBefore ? plan : null;
    }

    private void checkGroupKey(FieldRef key) {
      if (key.side() != null && !key.side().equals(plan.other)) {
        error(key.at(), "a group key is a field of the grouped side, " + plan.other);
      } else if (key.field().type != Field.Type.TEXT) {
        error(key.at(), "a group key is a text field (payout_id, reference, counterparty)");
      } else {
        plan.groupKey = key.field();
      }
    }

    private void classify(Condition condition) {
      if (condition instanceof Equal equal) {
        require(equal.field().field(), equal.field().field().type == Field.Type.TEXT);
        if (plan.kind == Kind.KEYED && equal.field().field() == plan.groupKey) {
          plan.link = plan.groupKey;
        } else {
          plan.joins.add(condition);
        }
      } else if (condition instanceof AmountWithin within) {
        if (within.field().field().type != Field.Type.MONEY) {
          typeError(within.field(), "a tolerance in currency units or % needs an amount field");
          return;
        }
        if (within.absolute() == null && within.percent() == null) {
          error(within.at(), "give a tolerance");
        }
        if (within.absolute() != null && within.absolute().scale() > UNIT_SCALE_MAX) {
          error(within.at(), "a tolerance has at most 4 decimals");
        }
        if (within.percent() != null && within.percent().compareTo(new BigDecimal(100)) > 0) {
          error(within.at(), "a percentage tolerance is at most 100 %");
        }
        if (within.percent() != null && within.percent().scale() > 2) {
          error(within.at(), "a percentage tolerance has at most 2 decimals (0.01 % steps)");
        }
        plan.tolerant = true;
        plan.joins.add(condition);
      } else if (condition instanceof DaysWithin days) {
        if (days.field().field().type != Field.Type.DATE) {
          typeError(days.field(), "a window in days needs a date field (booking_date, value_date)");
          return;
        }
        if (!plan.dated) {
          plan.valueDates = days.field().field() == Field.VALUE_DATE;
        }
        plan.dated = true;
        plan.joins.add(condition);
      } else if (condition instanceof Similar similar) {
        if (similar.field().field().type != Field.Type.TEXT) {
          typeError(similar.field(), "similarity is measured on text (reference, counterparty)");
          return;
        }
        if (similar.threshold().compareTo(BigDecimal.ONE) > 0 || similar.threshold().scale() > 4) {
          error(similar.at(), "a similarity is between 0 and 1 with at most 4 decimals, e.g. 0.85");
        }
        if (plan.similar == null) {
          plan.similar = similar.field().field();
        }
        require(similar.field().field(), true);
        plan.tolerant = true;
        plan.joins.add(condition);
      } else if (condition instanceof Compare compare) {
        classifyCompare(compare);
      } else if (condition instanceof Contains contains) {
        textOperand(contains.text());
        textOperand(contains.part());
        place(condition, sidesOf(contains.text(), contains.part()));
      } else if (condition instanceof Matches matches) {
        textOperand(matches.text());
        if (!(matches.text() instanceof FieldOperand)) {
          error(matches.at(), "'matches' tests a field, e.g. bank.reference matches \"PO-[0-9]+\"");
        }
        try {
          Pattern.compile(matches.regex());
        } catch (PatternSyntaxException e) {
          error(matches.at(), "this regular expression does not compile: " + e.getDescription());
        }
        place(condition, sidesOf(matches.text()));
      }
    }

    private void classifyCompare(Compare compare) {
      Operand left = compare.left();
      Operand right = compare.right();
      if (left instanceof SumOperand || right instanceof SumOperand) {
        checkSum(compare);
        return;
      }
      Field.Type leftType = typeOf(left);
      Field.Type rightType = typeOf(right);
      if (leftType == null || rightType == null) {
        return;
      }
      if (leftType != rightType) {
        error(
            compare.at(),
            "cannot compare " + describe(left, leftType) + " with " + describe(right, rightType));
        return;
      }
      if (leftType == Field.Type.TEXT && !Set.of("=", "!=").contains(compare.operator())) {
        error(compare.at(), "text is compared with = or != only");
        return;
      }
      if (leftType == Field.Type.DATE
          && (left instanceof TextOperand || right instanceof TextOperand)) {
        error(compare.at(), "a date is compared with another date field, not with text");
        return;
      }
      int errorsBeforeSides = errors.size();
      Set<String> sides = sidesOf(left, right);
      if (errors.size() > errorsBeforeSides) {
        return;
      }
      if (sides.isEmpty()) {
        error(compare.at(), "this comparison names no field");
        return;
      }
      if (sides.size() == 2 && compare.operator().equals("=")) {
        FieldRef l = ((FieldOperand) left).ref();
        FieldRef r = ((FieldOperand) right).ref();
        if (leftType == Field.Type.TEXT) {
          require(l.side(), l.field());
          require(r.side(), r.field());
        }
        FieldRef manyKey = l.side().equals(plan.other) ? l : r;
        FieldRef oneField = manyKey == l ? r : l;
        if (plan.kind == Kind.KEYED && manyKey.field() == plan.groupKey && plan.link == null) {
          plan.link = oneField.field();
          return;
        }
      }
      place(compare, sides);
    }

    private void checkSum(Compare compare) {
      if (plan.kind == Kind.PAIR) {
        error(compare.at(), "sum(...) is for one-to-many and many-to-one rules");
        return;
      }
      boolean sumLeft = compare.left() instanceof SumOperand;
      SumOperand sum = (SumOperand) (sumLeft ? compare.left() : compare.right());
      Operand target = sumLeft ? compare.right() : compare.left();
      FieldRef summed = sum.ref();
      String summedSide = summed.side() == null ? plan.other : summed.side();
      if (!summedSide.equals(plan.other)) {
        error(sum.at(), "sum(...) adds up the grouped side, " + plan.other);
        return;
      }
      if (summed.field().type != Field.Type.MONEY) {
        typeError(summed, "only amounts can be summed");
        return;
      }
      if (!(target instanceof FieldOperand field)
          || !plan.one.equals(field.ref().side())
          || field.ref().field().type != Field.Type.MONEY) {
        error(
            compare.at(),
            "a sum is compared with an amount of the single side, e.g. "
                + plan.one
                + ".amount = sum("
                + summed.field().word
                + ")");
        return;
      }
      if (!compare.operator().equals("=")) {
        error(compare.at(), "a sum must equal the single side's amount (use =)");
        return;
      }
      if (plan.kind == Kind.KEYLESS
          && (Set.of(Field.GROSS, Field.FEE).contains(summed.field())
              || Set.of(Field.GROSS, Field.FEE).contains(field.ref().field()))) {
        error(compare.at(), "a group search without a key adds up amounts (amount or net) only");
        return;
      }
      if (plan.sum != null) {
        error(compare.at(), "a rule has one sum condition");
        return;
      }
      plan.sum =
          new Compare(
              target,
              "=",
              new SumOperand(new FieldRef(summedSide, summed.field(), summed.at()), sum.at()),
              compare.at());
    }

    private void checkLimits() {
      Ast.Limits limits = rule.limits();
      if (plan.kind == Kind.KEYLESS) {
        if (limits.itemsMax() == null) {
          error(
              rule.outcome().at(),
              "a one-to-many rule without 'grouped by' searches for subsets: give its limits, e.g."
                  + " 'search at most 4 items among 20 candidates'");
        } else if (limits.itemsMax() < 2 || limits.candidatesMax() < limits.itemsMax()) {
          error(rule.outcome().at(), "search at least 2 items among at least as many candidates");
        }
        plan.itemsMax = limits.itemsMax();
        plan.candidatesMax = limits.candidatesMax();
      } else if (limits.itemsMax() != null) {
        error(
            rule.outcome().at(), "'search at most' is for one-to-many rules without 'grouped by'");
      }
      if (limits.itemsMin() != null && plan.kind != Kind.KEYED) {
        error(rule.outcome().at(), "'at least N items' is for rules with 'grouped by'");
      }
      plan.itemsMin = limits.itemsMin() == null ? 1 : limits.itemsMin();
      if (plan.kind != Kind.PAIR && plan.sum == null) {
        error(
            rule.match().at(),
            "a one-to-many rule says what adds up, e.g. "
                + plan.one
                + ".amount = sum("
                + (plan.other.equals("gateway") ? "net" : "amount")
                + ")");
      }
    }

    /** Every rule must be found by an index, never by comparing every item with every other. */
    private void checkIndexed() {
      boolean equality =
          plan.joins.stream()
              .anyMatch(
                  c ->
                      c instanceof Equal
                          || c instanceof Compare compare
                              && compare.operator().equals("=")
                              && sidesOf(compare.left(), compare.right()).size() == 2);
      switch (plan.kind) {
        case KEYED -> {
          if (plan.link == null) {
            error(
                rule.match().at(),
                "say which field of the "
                    + plan.one
                    + " side names the group, e.g. "
                    + plan.one
                    + ".reference = "
                    + plan.other
                    + "."
                    + plan.groupKey.word);
          }
        }
        case KEYLESS -> {
          if (!equality) {
            error(
                rule.match().at(),
                "a group search needs a field equal on both sides to find candidates by index"
                    + " (e.g. 'counterparty equal'); without one it would compare every item with"
                    + " every other");
          }
        }
        case PAIR -> {
          if (!equality) {
            AmountWithin bucketable =
                plan.joins.stream()
                    .filter(AmountWithin.class::isInstance)
                    .map(AmountWithin.class::cast)
                    .filter(RuleCompiler::bucketable)
                    .findFirst()
                    .orElse(null);
            if (bucketable == null) {
              error(
                  rule.match().at(),
                  "this rule has no condition Recon can look candidates up by: add a field equal on"
                      + " both sides (e.g. 'reference equal') or an amount tolerance of at most 1.00"
                      + " (one currency unit); without one it would compare every item with every"
                      + " other");
            } else {
              plan.bucketed = true;
            }
          }
        }
      }
    }

    private void require(Field field, boolean text) {
      if (text) {
        require(plan.one, field);
        require(plan.other, field);
      }
    }

    private void require(String side, Field field) {
      plan.present.computeIfAbsent(side, s -> new TreeSet<>()).add(field);
    }

    private void place(Condition condition, Set<String> sides) {
      if (sides.size() == 1) {
        plan.alpha.computeIfAbsent(sides.iterator().next(), s -> new ArrayList<>()).add(condition);
      } else if (sides.size() == 2) {
        plan.joins.add(condition);
      }
    }

    private Set<String> sidesOf(Operand... operands) {
      Set<String> sides = new TreeSet<>();
      for (Operand operand : operands) {
        if (operand instanceof FieldOperand field) {
          if (field.ref().side() == null) {
            error(
                field.at(),
                "say which side's "
                    + field.ref().field().word
                    + ": "
                    + plan.one
                    + "."
                    + field.ref().field().word
                    + " or "
                    + plan.other
                    + "."
                    + field.ref().field().word);
          } else if (!field.ref().side().equals(plan.one)
              && !field.ref().side().equals(plan.other)) {
            error(
                field.at(),
                "this rule matches "
                    + plan.one
                    + " and "
                    + plan.other
                    + ", not "
                    + field.ref().side());
          } else {
            sides.add(field.ref().side());
          }
        }
      }
      return sides;
    }

    private Field.Type typeOf(Operand operand) {
      if (operand instanceof FieldOperand field) {
        return field.ref().field().type;
      } else if (operand instanceof TextOperand text) {
        return Field.Type.TEXT;
      } else if (operand instanceof NumberOperand number) {
        return Field.Type.MONEY;
      } else if (operand instanceof SumOperand sum) {
        return Field.Type.MONEY;
      }
      throw new IllegalStateException("unknown " + operand);
    }

    private void textOperand(Operand operand) {
      if (typeOf(operand) != Field.Type.TEXT) {
        error(operand.at(), "'contains' and 'matches' work on text, not " + typeOf(operand).label);
      }
    }

    private String describe(Operand operand, Field.Type type) {
      if (operand instanceof FieldOperand field) {
        return field.ref().field().word + " (" + type.label + ")";
      } else if (operand instanceof TextOperand text) {
        return "the text \"" + text.value() + "\"";
      } else if (operand instanceof NumberOperand number) {
        return "the number " + number.value().toPlainString();
      } else if (operand instanceof SumOperand sum) {
        return "a sum";
      }
      throw new IllegalStateException("unknown " + operand);
    }

    private void typeError(FieldRef field, String message) {
      error(field.at(), message + "; " + field.field().word + " is " + field.field().type.label);
    }

    private void error(Token at, String message) {
      errors.add(RuleCompiler.error(file, at, "rule \"" + rule.name() + "\": " + message));
    }
  }

  /** An absolute tolerance of at most one currency unit can be found on two amount grids. */
  static boolean bucketable(AmountWithin within) {
    return (within.field().field() == Field.AMOUNT || within.field().field() == Field.NET)
        && within.absolute() != null
        && within.absolute().compareTo(BigDecimal.ONE) <= 0
        && !(within.percent() != null && within.either());
  }
}
