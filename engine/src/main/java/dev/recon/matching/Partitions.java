package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.normalizing.References;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits items into partitions that no rule of the standard rule set joins across, so each can be
 * matched in its own Drools session, in parallel and in bounded memory. Bank and ledger items are
 * partitioned by account and currency (every 1:1 and keyless rule joins within one). A gateway
 * transaction follows the bank line whose reference is its payout id (the payout rule's join); with
 * no such bank line it cannot match and goes to a partition of its own currency. Partitions come
 * out in key order, so the work is the same whatever order the items arrived in.
 */
final class Partitions {
  private Partitions() {}

  static List<List<Item>> split(List<Item> items) {
    Map<String, String> partitionOfPayout = new HashMap<>();
    for (Item item : items) {
      Fact f = item.fact();
      if (f.side() == Side.BANK && f.reference() != null) {
        partitionOfPayout.merge(
            f.currencyCode() + "|" + f.reference(),
            blockKey(f),
            (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    Map<String, List<Item>> partitions = new TreeMap<>();
    for (Item item : items) {
      partitions
          .computeIfAbsent(partitionOf(item.fact(), partitionOfPayout), k -> new ArrayList<>())
          .add(item);
    }
    return new ArrayList<>(partitions.values());
  }

  private static String partitionOf(Fact f, Map<String, String> partitionOfPayout) {
    if (f.side() != Side.GATEWAY) {
      return blockKey(f);
    }
    String payoutKey = References.clean(f.payoutId());
    String routed =
        payoutKey == null ? null : partitionOfPayout.get(f.currencyCode() + "|" + payoutKey);
    return routed != null ? routed : "~gateway|" + f.currencyCode();
  }

  private static String blockKey(Fact f) {
    return f.account() + "|" + f.currencyCode();
  }
}
