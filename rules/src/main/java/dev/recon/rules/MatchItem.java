package dev.recon.rules;

/**
 * An item as the rule base sees it. Amounts are {@code long} minor units and dates {@code int}
 * epoch days because Drools hash-indexes {@code ==} joins on such values (never on BigDecimal),
 * which is what keeps matching from comparing every item with every other.
 *
 * <p>{@code blockKey} is account and currency together, so one indexed equality blocks by both.
 */
public final class MatchItem {
  private final long id;
  private final String naturalKey;
  private final String side;
  private final String account;
  private final String currency;
  private final long amountMinor;
  private final int bookingDay;
  private final String reference;
  private final String payoutKey;

  public MatchItem(
      long id,
      String naturalKey,
      String side,
      String account,
      String currency,
      long amountMinor,
      int bookingDay,
      String reference,
      String payoutKey) {
    this.id = id;
    this.naturalKey = naturalKey;
    this.side = side;
    this.account = account;
    this.currency = currency;
    this.amountMinor = amountMinor;
    this.bookingDay = bookingDay;
    this.reference = reference;
    this.payoutKey = payoutKey;
  }

  public long getId() {
    return id;
  }

  public String getNaturalKey() {
    return naturalKey;
  }

  public String getSide() {
    return side;
  }

  public String getAccount() {
    return account;
  }

  public String getCurrency() {
    return currency;
  }

  public String getBlockKey() {
    return account + "|" + currency;
  }

  public long getAmountMinor() {
    return amountMinor;
  }

  public int getBookingDay() {
    return bookingDay;
  }

  public String getReference() {
    return reference;
  }

  public String getPayoutKey() {
    return payoutKey;
  }

  @Override
  public String toString() {
    return side + "#" + id;
  }
}
