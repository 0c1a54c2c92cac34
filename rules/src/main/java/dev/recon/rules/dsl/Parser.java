package dev.recon.rules.dsl;

import dev.recon.rules.dsl.Ast.AmountWithin;
import dev.recon.rules.dsl.Ast.Booking;
import dev.recon.rules.dsl.Ast.Compare;
import dev.recon.rules.dsl.Ast.Condition;
import dev.recon.rules.dsl.Ast.Contains;
import dev.recon.rules.dsl.Ast.DaysWithin;
import dev.recon.rules.dsl.Ast.Equal;
import dev.recon.rules.dsl.Ast.FieldOperand;
import dev.recon.rules.dsl.Ast.FieldRef;
import dev.recon.rules.dsl.Ast.Limits;
import dev.recon.rules.dsl.Ast.MatchClause;
import dev.recon.rules.dsl.Ast.Matches;
import dev.recon.rules.dsl.Ast.NumberOperand;
import dev.recon.rules.dsl.Ast.Operand;
import dev.recon.rules.dsl.Ast.Outcome;
import dev.recon.rules.dsl.Ast.Similar;
import dev.recon.rules.dsl.Ast.SumOperand;
import dev.recon.rules.dsl.Ast.TextOperand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rules from tokens (the grammar is in {@code rules/README.md}). A rule with an error is
 * reported and skipped up to the next {@code rule}, so one pass lists every broken rule.
 */
final class Parser {
  static final List<String> SIDES = List.of("bank", "ledger", "gateway");
  static final List<String> CARDINALITIES = List.of("one-to-one", "one-to-many", "many-to-one");
  private static final List<String> COMPARISONS = List.of("=", "!=", "<", "<=", ">", ">=");
  private static final List<String> CONDITION_WORDS =
      List.of("equal", "within", "similar", "contains", "matches");
  private static final List<String> CLAUSE_WORDS =
      List.of("when", "search", "at", "accept", "suggest", "book", "rule");

  private final String file;
  private final List<Token> tokens;
  private final List<RuleError> errors;
  private int at;
  private int failedAt;

  /** Thrown to abandon the rule being read; its error is already recorded. */
  private static final class Abandon extends RuntimeException {
    Abandon() {
      super(null, null, false, false);
    }
  }

  private Parser(String file, List<Token> tokens, List<RuleError> errors) {
    this.file = file;
    this.tokens = tokens;
    this.errors = errors;
  }

  static List<Ast.Rule> parse(String file, List<Token> tokens, List<RuleError> errors) {
    return new Parser(file, tokens, errors).rules();
  }

  private List<Ast.Rule> rules() {
    List<Ast.Rule> rules = new ArrayList<>();
    while (peek().kind() != Token.Kind.END) {
      int ruleStart = at;
      try {
        rules.add(rule());
      } catch (Abandon abandon) {
        // Resume at the next rule after the error (which may be the token that was wrong, when a
        // rule ended too early), so later rules are still checked.
        at = Math.max(failedAt, ruleStart + 1);
        while (peek().kind() != Token.Kind.END && !peek().is("rule")) {
          at++;
        }
      }
    }
    return rules;
  }

  private Ast.Rule rule() {
    Token start = expectWord("rule", "a rule starts with 'rule \"its name\"'");
    Token name = next();
    if (name.kind() != Token.Kind.STRING) {
      throw fail(name, "expected the rule's name in double quotes, found " + name.describe());
    }
    MatchClause match = matchClause();
    List<Condition> conditions = new ArrayList<>();
    if (peek().is("when")) {
      next();
      conditions.add(condition());
      while (peek().is("and")) {
        next();
        conditions.add(condition());
      }
    }
    Integer itemsMax = null;
    Integer candidatesMax = null;
    Integer itemsMin = null;
    while (peek().is("search") || peek().is("at")) {
      if (next().is("search")) {
        expectWord("at", "write 'search at most N items among M candidates'");
        expectWord("most", "write 'search at most N items among M candidates'");
        itemsMax = wholeNumber();
        expectWord("items", "write 'search at most N items among M candidates'");
        expectWord("among", "write 'search at most N items among M candidates'");
        candidatesMax = wholeNumber();
        expectWord("candidates", "write 'search at most N items among M candidates'");
      } else {
        expectWord("least", "write 'at least N items'");
        itemsMin = wholeNumber();
        expectWord("items", "write 'at least N items'");
      }
    }
    Outcome outcome = outcome();
    List<Booking> bookings = new ArrayList<>();
    while (peek().is("book")) {
      bookings.add(booking());
    }
    Token after = peek();
    if (after.kind() != Token.Kind.END && !after.is("rule")) {
      throw fail(
          after,
          "expected 'book' or the next 'rule', found "
              + after.describe()
              + hint(after, List.of("book", "rule")));
    }
    return new Ast.Rule(
        name.text(),
        start,
        match,
        conditions,
        new Limits(itemsMax, candidatesMax, itemsMin),
        outcome,
        bookings);
  }

  private MatchClause matchClause() {
    Token start = expectWord("match", "a rule's name is followed by 'match SIDE to SIDE ...'");
    String first = side();
    expectWord("to", "write 'match bank to ledger one-to-one'");
    String second = side();
    Token cardinality = next();
    if (!CARDINALITIES.contains(cardinality.text())) {
      throw fail(
          cardinality,
          "expected one-to-one, one-to-many or many-to-one, found "
              + cardinality.describe()
              + hint(cardinality, CARDINALITIES));
    }
    FieldRef groupKey = null;
    if (peek().is("grouped")) {
      next();
      expectWord("by", "write 'grouped by FIELD'");
      groupKey = fieldRef(next());
    }
    return new MatchClause(first, second, cardinality.text(), groupKey, start);
  }

  private String side() {
    Token side = next();
    if (!SIDES.contains(side.text())) {
      throw fail(
          side,
          "expected a side (bank, ledger or gateway), found "
              + side.describe()
              + hint(side, SIDES));
    }
    return side.text();
  }

  private Condition condition() {
    Token start = peek();
    Operand left = operand();
    Token word = next();
    if (word.is("equal")) {
      return new Equal(bareField(left, word), start);
    }
    if (word.is("within")) {
      return within(left, start);
    }
    if (word.is("similar")) {
      expectWord("at", "write 'FIELD similar at least 0.85'");
      expectWord("least", "write 'FIELD similar at least 0.85'");
      return new Similar(bareField(left, word), decimal(), start);
    }
    if (word.is("contains")) {
      return new Contains(left, operand(), start);
    }
    if (word.is("matches")) {
      Token regex = next();
      if (regex.kind() != Token.Kind.STRING) {
        throw fail(regex, "expected a regular expression in double quotes after 'matches'");
      }
      return new Matches(left, regex.text(), start);
    }
    if (word.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(word.text())) {
      return new Compare(left, word.text(), operand(), start);
    }
    List<String> expected = new ArrayList<>(CONDITION_WORDS);
    throw fail(
        word,
        "expected equal, within, similar, contains, matches or a comparison (= != < <= > >=) after "
            + start.describe()
            + ", found "
            + word.describe()
            + hint(word, expected));
  }

  private Condition within(Operand left, Token start) {
    FieldRef field = bareFieldRef(left);
    Token amount = peek();
    BigDecimal first = decimal();
    if (peek().is("days") || peek().is("day")) {
      next();
      if (first.scale() > 0) {
        throw fail(amount, "a date window is a whole number of days");
      }
      return new DaysWithin(field, first.intValueExact(), start);
    }
    boolean firstPercent = percentSign();
    BigDecimal absolute = firstPercent ? null : first;
    BigDecimal percent = firstPercent ? first : null;
    boolean either = false;
    // "within 1.00 and 0.5 %": a second tolerance, not a second condition, when a number follows.
    if ((peek().is("and") || peek().is("or")) && lookahead(1).kind() == Token.Kind.NUMBER) {
      either = next().is("or");
      Token secondAt = peek();
      BigDecimal second = decimal();
      boolean secondPercent = percentSign();
      if (secondPercent == firstPercent) {
        throw fail(
            secondAt, "give one tolerance in currency units and one in %, e.g. 1.00 and 0.5 %");
      }
      if (secondPercent) {
        percent = second;
      } else {
        absolute = second;
      }
    }
    return new AmountWithin(field, absolute, percent, either, start);
  }

  private boolean percentSign() {
    if (peek().is("%")) {
      next();
      return true;
    }
    return false;
  }

  private Outcome outcome() {
    Token word = next();
    boolean automatic;
    if (word.is("accept")) {
      expectWord("automatically", "write 'accept automatically' or 'suggest for review'");
      automatic = true;
    } else if (word.is("suggest")) {
      expectWord("for", "write 'suggest for review'");
      expectWord("review", "write 'suggest for review'");
      automatic = false;
    } else {
      throw fail(
          word,
          "expected the outcome ('accept automatically' or 'suggest for review'), found "
              + word.describe()
              + hint(word, List.of("accept", "suggest", "and", "search", "at")));
    }
    if (peek().is(",")) {
      next();
    }
    if (peek().is("with")) {
      next();
    }
    expectWord("confidence", "write the outcome's confidence, e.g. 'confidence 0.95'");
    Token value = peek();
    BigDecimal confidence = decimal();
    if (confidence.compareTo(BigDecimal.ONE) > 0 || confidence.scale() > 4) {
      throw fail(value, "a confidence is between 0 and 1 with at most 4 decimals, e.g. 0.95");
    }
    return new Outcome(automatic, confidence, word);
  }

  private Booking booking() {
    Token start = next();
    Field sumOf = null;
    BigDecimal upTo = null;
    if (peek().is("sum")) {
      next();
      expectSymbol("(");
      Token field = next();
      sumOf = field(field);
      expectSymbol(")");
    } else if (peek().is("difference")) {
      next();
      expectWord("up", "write 'book difference up to 0.05 to \"ACCOUNT\"'");
      expectWord("to", "write 'book difference up to 0.05 to \"ACCOUNT\"'");
      upTo = decimal();
    } else {
      throw fail(peek(), "expected 'sum(FIELD)' or 'difference up to N' after 'book'");
    }
    expectWord("to", "write 'book ... to \"ACCOUNT\"'");
    Token account = next();
    if (account.kind() != Token.Kind.STRING) {
      throw fail(account, "expected the account in double quotes, e.g. \"6815 Payment fees\"");
    }
    return new Booking(sumOf, upTo, account.text(), start);
  }

  private Operand operand() {
    Token token = next();
    switch (token.kind()) {
      case STRING:
        return new TextOperand(token.text(), token);
      case NUMBER:
        return new NumberOperand(new BigDecimal(token.text()), token);
      case WORD:
        if (token.is("sum")) {
          expectSymbol("(");
          FieldRef ref = fieldRef(next());
          expectSymbol(")");
          return new SumOperand(ref, token);
        }
        return new FieldOperand(fieldRef(token));
      default:
        throw fail(
            token, "expected a field, a number, \"text\" or sum(FIELD), found " + token.describe());
    }
  }

  /** {@code reference}, or {@code bank.reference}. */
  private FieldRef fieldRef(Token token) {
    if (SIDES.contains(token.text()) && peek().is(".")) {
      next();
      return new FieldRef(token.text(), field(next()), token);
    }
    return new FieldRef(null, field(token), token);
  }

  private Field field(Token token) {
    Field field = token.kind() == Token.Kind.WORD ? Field.of(token.text()) : null;
    if (field == null) {
      List<String> words = new ArrayList<>(Field.words());
      words.addAll(SIDES);
      throw fail(
          token,
          "unknown field "
              + token.describe()
              + hint(token, words)
              + "; fields are "
              + String.join(", ", Field.words()));
    }
    return field;
  }

  private FieldRef bareField(Operand operand, Token word) {
    if (operand instanceof FieldOperand field && field.ref().side() == null) {
      return field.ref();
    }
    throw fail(
        operand.at(),
        "'"
            + word.text()
            + "' compares a field between the two sides: write e.g. 'reference "
            + word.text()
            + "', without a side");
  }

  private FieldRef bareFieldRef(Operand operand) {
    if (operand instanceof FieldOperand field && field.ref().side() == null) {
      return field.ref();
    }
    throw fail(
        operand.at(),
        "'within' compares a field between the two sides: write e.g. 'amount within 1.00' or"
            + " 'booking_date within 3 days'");
  }

  private BigDecimal decimal() {
    Token token = next();
    if (token.kind() != Token.Kind.NUMBER) {
      throw fail(token, "expected a number, found " + token.describe());
    }
    return new BigDecimal(token.text());
  }

  private int wholeNumber() {
    Token token = next();
    if (token.kind() != Token.Kind.NUMBER || token.text().contains(".")) {
      throw fail(token, "expected a whole number, found " + token.describe());
    }
    try {
      return Integer.parseInt(token.text());
    } catch (NumberFormatException e) {
      throw fail(token, "this number is too large");
    }
  }

  private Token expectWord(String word, String help) {
    Token token = next();
    if (!token.is(word)) {
      throw fail(
          token,
          "expected '"
              + word
              + "', found "
              + token.describe()
              + hint(token, List.of(word))
              + "; "
              + help);
    }
    return token;
  }

  private void expectSymbol(String symbol) {
    Token token = next();
    if (!token.is(symbol)) {
      throw fail(token, "expected '" + symbol + "', found " + token.describe());
    }
  }

  private static String hint(Token token, List<String> valid) {
    if (token.kind() != Token.Kind.WORD) {
      return "";
    }
    List<String> all = new ArrayList<>(valid);
    all.addAll(CLAUSE_WORDS);
    return Suggestions.didYouMean(token.text(), valid.isEmpty() ? all : valid);
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token lookahead(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token token = tokens.get(at);
    if (token.kind() != Token.Kind.END) {
      at++;
    }
    return token;
  }

  private Abandon fail(Token token, String message) {
    errors.add(new RuleError(file, token.line(), token.column(), message));
    failedAt = Math.min(tokens.indexOf(token), tokens.size() - 1);
    return new Abandon();
  }
}
