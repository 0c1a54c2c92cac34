package dev.recon.exceptions;

import dev.recon.facts.Aging;
import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which exceptions a list or a bulk action covers. Null (or empty) fields do not filter. Amounts
 * compare the absolute amount in minor units, both bounds inclusive; the aging bucket is taken as
 * of the list's as-of date; text is looked for in the reason, reference and counterparty. {@code
 * revisitDue} selects the expected timing differences whose revisit date has come: on or before the
 * as-of date.
 */
public record ExceptionFilter(
    Set<ExceptionStatus> statuses,
    Set<ExceptionType> types,
    Side side,
    String account,
    String currency,
    Aging.Bucket bucket,
    String assignee,
    Long minAmountMinor,
    Long maxAmountMinor,
    String text,
    boolean revisitDue) {

  public ExceptionFilter {
    statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
  }

  /** Every exception still to be worked (open, assigned or in review). */
  public static ExceptionFilter open() {
    return new ExceptionFilter(
        EnumSet.of(ExceptionStatus.OPEN, ExceptionStatus.ASSIGNED, ExceptionStatus.IN_REVIEW),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false);
  }

  /** Every exception, open or closed. */
  public static ExceptionFilter all() {
    return new ExceptionFilter(null, null, null, null, null, null, null, null, null, null, false);
  }

  /**
   * A filter from {@code key=value} terms, as the command line takes them: status (comma-separated,
   * or "all"; default: the open ones), type, side, account, currency, age (0-2, 3-7, 8-30, over
   * 30), assignee, min and max (decimal amounts in the currency, or in minor units without one),
   * text, revisit=due.
   */
  public static ExceptionFilter parse(List<String> terms) {
    Terms f = new Terms(open());
    for (String term : terms) {
      int eq = term.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "filter \"" + term + "\" is not KEY=VALUE (e.g. status=open, age=8-30, account=OPS)");
      }
      String key = term.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = term.substring(eq + 1).strip();
      f.set(key, value);
    }
    return f.filter();
  }

  /** A filter as it is read, term by term: each term sets one field, a later one wins. */
  private static final class Terms {
    private Set<ExceptionStatus> statuses;
    private Set<ExceptionType> types;
    private Side side;
    private String account;
    private String currency;
    private Aging.Bucket bucket;
    private String assignee;
    private Long minAmountMinor;
    private Long maxAmountMinor;
    private String text;
    private boolean revisitDue;

    Terms(ExceptionFilter start) {
      statuses = start.statuses();
      types = start.types();
      side = start.side();
      account = start.account();
      currency = start.currency();
      bucket = start.bucket();
      assignee = start.assignee();
      minAmountMinor = start.minAmountMinor();
      maxAmountMinor = start.maxAmountMinor();
      text = start.text();
      revisitDue = start.revisitDue();
    }

    void set(String key, String value) {
      switch (key) {
        case "status" ->
            statuses =
                value.equalsIgnoreCase("all") ? Set.of() : parseAll(value, ExceptionStatus::parse);
        case "type" -> types = parseAll(value, ExceptionType::parse);
        case "side" -> side = Side.parse(value);
        case "account" -> account = value;
        case "currency" -> currency = Currencies.of(value).getCurrencyCode();
        case "age", "bucket" -> bucket = Aging.Bucket.parse(value);
        case "assignee" -> assignee = value;
        case "min" -> minAmountMinor = minor(value, currency);
        case "max" -> maxAmountMinor = minor(value, currency);
        case "text" -> text = value;
        case "revisit" -> revisitDue = due(value);
        default ->
            throw new IllegalArgumentException(
                "unknown filter \""
                    + key
                    + "\" (expected status, type, side, account, currency, age, assignee, min,"
                    + " max, text or revisit)");
      }
    }

    ExceptionFilter filter() {
      return new ExceptionFilter(
          statuses,
          types,
          side,
          account,
          currency,
          bucket,
          assignee,
          minAmountMinor,
          maxAmountMinor,
          text,
          revisitDue);
    }
  }

  private static boolean due(String value) {
    if (!value.equalsIgnoreCase("due")) {
      throw new IllegalArgumentException(
          "filter revisit="
              + value
              + " is not known; revisit=due selects the timing differences whose revisit date is"
              + " on or before the as-of date");
    }
    return true;
  }

  /** A decimal amount in the currency (set currency= first), else whole minor units. */
  private static long minor(String value, String currency) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + value + "\" is not an amount");
    }
    if (currency != null) {
      return Money.ofDecimal(amount.abs(), Currencies.of(currency)).minor();
    }
    return amount
        .abs()
        .setScale(2, java.math.RoundingMode.UNNECESSARY)
        .movePointRight(2)
        .longValueExact();
  }

  private static <T extends Enum<T>> Set<T> parseAll(
      String value, java.util.function.Function<String, T> parser) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(parser)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
