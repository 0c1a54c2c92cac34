package dev.recon.rules;

/**
 * How the engine makes the {@link GroupKey} facts of one grouped rule: one per distinct value of
 * the group key among the items of the grouped side, within an account and currency (or a currency,
 * when the rule pairs bank lines with gateway transactions).
 *
 * @param rule the rule's number in its rule set, which its compiled DRL matches on
 * @param side the grouped side (BANK, LEDGER or GATEWAY)
 * @param keyField the grouped field: payout_id, reference, counterparty, account or currency
 * @param byAccount true to group within account and currency, false within currency only
 * @param offer for gateway items, which reconciliation they must be offered for in the batch:
 *     "settlement", "sales", or null for any
 * @param itemsMin the fewest items a group must have
 */
public record GroupSpec(
    int rule, String side, String keyField, boolean byAccount, String offer, int itemsMin) {

  /** The item's value of the grouped field, or null. */
  public String keyOf(MatchItem item) {
    return switch (keyField) {
      case "payout_id" -> item.getPayoutKey();
      case "reference" -> item.getReference();
      case "counterparty" -> item.getCounterparty();
      case "account" -> item.getAccount();
      case "currency" -> item.getCurrency();
      default -> throw new IllegalStateException("no text field " + keyField);
    };
  }

  boolean takes(MatchItem item) {
    if (!side.equals(item.getSide())) {
      return false;
    }
    if ("settlement".equals(offer)) {
      return item.isForSettlement();
    }
    if ("sales".equals(offer)) {
      return item.isForSales();
    }
    return true;
  }

  String blockOf(MatchItem item) {
    return byAccount ? item.getBlockKey() : item.getCurrency();
  }
}
