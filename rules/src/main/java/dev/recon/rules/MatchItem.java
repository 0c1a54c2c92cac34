package dev.recon.rules;

/**
 * An item as the rule base sees it. Amounts are {@code long} minor units and dates {@code int}
 * epoch days because Drools hash-indexes {@code ==} joins on such values (never on BigDecimal),
 * which is what keeps matching from comparing every item with every other.
 *
 * <p>{@code blockKey} is account and currency together, so one indexed equality blocks by both. The
 * amount buckets ({@code amountWideBucket}, {@code amountShiftedBucket}) let a tolerance of up to
 * one currency unit be found by two indexed joins instead of a comparison with every item of the
 * account.
 */
public final class MatchItem {
  private final long id;
  private final String naturalKey;
  private final String side;
  private final String account;
  private final String currency;
  private final String blockKey;
  private final long amountMinor;
  private final long grossMinor;
  private final long unitMinor;
  private final long amountWideBucket;
  private final long amountShiftedBucket;
  private final int bookingDay;
  private final int valueDay;
  private final String reference;
  private final String counterparty;
  private final String payoutKey;
  private final boolean forSettlement;
  private final boolean forSales;
  private final int ordinal;

  /**
   * @param grossMinor a gateway transaction's gross amount (the net plus its fee), what the ledger
   *     books as the sale; for bank and ledger items the amount itself
   * @param unitMinor minor units in one currency unit: 100 for EUR, 1 for JPY, 1000 for BHD
   * @param valueDay the value date's epoch day, or the booking day when there is no value date
   * @param forSettlement whether a gateway transaction may be settled in its payout in this batch
   * @param forSales whether a gateway transaction may be matched to its sale in this batch (one
   *     already matched in either, or whose counterparts are in another batch, is offered only for
   *     the other)
   * @param ordinal the item's position in the batch the engine matches together (0, 1, 2, ...), so
   *     the engine can keep per-item state in arrays; it depends on input order, so no rule may
   *     decide anything by it
   */
  public MatchItem(
      long id,
      String naturalKey,
      String side,
      String account,
      String currency,
      long amountMinor,
      long grossMinor,
      long unitMinor,
      int bookingDay,
      int valueDay,
      String reference,
      String counterparty,
      String payoutKey,
      boolean forSettlement,
      boolean forSales,
      int ordinal) {
    this.id = id;
    this.naturalKey = naturalKey;
    this.side = side;
    this.account = account;
    this.currency = currency;
    this.blockKey = account + "|" + currency;
    this.amountMinor = amountMinor;
    this.grossMinor = grossMinor;
    this.unitMinor = unitMinor;
    // Computed once: the rule base reads them for every join it indexes.
    this.amountWideBucket = Math.floorDiv(amountMinor, 2 * unitMinor);
    this.amountShiftedBucket = Math.floorDiv(amountMinor + unitMinor, 2 * unitMinor);
    this.bookingDay = bookingDay;
    this.valueDay = valueDay;
    this.reference = reference;
    this.counterparty = counterparty;
    this.payoutKey = payoutKey;
    this.forSettlement = forSettlement;
    this.forSales = forSales;
    this.ordinal = ordinal;
  }

  public long getId() {
    return id;
  }

  public boolean isForSettlement() {
    return forSettlement;
  }

  public boolean isForSales() {
    return forSales;
  }

  public int getOrdinal() {
    return ordinal;
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
    return blockKey;
  }

  public long getAmountMinor() {
    return amountMinor;
  }

  /** A gateway transaction's gross (before fees); for other items the amount. */
  public long getGrossMinor() {
    return grossMinor;
  }

  public long getUnitMinor() {
    return unitMinor;
  }

  /** The amount's bucket on a grid two currency units wide. */
  public long getAmountWideBucket() {
    return amountWideBucket;
  }

  /**
   * The amount's bucket on the same grid shifted by one unit. Two amounts at most one unit apart
   * share a wide or a shifted bucket: the boundaries of the two grids alternate one unit apart, and
   * an interval of at most one unit cannot cross one of each.
   */
  public long getAmountShiftedBucket() {
    return amountShiftedBucket;
  }

  public int getBookingDay() {
    return bookingDay;
  }

  public int getValueDay() {
    return valueDay;
  }

  public String getReference() {
    return reference;
  }

  public String getCounterparty() {
    return counterparty;
  }

  public String getPayoutKey() {
    return payoutKey;
  }

  @Override
  public String toString() {
    return side + "#" + id;
  }
}
