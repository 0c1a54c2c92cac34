package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Scope;
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
 * partitioned by account and currency (every cash rule joins within one, and a gateway's sales rule
 * joins its transactions to the ledger lines of the gateway's own account and currency).
 *
 * <p>A gateway transaction takes part in two reconciliations, so it may go to two partitions: for
 * settlement, to the partition of the bank line whose reference is its payout id (when bank lines
 * of several accounts carry the id, their partitions are merged into one; when none does, to a
 * partition of its currency, where it stays unmatched); for sales, to the partition of its own
 * account and currency, if ledger lines are there. When both are the same partition it goes once. A
 * scope it is already matched in is skipped. Partitions come out in key order, so the work is the
 * same whatever order the items arrived in.
 */
final class Partitions {
  private Partitions() {}

  /** A gateway transaction is offered for its payout's settlement in this partition. */
  static final int OFFER_SETTLEMENT = 1;

  /** A gateway transaction is offered for its sale's booking in this partition. */
  static final int OFFER_SALES = 2;

  private static final int OFFER_BOTH = OFFER_SETTLEMENT | OFFER_SALES;

  /**
   * Items of one partition, where each stands in the input list, and what each is offered for.
   *
   * @param positions {@code positions[i]} is the index of {@code items.get(i)} in the input
   * @param offers {@code offers[i]} says which reconciliations of a gateway transaction this
   *     partition may match it in ({@link #OFFER_SETTLEMENT}, {@link #OFFER_SALES}, or both);
   *     meaningless for bank and ledger lines
   */
  record Partition(List<Item> items, int[] positions, int[] offers) {
    /** All items in one partition, each offered for everything. */
    static Partition of(List<Item> items) {
      int[] positions = new int[items.size()];
      int[] offers = new int[items.size()];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i;
        offers[i] = OFFER_BOTH;
      }
      return new Partition(items, positions, offers);
    }
  }

  static List<Partition> split(List<Item> items, Map<Long, Set<Scope>> matchedIn) {
    // Only bank lines whose reference is a payout id of the gateway side can join a payout, so
    // only those are looked at (most bank lines have a reference; few of them are payouts).
    Set<PayoutRef> payouts = new HashSet<>();
    Set<String> ledgerBlocks = new HashSet<>();
    for (Item item : items) {
      Fact f = item.fact();
      PayoutRef payout = payoutOf(f);
      if (payout != null) {
        payouts.add(payout);
      }
      if (f.side() == Side.LEDGER) {
        ledgerBlocks.add(blockKey(f));
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
    // Each item's partition keys: one, or for a gateway transaction up to two.
    String[] first = new String[items.size()];
    String[] second = new String[items.size()];
    for (int i = 0; i < first.length; i++) {
      Item item = items.get(i);
      Fact f = item.fact();
      if (f.side() != Side.GATEWAY) {
        first[i] = blockKey(f);
        continue;
      }
      Set<Scope> done = matchedIn.getOrDefault(item.id(), Set.of());
      if (!done.contains(Scope.SETTLEMENT)) {
        first[i] = settlementPartition(f, bankPartitionsOfPayout, merged);
      }
      if (!done.contains(Scope.SALES) && ledgerBlocks.contains(blockKey(f))) {
        second[i] = blockKey(f);
      }
    }
    // Each partition's members as (input position, offer) pairs, in input order.
    Map<String, List<int[]>> members = new HashMap<>();
    for (int i = 0; i < first.length; i++) {
      String a = first[i] == null ? null : merged.find(first[i]);
      String b = second[i] == null ? null : merged.find(second[i]);
      if (a != null && a.equals(b)) {
        members.computeIfAbsent(a, k -> new ArrayList<>()).add(new int[] {i, OFFER_BOTH});
        continue;
      }
      if (a != null) {
        int offer = items.get(i).fact().side() == Side.GATEWAY ? OFFER_SETTLEMENT : OFFER_BOTH;
        members.computeIfAbsent(a, k -> new ArrayList<>()).add(new int[] {i, offer});
      }
      if (b != null) {
        members.computeIfAbsent(b, k -> new ArrayList<>()).add(new int[] {i, OFFER_SALES});
      }
    }
    List<Partition> partitions = new ArrayList<>(members.size());
    for (List<int[]> partition : new TreeMap<>(members).values()) {
      List<Item> partitionItems = new ArrayList<>(partition.size());
      int[] at = new int[partition.size()];
      int[] offers = new int[partition.size()];
      for (int j = 0; j < at.length; j++) {
        at[j] = partition.get(j)[0];
        offers[j] = partition.get(j)[1];
        partitionItems.add(items.get(at[j]));
      }
      partitions.add(new Partition(partitionItems, at, offers));
    }
    return partitions;
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

  private static String settlementPartition(
      Fact f, Map<PayoutRef, TreeSet<String>> bankPartitionsOfPayout, Merged merged) {
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
