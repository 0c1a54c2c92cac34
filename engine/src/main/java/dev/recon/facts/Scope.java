package dev.recon.facts;

import java.util.Collection;

/**
 * Which reconciliation a match group belongs to, read from the sides of its members. Bank and
 * ledger lines are reconciled once. A gateway transaction is reconciled twice: into its payout,
 * which a bank line settles, and against the ledger line that books its sale. So an item is in at
 * most one accepted group per scope, and a bank or ledger line in at most one accepted group at
 * all.
 */
public enum Scope {
  /** Bank lines against the ledger lines of the bank account. */
  CASH,
  /** Gateway transactions against the bank line that pays out their payout. */
  SETTLEMENT,
  /**
   * Gateway transactions against the ledger lines that book them (the gateway's clearing account).
   */
  SALES;

  /** The scope of a group whose members come from these sides. */
  public static Scope of(Collection<Side> sides) {
    if (!sides.contains(Side.GATEWAY)) {
      return CASH;
    }
    return sides.contains(Side.LEDGER) && !sides.contains(Side.BANK) ? SALES : SETTLEMENT;
  }
}
