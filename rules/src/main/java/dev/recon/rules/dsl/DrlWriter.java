package dev.recon.rules.dsl;

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
import dev.recon.rules.dsl.RuleCompiler.Kind;
import dev.recon.rules.dsl.RuleCompiler.Plan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes checked rules as DRL: the patterns, indexed joins and consequences the engine expects. */
final class DrlWriter {
  private final String packageName;
  private final List<Plan> plans;
  private final StringBuilder out = new StringBuilder();

  DrlWriter(String packageName, List<Plan> plans) {
    this.packageName = packageName;
    this.plans = plans;
  }

  String write() {
    out.append("// Compiled by Recon from its rule language; edit the .rules file, not this.\n");
    out.append("package ").append(packageName).append(";\n\n");
    for (String type :
        List.of(
            "dev.recon.rules.GroupKey",
            "dev.recon.rules.MatchCandidate",
            "dev.recon.rules.MatchItem",
            "dev.recon.rules.MatchItems",
            "dev.recon.rules.Similarity",
            "java.util.List")) {
      out.append("import ").append(type).append(";\n");
    }
    out.append("\nglobal dev.recon.rules.CandidateSink candidates;\n");
    for (Plan plan : plans) {
      out.append("\n// ")
          .append(plan.file)
          .append(':')
          .append(plan.rule.at().line())
          .append(" \"")
          .append(plan.name)
          .append("\", priority ")
          .append(plan.priority())
          .append('\n');
      switch (plan.kind) {
        case PAIR -> pair(plan);
        case KEYED -> keyed(plan);
        case KEYLESS -> keyless(plan);
      }
    }
    return out.toString();
  }

  private void pair(Plan plan) {
    if (!plan.bucketed) {
      pairRule(plan, plan.name, List.of());
      return;
    }
    // Amounts at most one unit apart share a bucket on the two-unit grid or on the grid shifted by
    // one unit; the second rule skips pairs the first already found.
    pairRule(
        plan,
        plan.name + ": same wide bucket",
        List.of("amountWideBucket == $" + plan.one + ".amountWideBucket"));
    pairRule(
        plan,
        plan.name + ": same shifted bucket",
        List.of(
            "amountShiftedBucket == $" + plan.one + ".amountShiftedBucket",
            "amountWideBucket != $" + plan.one + ".amountWideBucket"));
  }

  private void pairRule(Plan plan, String drlName, List<String> buckets) {
    List<String> second = sideConstraints(plan, plan.other, plan.other);
    second.add(block(plan, "$" + plan.one));
    second.addAll(buckets);
    for (Condition join : ordered(plan.joins)) {
      second.add(render(join, plan, plan.other));
    }
    for (Plan earlier : plans) {
      if (earlier == plan) {
        break;
      }
      if (earlier.kind == Kind.PAIR
          && Set.of(earlier.one, earlier.other).equals(Set.of(plan.one, plan.other))) {
        second.add("!(" + String.join(" && ", pairConditions(earlier, plan.other)) + ")");
      }
    }
    rule(drlName);
    pattern("$" + plan.one, sideConstraints(plan, plan.one, plan.one));
    pattern("$" + plan.other, second);
    out.append("then\n");
    String one = "$" + plan.one;
    String other = "$" + plan.other;
    if (plan.tolerant) {
      out.append("    candidates.add(MatchItems.tolerant(")
          .append(literal(plan.name))
          .append(", ")
          .append(plan.priority())
          .append(", ")
          .append(automatic(plan))
          .append(", ")
          .append(plan.confidenceBp)
          .append(", ")
          .append(plan.similar == null ? "null" : literal(plan.similar.word))
          .append(", ")
          .append(plan.valueDates)
          .append(", ")
          .append(one)
          .append(", ")
          .append(other)
          .append("));\n");
    } else {
      candidate(
          plan,
          "MatchItems.daysApart(" + one + ", " + other + ", " + plan.valueDates + ")",
          "List.of(" + one + ", " + other + ")");
    }
    out.append("end\n");
  }

  private void keyed(Plan plan) {
    String one = "$" + plan.one;
    String blockField = plan.byAccount ? "blockKey" : "currency";
    List<String> first = sideConstraints(plan, plan.one, plan.one);
    first.add(blockField + " == $key.block");
    first.add(plan.link.read(null) + " == $key.key");
    List<String> member = sideConstraints(plan, plan.other, plan.other);
    member.add(blockField + " == $key.block");
    member.add(plan.groupKey.read(null) + " == $key.key");
    for (Condition join : ordered(plan.joins)) {
      member.add(render(join, plan, plan.other));
    }
    rule(plan.name);
    pattern("$key", List.of("rule == " + plan.number), "GroupKey");
    pattern(one, first);
    out.append("    $members : List( size >= ")
        .append(plan.itemsMin)
        .append(", ")
        .append(sumOf(plan))
        .append(" ) from collect(\n        MatchItem( ")
        .append(String.join(",\n                   ", member))
        .append(" ) )\n");
    out.append("then\n");
    candidate(
        plan,
        plan.dated ? "MatchItems.daysApart(" + one + ", $members)" : "0",
        "MatchItems.with(" + one + ", $members)");
    out.append("end\n");
  }

  private void keyless(Plan plan) {
    String one = "$" + plan.one;
    List<String> member = sideConstraints(plan, plan.other, plan.other);
    member.add(block(plan, one));
    for (Condition join : ordered(plan.joins)) {
      member.add(render(join, plan, plan.other));
    }
    rule(plan.name);
    pattern(one, sideConstraints(plan, plan.one, plan.one));
    out.append("    $pool : List( size >= 2 ) from collect(\n        MatchItem( ")
        .append(String.join(",\n                   ", member))
        .append(" ) )\n");
    out.append("then\n    MatchItems.subsets(candidates, ")
        .append(literal(plan.name))
        .append(", ")
        .append(plan.priority())
        .append(", ")
        .append(automatic(plan))
        .append(", ")
        .append(plan.confidenceBp)
        .append(", ")
        .append(one)
        .append(", $pool, ")
        .append(plan.itemsMax)
        .append(", ")
        .append(plan.candidatesMax)
        .append(");\nend\n");
  }

  private void candidate(Plan plan, String days, String members) {
    out.append("    candidates.add(new MatchCandidate(")
        .append(literal(plan.name))
        .append(", ")
        .append(plan.priority())
        .append(", ")
        .append(automatic(plan))
        .append(", ")
        .append(plan.confidenceBp)
        .append(", 0L, ")
        .append(days)
        .append(", 10000, null, ")
        .append(members)
        .append("));\n");
  }

  private static String automatic(Plan plan) {
    return String.valueOf(plan.rule.outcome().automatic());
  }

  private void rule(String name) {
    out.append("rule ").append(literal(name)).append("\nwhen\n");
  }

  private void pattern(String variable, List<String> constraints) {
    pattern(variable, constraints, "MatchItem");
  }

  private void pattern(String variable, List<String> constraints, String type) {
    out.append("    ")
        .append(variable)
        .append(" : ")
        .append(type)
        .append("( ")
        .append(String.join(",\n        ", constraints))
        .append(" )\n");
  }

  /** The side, the offer flag, the fields it needs present, and its own conditions. */
  private static List<String> sideConstraints(Plan plan, String side, String current) {
    List<String> constraints = new ArrayList<>();
    constraints.add("side == \"" + side.toUpperCase(Locale.ROOT) + "\"");
    constraints.addAll(ownConditions(plan, side, current));
    return constraints;
  }

  /** What one side of a plan must satisfy on its own, read from the pattern of {@code current}. */
  private static List<String> ownConditions(Plan plan, String side, String current) {
    List<String> constraints = new ArrayList<>();
    String variable = side.equals(current) ? null : "$" + side;
    String offer = plan.offer(side);
    if (offer != null) {
      String flag = offer.equals("settlement") ? "forSettlement" : "forSales";
      constraints.add(variable == null ? flag : variable + "." + flag);
    }
    for (Field field : plan.present.getOrDefault(side, Set.of())) {
      constraints.add(field.read(variable) + " != null");
    }
    for (Condition condition : plan.alpha.getOrDefault(side, List.of())) {
      constraints.add(render(condition, plan, current));
    }
    return constraints;
  }

  /**
   * Everything an earlier one-to-one rule asks of a pair, read from the pattern of {@code current}.
   */
  private static List<String> pairConditions(Plan earlier, String current) {
    List<String> constraints = new ArrayList<>();
    constraints.addAll(ownConditions(earlier, earlier.one, current));
    constraints.addAll(ownConditions(earlier, earlier.other, current));
    for (Condition join : ordered(earlier.joins)) {
      constraints.add(render(join, earlier, current));
    }
    return constraints;
  }

  private static String block(Plan plan, String oneVariable) {
    return plan.byAccount
        ? "blockKey == " + oneVariable + ".blockKey"
        : "currency == " + oneVariable + ".currency";
  }

  private static String sumOf(Plan plan) {
    SumOperand sum = (SumOperand) plan.sum.right();
    FieldRef target = ((FieldOperand) plan.sum.left()).ref();
    String total =
        switch (sum.ref().field()) {
          case GROSS -> "MatchItems.sumGrossMinor(this)";
          case FEE -> "MatchItems.sumFeeMinor(this)";
          default -> "MatchItems.sumMinor(this)";
        };
    return total + " == " + target.field().read("$" + plan.one);
  }

  /** Indexed equalities first, then cheap arithmetic, then text tests, similarity last. */
  private static List<Condition> ordered(List<Condition> conditions) {
    List<Condition> sorted = new ArrayList<>(conditions);
    sorted.sort(Comparator.comparingInt(DrlWriter::cost));
    return sorted;
  }

  private static int cost(Condition condition) {
    if (condition instanceof Equal equal) {
      return 0;
    } else if (condition instanceof Compare compare) {
      return compare.operator().equals("=") ? 0 : 1;
    } else if (condition instanceof AmountWithin within) {
      return 1;
    } else if (condition instanceof DaysWithin days) {
      return 1;
    } else if (condition instanceof Contains contains) {
      return 2;
    } else if (condition instanceof Matches matches) {
      return 3;
    } else if (condition instanceof Similar similar) {
      return 4;
    }
    throw new IllegalStateException("unknown " + condition);
  }

  /**
   * A condition as a DRL constraint in the pattern of side {@code current}: that side's fields are
   * read bare (which lets Drools index equalities), the other side's through its variable.
   */
  static String render(Condition condition, Plan plan, String current) {
    String here = current;
    String there = current.equals(plan.one) ? plan.other : plan.one;
    if (condition instanceof Equal equal) {
      Field field = equal.field().field();
      return field.read(null) + " == " + field.read("$" + there);
    } else if (condition instanceof DaysWithin days) {
      Field field = days.field().field();
      return "Math.abs("
          + field.read(null)
          + " - "
          + field.read("$" + there)
          + ") <= "
          + days.days();
    } else if (condition instanceof Similar similar) {
      Field field = similar.field().field();
      return "Similarity.jaroWinklerBp("
          + field.read(null)
          + ", "
          + field.read("$" + there)
          + ") >= "
          + similar.threshold().movePointRight(4).intValueExact();
    } else if (condition instanceof AmountWithin within) {
      return tolerance(within, plan, here);
    } else if (condition instanceof Compare compare) {
      return compare(compare, here);
    } else if (condition instanceof Contains contains) {
      return "MatchItems.contains("
          + text(contains.text(), here)
          + ", "
          + text(contains.part(), here)
          + ")";
    } else if (condition instanceof Matches matches) {
      return "MatchItems.matches("
          + text(matches.text(), here)
          + ", "
          + literal(matches.regex())
          + ")";
    }
    throw new IllegalStateException("unknown " + condition);
  }

  private static String tolerance(AmountWithin within, Plan plan, String current) {
    Field field = within.field().field();
    String anchor = variable(plan.one, current);
    String other = variable(plan.other, current);
    String a = field.read(anchor);
    String b = field.read(other);
    String absolute = null;
    if (within.absolute() != null) {
      BigDecimal units = within.absolute().stripTrailingZeros();
      String unit = anchor == null ? "unitMinor" : anchor + ".unitMinor";
      absolute =
          units.scale() <= 0
              ? "Math.abs(" + a + " - " + b + ") <= " + units.toPlainString() + "L * " + unit
              : "Math.abs("
                  + a
                  + " - "
                  + b
                  + ") * "
                  + BigDecimal.TEN.pow(units.scale()).toPlainString()
                  + "L <= "
                  + units.unscaledValue()
                  + "L * "
                  + unit;
    }
    String percent =
        within.percent() == null
            ? null
            : "MatchItems.withinPercent("
                + a
                + ", "
                + b
                + ", "
                + within.percent().movePointRight(2).intValueExact()
                + ")";
    if (absolute == null) {
      return percent;
    }
    if (percent == null) {
      return absolute;
    }
    return "(" + absolute + (within.either() ? " || " : " && ") + percent + ")";
  }

  private static String compare(Compare compare, String current) {
    Operand left = compare.left();
    Operand right = compare.right();
    String operator = compare.operator().equals("=") ? "==" : compare.operator();
    // The current pattern's field on the left, so Drools can index an equality.
    if (right instanceof FieldOperand r
        && current.equals(r.ref().side())
        && !(left instanceof FieldOperand l && current.equals(l.ref().side()))) {
      Operand swap = left;
      left = right;
      right = swap;
      operator = mirror(operator);
    }
    if (left instanceof NumberOperand number && right instanceof FieldOperand) {
      Operand swap = left;
      left = right;
      right = swap;
      operator = mirror(operator);
    }
    if (right instanceof NumberOperand number) {
      FieldRef ref = ((FieldOperand) left).ref();
      String variable = variable(ref.side(), current);
      String unit = variable == null ? "unitMinor" : variable + ".unitMinor";
      BigDecimal value = number.value().stripTrailingZeros();
      int scale = Math.max(0, value.scale());
      return ref.field().read(variable)
          + " * "
          + BigDecimal.TEN.pow(scale).toPlainString()
          + "L "
          + operator
          + " "
          + value.movePointRight(scale).toBigInteger()
          + "L * "
          + unit;
    }
    return operand(left, current) + " " + operator + " " + operand(right, current);
  }

  private static String mirror(String operator) {
    return Map.of("<", ">", ">", "<", "<=", ">=", ">=", "<=").getOrDefault(operator, operator);
  }

  private static String operand(Operand operand, String current) {
    if (operand instanceof FieldOperand field) {
      return field.ref().field().read(variable(field.ref().side(), current));
    } else if (operand instanceof TextOperand text) {
      return literal(text.value());
    } else if (operand instanceof NumberOperand number) {
      return number.value().toPlainString();
    } else if (operand instanceof SumOperand sum) {
      throw new IllegalStateException("sums are written by sumOf");
    }
    throw new IllegalStateException("unknown " + operand);
  }

  private static String text(Operand operand, String current) {
    return operand(operand, current);
  }

  private static String variable(String side, String current) {
    return side.equals(current) ? null : "$" + side;
  }

  static String literal(String text) {
    StringBuilder literal = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> literal.append("\\\\");
        case '"' -> literal.append("\\\"");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> literal.append(c);
      }
    }
    return literal.append('"').toString();
  }
}
