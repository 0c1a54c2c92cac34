package dev.recon.importing.gateway;

import dev.recon.facts.Fact;
import dev.recon.importing.InputFile;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Stripe's itemized payout reconciliation report (Reports &gt; Payout reconciliation &gt;
 * itemized export, report type {@code payout_reconciliation.itemized}): one row per balance
 * transaction, with the automatic payout that settled it. Each row becomes a gateway item with its
 * {@code gross}, {@code fee} and {@code net} (major units, currency in lower case), the payout id
 * from {@code automatic_payout_id}, the booking date from {@code created_utc} and the value date
 * from {@code available_on_utc}. {@code reporting_category} gives the kind: charge, refund,
 * chargeback (dispute and dispute_reversal), fee (fee, network_cost, tax), payout, and adjustment
 * for everything else. The reference is what the profile's pattern finds in {@code source_id} or
 * {@code description}, else the source id; the counterparty is the customer's name or email. Column
 * names are matched as written by the dashboard or the API.
 */
public final class StripePayoutReader {
  static final String FORMAT = "Stripe payout reconciliation report";
  private static final String DEFAULT_ACCOUNT = "STRIPE";

  private StripePayoutReader() {}

  /** Whether the first line is a payout reconciliation header. */
  public static boolean looksLikeStripePayout(String firstLine) {
    String key = ReportRows.key(firstLine);
    return key.contains("automaticpayoutid")
        && key.contains("reportingcategory")
        && key.contains("gross");
  }

  public record Result(List<Fact> facts, int ignored) {}

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    List<ReportRows.Row> rows = ReportRows.read(file, FORMAT);
    ReportRows.Header header = new ReportRows.Header(rows.get(0));
    header.require(
        file.name(),
        FORMAT,
        "automatic_payout_id",
        "currency",
        "gross",
        "fee",
        "net",
        "reporting_category");
    String created = header.has("created_utc") ? "created_utc" : "created";
    header.require(file.name(), FORMAT, created);
    String account = accountOverride != null ? accountOverride : DEFAULT_ACCOUNT;
    ReportReading reading = new ReportReading(file.name(), referencePattern);
    for (ReportRows.Row row : rows.subList(1, rows.size())) {
      if (reading.full()) {
        break;
      }
      if (!header.fits(row, reading)) {
        continue;
      }
      String kind = kind(header.get(row, "reporting_category"));
      if (kind.equals("payout")) {
        reading.ignored++;
        continue;
      }
      int line = row.line();
      Currency currency = reading.currency(line, "currency", header.get(row, "currency"));
      Long gross = reading.decimalMinor(line, "gross", header.get(row, "gross"), currency, false);
      Long fee = reading.decimalMinor(line, "fee", header.get(row, "fee"), currency, true);
      Long net = reading.decimalMinor(line, "net", header.get(row, "net"), currency, false);
      LocalDate booking = reading.date(line, created, header.get(row, created), true);
      LocalDate value =
          reading.date(line, "available_on_utc", header.get(row, "available_on_utc"), false);
      if (gross == null || fee == null || net == null || booking == null) {
        continue;
      }
      if (gross - fee != net) {
        reading.problem(
            line,
            "net",
            "gross " + gross + " minus fee " + fee + " is not net " + net + " (minor units)");
        continue;
      }
      String counterparty = header.get(row, "customer_name");
      reading.add(
          new ReportReading.Item(
              line,
              account,
              currency,
              gross,
              fee,
              booking,
              value,
              header.get(row, "source_id"),
              header.get(row, "description"),
              counterparty.isEmpty() ? header.get(row, "customer_email") : counterparty,
              header.get(row, "automatic_payout_id"),
              kind));
    }
    reading.throwIfProblems();
    return new Result(reading.facts, reading.ignored);
  }

  /**
   * Recon's kind of a Stripe reporting category (payout reconciliation report) or balance
   * transaction type (balance export): charge, refund, chargeback, fee, payout, else adjustment.
   */
  public static String kind(String category) {
    return switch (category.toLowerCase(Locale.ROOT)) {
      case "charge", "payment" -> "charge";
      case "refund", "payment_refund", "refund_failure", "payment_failure_refund" -> "refund";
      case "dispute", "dispute_reversal" -> "chargeback";
      case "fee", "network_cost", "tax", "stripe_fee", "application_fee", "stripe_fx_fee" -> "fee";
      case "payout" -> "payout";
      default -> "adjustment";
    };
  }
}
