package dev.recon.importing.gateway;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.importing.BadInput;
import dev.recon.importing.Problem;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway report readers share: the problems found so far (every one reported, up to a
 * limit, so the user fixes the file in one pass), amount and date parsing that names the column,
 * and the gateway item every reader produces. A gateway item's amount is its net (what reaches the
 * bank), its gross what the customer paid or got back, its fee what the gateway kept, a positive
 * cost: net = gross - fee.
 */
final class ReportReading {
  static final int PROBLEMS_MAX = 50;
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,6})?");
  private static final Pattern DATE = Pattern.compile("^(\\d{4})[-/](\\d{2})[-/](\\d{2})");

  final String file;
  final Pattern referencePattern;
  final List<Problem> problems = new ArrayList<>();
  final List<Fact> facts = new ArrayList<>();
  int ignored;

  ReportReading(String file, Pattern referencePattern) {
    this.file = file;
    this.referencePattern = referencePattern;
  }

  void problem(int line, String column, String message) {
    if (problems.size() < PROBLEMS_MAX) {
      problems.add(new Problem(file, line, column, message));
    }
  }

  boolean full() {
    return problems.size() >= PROBLEMS_MAX;
  }

  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new BadInput(problems);
    }
  }

  Currency currency(int line, String column, String code) {
    try {
      return Currencies.of(code);
    } catch (IllegalArgumentException e) {
      problem(line, column, e.getMessage());
      return null;
    }
  }

  /** A decimal amount in major units ("12.34", "-5.00"), "" as zero when {@code blankIsZero}. */
  Long decimalMinor(int line, String column, String text, Currency currency, boolean blankIsZero) {
    if (text.isEmpty()) {
      if (blankIsZero) {
        return 0L;
      }
      problem(line, column, "the amount is missing");
      return null;
    }
    if (!DECIMAL.matcher(text).matches()) {
      problem(line, column, "\"" + shorten(text) + "\" is not an amount (expected e.g. 1234.56)");
      return null;
    }
    if (currency == null) {
      return null;
    }
    try {
      return Money.ofDecimal(new BigDecimal(text), currency).minor();
    } catch (IllegalArgumentException | ArithmeticException e) {
      problem(line, column, e.getMessage());
      return null;
    }
  }

  LocalDate date(int line, String column, String text, boolean required) {
    if (text.isEmpty()) {
      if (required) {
        problem(line, column, "the date is missing");
      }
      return null;
    }
    Matcher date = DATE.matcher(text);
    if (date.find()) {
      try {
        return LocalDate.of(
            Integer.parseInt(date.group(1)),
            Integer.parseInt(date.group(2)),
            Integer.parseInt(date.group(3)));
      } catch (DateTimeException e) {
        // Reported below.
      }
    }
    problem(
        line,
        column,
        "\""
            + shorten(text)
            + "\" is not a date (expected YYYY-MM-DD or YYYY/MM/DD, time optional)");
    return null;
  }

  /** One gateway item; false (and a problem) when the values cannot make one. */
  void add(Item item) {
    String reference = References.extract(referencePattern, item.referenceRaw(), item.text());
    try {
      facts.add(
          new Fact(
              Side.GATEWAY,
              item.account(),
              new Money(item.grossMinor() - item.feeMinor(), item.currency()),
              item.booking(),
              item.value(),
              reference,
              emptyToNull(item.referenceRaw()),
              Counterparties.normalize(emptyToNull(item.counterparty())),
              emptyToNull(item.counterparty()),
              emptyToNull(item.text()),
              emptyToNull(item.payoutId()),
              item.kind(),
              new Money(item.grossMinor(), item.currency()),
              new Money(item.feeMinor(), item.currency()),
              new Origin(file, item.line())));
    } catch (IllegalArgumentException | ArithmeticException e) {
      problem(item.line(), null, e.getMessage());
    }
  }

  /** The values of one gateway item, as the readers find them. */
  record Item(
      int line,
      String account,
      Currency currency,
      long grossMinor,
      long feeMinor,
      LocalDate booking,
      LocalDate value,
      String referenceRaw,
      String text,
      String counterparty,
      String payoutId,
      String kind) {}

  static String emptyToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
