package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import java.util.List;

/** Exact sums over a group's members, shared by automatic and manual matches. */
final class GroupSums {
  private GroupSums() {}

  /**
   * The amounts on the first member's side minus those on the other sides; zero when balanced. In a
   * sales group a gateway transaction counts with its gross, which is what the ledger books (its
   * fee is settled, and booked, with its payout).
   */
  static long differenceMinor(List<Item> members) {
    boolean sales = scopeOf(members) == Scope.SALES;
    Side anchor = members.get(0).fact().side();
    long difference = 0;
    for (Item member : members) {
      Fact f = member.fact();
      long amount = sales && f.gross() != null ? f.gross().minor() : f.amount().minor();
      difference = Math.addExact(difference, f.side() == anchor ? amount : -amount);
    }
    return difference;
  }

  /**
   * The gateway fees a settlement group holds (a payout's fees), for the correction step: each
   * transaction's fee column, and the gateway's own fee rows (a Stripe Radar fee, a PayPal fee),
   * which are no sale in the books but are withheld from the payout all the same. Other groups hold
   * none: a sales group's transactions have their fees booked with their payout.
   */
  static long feeTotalMinor(List<Item> members) {
    if (scopeOf(members) != Scope.SETTLEMENT) {
      return 0;
    }
    long fees = 0;
    for (Item member : members) {
      Fact f = member.fact();
      if (f.isGatewayFeeRow()) {
        // A fee row is no sale: all the money it took (its net, negative) is fee, whether the
        // report puts it in the fee column (gross 0) or in the gross (fee 0).
        fees = Math.subtractExact(fees, f.amount().minor());
      } else if (f.fee() != null) {
        fees = Math.addExact(fees, f.fee().minor());
      }
    }
    return fees;
  }

  static Scope scopeOf(List<Item> members) {
    return Scope.of(members.stream().map(member -> member.fact().side()).toList());
  }
}
