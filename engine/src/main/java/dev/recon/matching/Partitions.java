package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.normalizing.References;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits items into partitions that no rule of the standard rule set joins across, so each can be
 * matched in its own Drools session, in parallel and in bounded memory. Bank and ledger items are
 * partitioned by account and currency (every 1:1, keyed and keyless rule joins within one). The
 * payout rule joins a gateway transaction to any bank line whose reference is its payout id: the
 * transaction goes to that bank line's partition, and when bank lines of several accounts carry the
 * id, their partitions are merged into one. A transaction whose payout no bank line carries cannot
 * match and goes to a partition of its own currency. Partitions come out in key order, so the work
 * is the same whatever order the items arrived in.
 */
final class Partitions {
  private Partitions() {}

  static List<List<Item>> split(List<Item> items) {
    // Only bank lines whose reference is a payout id of the gateway side can join a payout, so
    // only those are looked at (most bank lines have a reference; few of them are payouts).
    Set<PayoutRef> payouts = new HashSet<>();
    for (Item item : items) {
      PayoutRef payout = payoutOf(item.fact());
      if (payout != null) {
        payouts.add(payout);
      }
    }
    Map<PayoutRef, TreeSet<String>> bankPartitionsOfPayout = new HashMap<>();
    for (Item item : items) {
      Fact f = item.fact();
      if (f.side() == Side.BANK && f.reference() != null) {
        PayoutRef payout = new PayoutRef(f.currencyCode(), f.reference());
        if (payouts.contains(payout)) {
          bankPartitionsOfPayout.computeIfAbsent(payout, k -> new TreeSet<>()).add(blockKey(f));
        }
      }
    }
    Merged merged = new Merged();
    String[] keys = new String[items.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = partitionOf(items.get(i).fact(), bankPartitionsOfPayout, merged);
    }
    Map<String, List<Item>> partitions = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      partitions.computeIfAbsent(merged.find(keys[i]), k -> new ArrayList<>()).add(items.get(i));
    }
    return new ArrayList<>(new TreeMap<>(partitions).values());
  }

  /** A payout id in a currency: a gateway transaction's payout, or a bank line's reference. */
  private record PayoutRef(String currency, String key) {}

  private static PayoutRef payoutOf(Fact f) {
    if (f.side() != Side.GATEWAY) {
      return null;
    }
    String key = References.clean(f.payoutId());
    return key == null ? null : new PayoutRef(f.currencyCode(), key);
  }

  private static String partitionOf(
      Fact f, Map<PayoutRef, TreeSet<String>> bankPartitionsOfPayout, Merged merged) {
    if (f.side() != Side.GATEWAY) {
      return blockKey(f);
    }
    PayoutRef payout = payoutOf(f);
    TreeSet<String> bankPartitions = payout == null ? null : bankPartitionsOfPayout.get(payout);
    if (bankPartitions == null) {
      return "~gateway|" + f.currencyCode();
    }
    for (String partition : bankPartitions) {
      merged.union(bankPartitions.first(), partition);
    }
    return bankPartitions.first();
  }

  private static String blockKey(Fact f) {
    return f.account() + "|" + f.currencyCode();
  }

  /** Union-find over partition keys; a merged partition is named by its smallest key. */
  private static final class Merged {
    private final Map<String, String> parent = new HashMap<>();

    String find(String key) {
      String root = key;
      while (parent.containsKey(root)) {
        root = parent.get(root);
      }
      return root;
    }

    void union(String a, String b) {
      String rootA = find(a);
      String rootB = find(b);
      if (!rootA.equals(rootB)) {
        if (rootA.compareTo(rootB) < 0) {
          parent.put(rootB, rootA);
        } else {
          parent.put(rootA, rootB);
        }
      }
    }
  }
}
