package dev.recon.importing.gateway;

import dev.recon.facts.Fact;
import dev.recon.importing.InputFile;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Adyen's Settlement details report (one per settlement batch, CSV with a header row): one
 * row per payment, modification, fee or payout. Each row becomes a gateway item in the net
 * currency: net = {@code Net Credit (NC)} - {@code Net Debit (NC)}. Where gross and net currency
 * are the same, gross = {@code Gross Credit (GC)} - {@code Gross Debit (GC)} and the fee is what
 * lies between them; after a currency conversion the fee is the sum of {@code Commission}, {@code
 * Markup}, {@code Scheme Fees} and {@code Interchange} (NC) and the gross the net plus that fee.
 *
 * <p>The account is the {@code Merchant Account}, the payout id the {@code Batch Number}, the
 * booking date the {@code Creation Date} (as written, in the report's {@code TimeZone}), the
 * reference what the profile's pattern finds in the {@code Merchant Reference} or {@code
 * Modification Merchant Reference}, else the merchant reference. {@code Type} gives the kind:
 * Settled is a charge, Refunded a refund, Chargeback and its reversals chargebacks, Fee,
 * InvoiceDeduction and PaymentCost fees, MerchantPayout the payout (skipped and counted, as the
 * bank line is matched to the batch's items), the rest adjustments.
 */
public final class AdyenReader {
  static final String FORMAT = "Adyen settlement details report";
  private static final String[] FEE_COLUMNS = {
    "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)"
  };

  private AdyenReader() {}

  /** Whether the first line is a settlement details header. */
  public static boolean looksLikeAdyen(String firstLine) {
    String key = ReportRows.key(firstLine);
    return key.contains("merchantaccount")
        && key.contains("pspreference")
        && key.contains("netcurrency")
        && key.contains("batchnumber");
  }

  public record Result(List<Fact> facts, int ignored) {}

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    List<ReportRows.Row> rows = ReportRows.read(file, FORMAT);
    ReportRows.Header header = new ReportRows.Header(rows.get(0));
    header.require(
        file.name(),
        FORMAT,
        "Merchant Account",
        "Psp Reference",
        "Merchant Reference",
        "Creation Date",
        "Type",
        "Net Currency",
        "Net Debit (NC)",
        "Net Credit (NC)",
        "Batch Number");
    ReportReading reading = new ReportReading(file.name(), referencePattern);
    for (ReportRows.Row row : rows.subList(1, rows.size())) {
      if (reading.full()) {
        break;
      }
      String kind = kind(header.get(row, "Type"));
      if (kind.equals("payout")) {
        reading.ignored++;
        continue;
      }
      item(reading, header, row, kind, accountOverride);
    }
    reading.throwIfProblems();
    return new Result(reading.facts, reading.ignored);
  }

  private static void item(
      ReportReading reading,
      ReportRows.Header header,
      ReportRows.Row row,
      String kind,
      String accountOverride) {
    int line = row.line();
    Currency net = reading.currency(line, "Net Currency", header.get(row, "Net Currency"));
    Long netMinor = credit(reading, header, row, "Net Credit (NC)", "Net Debit (NC)", net);
    LocalDate booking = reading.date(line, "Creation Date", header.get(row, "Creation Date"), true);
    String account =
        accountOverride != null ? accountOverride : header.get(row, "Merchant Account");
    if (account.isEmpty()) {
      reading.problem(line, "Merchant Account", "the merchant account is missing");
      return;
    }
    if (netMinor == null || booking == null) {
      return;
    }
    String grossCode = header.get(row, "Gross Currency");
    long grossMinor;
    if (grossCode.isEmpty() || grossCode.equalsIgnoreCase(net.getCurrencyCode())) {
      Long gross = credit(reading, header, row, "Gross Credit (GC)", "Gross Debit (GC)", net);
      if (gross == null) {
        return;
      }
      grossMinor = gross;
    } else {
      long fees = 0;
      for (String column : FEE_COLUMNS) {
        Long fee = reading.decimalMinor(line, column, header.get(row, column), net, true);
        if (fee == null) {
          return;
        }
        fees += fee;
      }
      grossMinor = netMinor + fees;
    }
    String reference = header.get(row, "Merchant Reference");
    reading.add(
        new ReportReading.Item(
            line,
            account,
            net,
            grossMinor,
            grossMinor - netMinor,
            booking,
            null,
            reference.isEmpty() ? header.get(row, "Psp Reference") : reference,
            String.join(
                " ",
                java.util.stream.Stream.of(
                        header.get(row, "Type"),
                        header.get(row, "Payment Method"),
                        header.get(row, "Modification Merchant Reference"))
                    .filter(part -> !part.isEmpty())
                    .toList()),
            null,
            header.get(row, "Batch Number"),
            kind));
  }

  /** Credit minus debit of a pair of columns, each blank as zero. */
  private static Long credit(
      ReportReading reading,
      ReportRows.Header header,
      ReportRows.Row row,
      String creditColumn,
      String debitColumn,
      Currency currency) {
    if (currency == null) {
      return null;
    }
    Long credit =
        reading.decimalMinor(
            row.line(), creditColumn, header.get(row, creditColumn), currency, true);
    Long debit =
        reading.decimalMinor(row.line(), debitColumn, header.get(row, debitColumn), currency, true);
    return credit == null || debit == null ? null : credit - debit;
  }

  static String kind(String type) {
    String key = type.toLowerCase(Locale.ROOT);
    if (key.startsWith("settled")) {
      return "charge";
    }
    if (key.startsWith("refunded")) {
      return key.contains("reversed") ? "adjustment" : "refund";
    }
    if (key.contains("chargeback")) {
      return "chargeback";
    }
    return switch (key) {
      case "fee", "invoicededuction", "paymentcost", "misccosts" -> "fee";
      case "merchantpayout" -> "payout";
      default -> "adjustment";
    };
  }
}
