package dev.recon.importing.gateway;

import dev.recon.facts.Fact;
import dev.recon.importing.BadInput;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads PayPal's Settlement Report (STL) and Transaction Detail Report (TRR): CSV whose first cell
 * says what each row is: RH/RF report header and footer, FH/FF file header and footer, SH/SF
 * section header and footer, CH the column header of the section's body rows (SB), SC and RC the
 * section's and report's body row counts. Each SB row becomes a gateway item. Amounts are unsigned
 * whole minor units (10000 is 100.00 USD or 10000 JPY) with a separate debit/credit column, for the
 * gross ({@code Transaction Debit or Credit}) as for the fee ({@code Fee Debit or Credit}); a fee
 * PayPal charges (DR) is a positive cost.
 *
 * <p>The kind comes from the transaction event code: T00xx payments are charges, T1107 refunds,
 * T1106 and T12xx chargebacks, T01xx fees, T04xx withdrawals to the bank (payouts, skipped and
 * counted: Recon matches a withdrawal's bank line to the sum of what it settled), the rest
 * adjustments. PayPal has no payout id on a transaction, so an item's payout id is the transaction
 * id of the first withdrawal after it in the same section; items after the last withdrawal have
 * none yet. The reference is what the profile's pattern finds in the invoice id or custom field,
 * else the invoice id, else the transaction id. A report whose body row counts disagree with its SC
 * or RC rows, or that lacks its footer rows, is refused as cut off or altered. The TRR's pending
 * and denied rows ({@code Transactional Status} P, D) moved no money and are skipped and counted.
 */
public final class PayPalReader {
  static final String FORMAT = "PayPal settlement report";
  private static final String DEFAULT_ACCOUNT = "PAYPAL";

  private PayPalReader() {}

  /** Whether the first cell of the first line is PayPal's report header marker. */
  public static boolean looksLikePayPal(String firstLine) {
    String line = firstLine.strip();
    return line.startsWith("\"RH\",") || line.startsWith("RH,");
  }

  public record Result(List<Fact> facts, int ignored) {}

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    List<ReportRows.Row> rows = ReportRows.read(file, FORMAT);
    if (!rows.get(0).cell(0).equals("RH")) {
      throw new BadInput(
          new Problem(
              file.name(),
              rows.get(0).line(),
              null,
              "a PayPal report starts with an RH row, found \""
                  + ReportReading.shorten(rows.get(0).cell(0))
                  + "\""));
    }
    Reading reading =
        new Reading(
            new ReportReading(file.name(), referencePattern),
            accountOverride != null ? accountOverride : DEFAULT_ACCOUNT);
    for (ReportRows.Row row : rows) {
      if (reading.base.full()) {
        break;
      }
      reading.row(row);
    }
    reading.finish(rows.get(rows.size() - 1).line());
    reading.base.throwIfProblems();
    return new Result(reading.base.facts, reading.base.ignored);
  }

  private static final class Reading {
    final ReportReading base;
    final String account;
    ReportRows.Header header;
    final List<ReportReading.Item> awaitingPayout = new ArrayList<>();
    int sectionRows;
    int reportRows;
    boolean sawReportFooter;
    boolean sawFileFooter;

    Reading(ReportReading base, String account) {
      this.base = base;
      this.account = account;
    }

    void row(ReportRows.Row row) {
      String type = row.cell(0);
      switch (type) {
        case "RH", "FH", "SF", "CF" -> {}
        case "SH" -> sectionRows = 0;
        case "CH" -> {
          header = new ReportRows.Header(row);
          header.require(
              base.file,
              FORMAT,
              "Transaction ID",
              "Transaction Event Code",
              "Transaction Debit or Credit",
              "Gross Transaction Amount",
              "Gross Transaction Currency");
        }
        case "SB" -> body(row);
        case "SC" -> {
          count(row, "section", sectionRows);
          endSection();
        }
        case "RC" -> count(row, "report", reportRows);
        case "RF" -> sawReportFooter = true;
        case "FF" -> sawFileFooter = true;
        default ->
            base.problem(
                row.line(),
                null,
                "\""
                    + ReportReading.shorten(type)
                    + "\" is not a PayPal report row type (RH, FH, SH, CH, SB, SF, SC, RF, RC, FF)");
      }
    }

    void finish(int lastLine) {
      endSection();
      if (base.problems.isEmpty() && (!sawReportFooter || !sawFileFooter)) {
        base.problem(
            lastLine,
            null,
            "the report ends without its "
                + (sawReportFooter ? "FF file footer" : "RF report footer")
                + ": the file is cut off; nothing of it was stored");
      }
    }

    private void endSection() {
      for (ReportReading.Item item : awaitingPayout) {
        base.add(item);
      }
      awaitingPayout.clear();
    }

    private void count(ReportRows.Row row, String scope, int actual) {
      String text = row.cell(1);
      if (!text.matches("\\d{1,9}") || Integer.parseInt(text) != actual) {
        base.problem(
            row.line(),
            null,
            "the "
                + scope
                + " says it has "
                + ReportReading.shorten(text)
                + " body rows (SB), but "
                + actual
                + " were read; rows are missing or were added");
      }
    }

    private void body(ReportRows.Row row) {
      sectionRows++;
      reportRows++;
      int line = row.line();
      if (header == null) {
        base.problem(line, null, "an SB body row before any CH column header row");
        return;
      }
      if (!header.fits(row, base)) {
        return;
      }
      // The transaction detail report (TRR) also lists what moved no money: pending (P) and
      // denied (D) payments are skipped and counted, like withdrawals.
      if (header.has("Transactional Status")
          && List.of("P", "D").contains(header.get(row, "Transactional Status"))) {
        base.ignored++;
        return;
      }
      String id = header.get(row, "Transaction ID");
      String code = header.get(row, "Transaction Event Code");
      String kind = kind(code);
      if (kind.equals("payout")) {
        for (ReportReading.Item item : awaitingPayout) {
          base.add(withPayout(item, id));
        }
        awaitingPayout.clear();
        base.ignored++;
        return;
      }
      Currency currency =
          base.currency(
              line, "Gross Transaction Currency", header.get(row, "Gross Transaction Currency"));
      Long gross = signed(row, "Gross Transaction Amount", "Transaction Debit or Credit", false);
      Long fee = signed(row, "Fee Amount", "Fee Debit or Credit", true);
      String feeCurrency = header.get(row, "Fee Currency");
      if (currency != null
          && !feeCurrency.isEmpty()
          && !feeCurrency.equalsIgnoreCase(currency.getCurrencyCode())) {
        base.problem(
            line,
            "Fee Currency",
            "the fee is in " + feeCurrency + " but the transaction in " + currency);
        return;
      }
      String dateColumn =
          header.has("Transaction Completion Date")
              ? "Transaction Completion Date"
              : "Transaction Initiation Date";
      LocalDate booking = base.date(line, dateColumn, header.get(row, dateColumn), true);
      if (currency == null || gross == null || fee == null || booking == null) {
        return;
      }
      String invoice = header.get(row, "Invoice ID");
      String custom = header.get(row, "Custom Field");
      awaitingPayout.add(
          new ReportReading.Item(
              line,
              account,
              currency,
              gross,
              // A fee PayPal charged (DR) is a positive cost; one it gave back (CR) a negative one.
              -fee,
              booking,
              null,
              invoice.isEmpty() ? id : invoice,
              (code + " " + custom).strip(),
              header.get(row, "Consumer ID"),
              null,
              kind));
    }

    /** An unsigned minor-unit amount signed by its debit/credit column (CR +, DR -). */
    private Long signed(ReportRows.Row row, String amountColumn, String signColumn, boolean blank) {
      int line = row.line();
      String amount = header.get(row, amountColumn);
      String sign = header.get(row, signColumn);
      if (amount.isEmpty() && blank) {
        return 0L;
      }
      if (!amount.matches("\\d{1,15}")) {
        base.problem(
            line,
            amountColumn,
            amount.isEmpty()
                ? "the amount is missing"
                : "\""
                    + ReportReading.shorten(amount)
                    + "\" is not a PayPal amount (whole minor units without sign or separator)");
        return null;
      }
      if (!sign.equals("CR") && !sign.equals("DR")) {
        base.problem(
            line,
            signColumn,
            "expected CR or DR, found " + (sign.isEmpty() ? "nothing" : "\"" + sign + "\""));
        return null;
      }
      long minor = Long.parseLong(amount);
      return sign.equals("DR") ? -minor : minor;
    }
  }

  private static ReportReading.Item withPayout(ReportReading.Item item, String payoutId) {
    return new ReportReading.Item(
        item.line(),
        item.account(),
        item.currency(),
        item.grossMinor(),
        item.feeMinor(),
        item.booking(),
        item.value(),
        item.referenceRaw(),
        item.text(),
        item.counterparty(),
        payoutId,
        item.kind());
  }

  /** The kind of a PayPal transaction event code (T-code). */
  static String kind(String code) {
    if (code.equals("T1107")) {
      return "refund";
    }
    if (code.equals("T1106") || code.startsWith("T12")) {
      return "chargeback";
    }
    if (code.startsWith("T00")) {
      return "charge";
    }
    if (code.startsWith("T01")) {
      return "fee";
    }
    return code.startsWith("T04") ? "payout" : "adjustment";
  }
}
