package dev.recon.facts;

import dev.recon.money.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One normalized record from a bank statement, gateway report or ledger export. Text fields keep
 * the raw value beside the cleaned one used for matching, so a person always sees what the file
 * said.
 *
 * <p>For gateway records {@code amount} is the net (what reaches the bank), {@code gross} what the
 * customer paid and {@code fee} what the gateway kept, a positive cost: net = gross - fee.
 *
 * <p>Bank records may also say who the money came from or went to by account ({@code
 * counterpartyIban}), how the bank classed the transaction ({@code bankTransactionCode}, ISO 20022
 * domain/family/sub-family such as {@code PMNT/RCDT/ESCT}, and the bank's own {@code
 * bankTransactionCodeProprietary}), and the payer's {@code endToEndId}; null where the source has
 * none. They describe a record but are not part of its identity (see {@code FactIdentity}).
 */
public record Fact(
    Side side,
    String account,
    Money amount,
    LocalDate bookingDate,
    LocalDate valueDate,
    String reference,
    String referenceRaw,
    String counterparty,
    String counterpartyRaw,
    String text,
    String payoutId,
    String kind,
    Money gross,
    Money fee,
    Origin origin,
    String counterpartyIban,
    String bankTransactionCode,
    String bankTransactionCodeProprietary,
    String endToEndId) {

  public static final int ACCOUNT_LENGTH_MAX = 100;
  public static final int REFERENCE_LENGTH_MAX = 200;
  public static final int RAW_TEXT_LENGTH_MAX = 500;
  public static final int DESCRIPTION_LENGTH_MAX = 2000;
  public static final int PAYOUT_ID_LENGTH_MAX = 100;
  public static final int KIND_LENGTH_MAX = 20;

  /** ISO 13616: an IBAN has at most 34 characters. */
  public static final int IBAN_LENGTH_MAX = 34;

  /** ISO 20022 Max35Text: the end-to-end id and the bank transaction codes. */
  public static final int ISO_TEXT_LENGTH_MAX = 35;

  /**
   * The largest amount Recon accepts, in minor units (exclusive): 10^15, a thousand trillion cents.
   * Sums of many such amounts stay far from overflowing a long, and every amount below it survives
   * the trip through a spreadsheet cell exactly.
   */
  public static final long AMOUNT_MINOR_LIMIT = 1_000_000_000_000_000L;

  public Fact {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(bookingDate, "bookingDate");
    Objects.requireNonNull(origin, "origin");
    if (account == null || account.isBlank()) {
      throw new IllegalArgumentException("account is missing");
    }
    requireLength("account", account, ACCOUNT_LENGTH_MAX);
    requireLength("reference", reference, REFERENCE_LENGTH_MAX);
    requireLength("reference", referenceRaw, RAW_TEXT_LENGTH_MAX);
    requireLength("counterparty", counterparty, REFERENCE_LENGTH_MAX);
    requireLength("counterparty", counterpartyRaw, RAW_TEXT_LENGTH_MAX);
    requireLength("text", text, DESCRIPTION_LENGTH_MAX);
    requireLength("payout id", payoutId, PAYOUT_ID_LENGTH_MAX);
    requireLength("kind", kind, KIND_LENGTH_MAX);
    requireLength("counterparty IBAN", counterpartyIban, IBAN_LENGTH_MAX);
    requireLength("bank transaction code", bankTransactionCode, ISO_TEXT_LENGTH_MAX);
    requireLength(
        "proprietary bank transaction code", bankTransactionCodeProprietary, ISO_TEXT_LENGTH_MAX);
    requireLength("end-to-end id", endToEndId, ISO_TEXT_LENGTH_MAX);
    requireWithinLimit("amount", amount);
    requireWithinLimit("gross", gross);
    requireWithinLimit("fee", fee);
    requireSameCurrency("gross", gross, amount);
    requireSameCurrency("fee", fee, amount);
    if (gross != null && fee != null && !gross.minus(fee).equals(amount)) {
      throw new IllegalArgumentException(
          "gross " + gross + " minus fee " + fee + " is not the net amount " + amount);
    }
  }

  /** A record whose source names no counterparty account, transaction code or end-to-end id. */
  public Fact(
      Side side,
      String account,
      Money amount,
      LocalDate bookingDate,
      LocalDate valueDate,
      String reference,
      String referenceRaw,
      String counterparty,
      String counterpartyRaw,
      String text,
      String payoutId,
      String kind,
      Money gross,
      Money fee,
      Origin origin) {
    this(
        side,
        account,
        amount,
        bookingDate,
        valueDate,
        reference,
        referenceRaw,
        counterparty,
        counterpartyRaw,
        text,
        payoutId,
        kind,
        gross,
        fee,
        origin,
        null,
        null,
        null,
        null);
  }

  public String currencyCode() {
    return amount.currencyCode();
  }

  private static void requireLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(
          field
              + " is "
              + value.length()
              + " characters long; at most "
              + max
              + " are allowed, shorten it");
    }
  }

  private static void requireWithinLimit(String field, Money money) {
    if (money != null && Math.abs(money.minor()) >= AMOUNT_MINOR_LIMIT) {
      throw new IllegalArgumentException(
          field + " " + money + " is larger than Recon accepts (below 10^15 minor units)");
    }
  }

  private static void requireSameCurrency(String field, Money money, Money amount) {
    if (money != null && !money.currency().equals(amount.currency())) {
      throw new IllegalArgumentException(
          field + " is in " + money.currencyCode() + " but the amount in " + amount.currencyCode());
    }
  }

  /** The kind every gateway reader and profile gives a gateway's own fee rows. */
  public static final String FEE_KIND = "fee";

  /**
   * Whether this is a gateway's own fee row (a Stripe Radar fee, a PayPal fee): no sale in the
   * books, all of its net withheld from the payout as fee.
   */
  public boolean isGatewayFeeRow() {
    return side == Side.GATEWAY && FEE_KIND.equals(kind);
  }
}
