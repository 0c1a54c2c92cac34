package dev.recon.rules;

/**
 * One gateway payout, by its cleaned id and currency: inserted once per distinct payout so that the
 * payout rule runs once per payout, not once per bank line.
 */
public record Payout(String key, String currency) {
  /**
   * The distinct payouts the gateway items offered for settlement refer to, in first-seen order.
   */
  public static java.util.Set<Payout> of(Iterable<MatchItem> items) {
    java.util.Set<Payout> payouts = new java.util.LinkedHashSet<>();
    for (MatchItem item : items) {
      if (item.getPayoutKey() != null && item.isForSettlement()) {
        payouts.add(new Payout(item.getPayoutKey(), item.getCurrency()));
      }
    }
    return payouts;
  }

  public String getKey() {
    return key;
  }

  public String getCurrency() {
    return currency;
  }
}
