package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Side;
import java.util.List;

/** Exact sums over a group's members, shared by automatic and manual matches. */
final class GroupSums {
  private GroupSums() {}

  /** The amounts on the first member's side minus those on the other sides; zero when balanced. */
  static long differenceMinor(List<Item> members) {
    Side anchor = members.get(0).fact().side();
    long difference = 0;
    for (Item member : members) {
      long amount = member.fact().amount().minor();
      difference = Math.addExact(difference, member.fact().side() == anchor ? amount : -amount);
    }
    return difference;
  }

  /** The gateway fees of the members (a payout's fees), for the correction step. */
  static long feeTotalMinor(List<Item> members) {
    long fees = 0;
    for (Item member : members) {
      if (member.fact().fee() != null) {
        fees = Math.addExact(fees, member.fact().fee().minor());
      }
    }
    return fees;
  }
}
