package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which proposed candidates become groups. Candidates are ranked by rule priority, then
 * confidence, date distance, amount difference and reference similarity; the items' content
 * identities only fix the order of equals. Going down the ranking, a candidate whose items are
 * still free is:
 *
 * <ul>
 *   <li><b>ambiguous</b> when a rival of the same rank competes for one of its items with different
 *       content (ten $30.00 cheques on one day, with ten ledger lines to pair them with): it is
 *       only suggested, together with its rivals, and its items are held for review so that no
 *       weaker rule takes them either;
 *   <li>else <b>accepted</b> if its rule accepts automatically, or <b>suggested</b> if not.
 * </ul>
 *
 * Rivals whose items have the same content as the candidate's (two identical card-fee lines on each
 * side) are interchangeable, not ambiguous: any pairing of them means the same thing.
 *
 * <p>Cost: one sort of the candidates, then work proportional to the candidates and their rivals.
 * Per-item bookkeeping lives in arrays indexed by the items' ordinals (a million-item partition
 * would otherwise box and hash millions of ids).
 */
final class Allocator {
  /**
   * Rule priority (lower first), then confidence, date distance, amount difference and reference
   * similarity (better first). Written out rather than composed from comparators: it runs tens of
   * millions of times in a large run.
   */
  static final Comparator<MatchCandidate> RANK =
      (a, b) -> {
        int order = Integer.compare(a.priority(), b.priority());
        if (order == 0) {
          order = Integer.compare(b.confidenceBp(), a.confidenceBp());
        }
        if (order == 0) {
          order = Integer.compare(a.dayDistance(), b.dayDistance());
        }
        if (order == 0) {
          order = Long.compare(a.amountDeltaMinor(), b.amountDeltaMinor());
        }
        if (order == 0) {
          order = Integer.compare(b.similarityBp(), a.similarityBp());
        }
        return order;
      };

  private static final int RUNNERS_UP_MAX = 3;
  private static final int UNCLAIMED = Integer.MAX_VALUE;

  private Allocator() {}

  enum Outcome {
    ACCEPTED,
    SUGGESTED,
    AMBIGUOUS
  }

  /**
   * What became of one candidate.
   *
   * @param rivals for an ambiguous candidate its equally good rivals; otherwise the best weaker
   *     candidates that wanted one of its items (the margin an auditor may ask about)
   */
  record Decision(MatchCandidate candidate, Outcome outcome, List<MatchCandidate> rivals) {}

  /**
   * A candidate with its members' natural keys sorted once, the slot each member claims, and its
   * place in the ranking. A bank or ledger item has one slot, its ordinal; a gateway transaction
   * has two, one per reconciliation it takes part in: its ordinal for its payout's settlement, and
   * {@code itemCount + ordinal} for its sale in the ledger (see {@link Scope}).
   */
  private static final class Ranked {
    final MatchCandidate candidate;
    final String[] keys;
    final int[] slots;
    int position;

    Ranked(MatchCandidate candidate, int itemCount) {
      this.candidate = candidate;
      List<MatchItem> items = candidate.items();
      this.keys = new String[items.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = items.get(i).getNaturalKey();
      }
      Arrays.sort(keys);
      int salesOffset = scopeOf(candidate) == Scope.SALES ? itemCount : 0;
      this.slots = new int[items.size()];
      for (int i = 0; i < slots.length; i++) {
        MatchItem item = items.get(i);
        slots[i] = item.getOrdinal() + (GATEWAY.equals(item.getSide()) ? salesOffset : 0);
      }
    }
  }

  private static final String GATEWAY = Side.GATEWAY.name();

  /** The reconciliation a candidate belongs to, by its members' sides. */
  static Scope scopeOf(MatchCandidate candidate) {
    Set<Side> sides = EnumSet.noneOf(Side.class);
    for (MatchItem item : candidate.items()) {
      sides.add(Side.valueOf(item.getSide()));
    }
    return Scope.of(sides);
  }

  private static final Comparator<Ranked> ORDER =
      Comparator.<Ranked, MatchCandidate>comparing(r -> r.candidate, RANK)
          .thenComparing((a, b) -> Arrays.compare(a.keys, b.keys));

  /**
   * @param itemCount how many items the candidates were proposed over: their ordinals are below it
   */
  static List<Decision> allocate(List<MatchCandidate> proposed, int itemCount) {
    List<Ranked> ranked = new ArrayList<>(proposed.size());
    for (MatchCandidate candidate : proposed) {
      ranked.add(new Ranked(candidate, itemCount));
    }
    int slotCount = 2 * itemCount;
    ranked.sort(ORDER);
    for (int i = 0; i < ranked.size(); i++) {
      ranked.get(i).position = i;
    }
    CandidatesByItem byItem = new CandidatesByItem(ranked, slotCount);
    // The tier in which each slot was claimed: a rival claimed in an earlier tier is out of the
    // running, one claimed in the current tier still makes its equals ambiguous.
    int[] claimedInTier = new int[slotCount];
    Arrays.fill(claimedInTier, UNCLAIMED);
    List<Decision> decisions = new ArrayList<>();
    int tier = 0;
    int tierStart = 0;
    while (tierStart < ranked.size()) {
      MatchCandidate first = ranked.get(tierStart).candidate;
      int tierEnd = tierStart;
      while (tierEnd < ranked.size() && RANK.compare(first, ranked.get(tierEnd).candidate) == 0) {
        tierEnd++;
      }
      decideTier(ranked.subList(tierStart, tierEnd), tier++, byItem, claimedInTier, decisions);
      tierStart = tierEnd;
    }
    return decisions;
  }

  private static void decideTier(
      List<Ranked> candidates,
      int tier,
      CandidatesByItem byItem,
      int[] claimedInTier,
      List<Decision> decisions) {
    for (Ranked ranked : candidates) {
      MatchCandidate candidate = ranked.candidate;
      if (anyClaimedBefore(ranked, claimedInTier, UNCLAIMED)) {
        continue;
      }
      List<Ranked> rivals = rivalsOf(ranked, byItem);
      List<Ranked> equalRivals = new ArrayList<>();
      for (Ranked rival : rivals) {
        if (RANK.compare(rival.candidate, candidate) == 0
            && !anyClaimedBefore(rival, claimedInTier, tier)
            && !interchangeable(rival, ranked)) {
          equalRivals.add(rival);
        }
      }
      if (!equalRivals.isEmpty()) {
        decisions.add(
            new Decision(
                candidate, Outcome.AMBIGUOUS, equalRivals.stream().map(r -> r.candidate).toList()));
        // The rivals' items wait for the same review: no weaker rule may take them meanwhile.
        for (Ranked rival : equalRivals) {
          for (int slot : rival.slots) {
            if (claimedInTier[slot] == UNCLAIMED) {
              claimedInTier[slot] = tier;
            }
          }
        }
      } else {
        Outcome outcome = candidate.automatic() ? Outcome.ACCEPTED : Outcome.SUGGESTED;
        decisions.add(new Decision(candidate, outcome, runnersUp(ranked, rivals, claimedInTier)));
      }
      for (int slot : ranked.slots) {
        claimedInTier[slot] = tier;
      }
    }
  }

  /**
   * Other candidates sharing an item with this one, best first, each once. Each item's list is
   * already in ranking order, so ordering the union is a sort of small ints.
   */
  private static List<Ranked> rivalsOf(Ranked candidate, CandidatesByItem byItem) {
    List<Ranked> rivals = new ArrayList<>();
    for (int slot : candidate.slots) {
      for (int i = byItem.start[slot]; i < byItem.start[slot + 1]; i++) {
        Ranked other = byItem.candidates[i];
        if (other != candidate) {
          rivals.add(other);
        }
      }
    }
    if (candidate.candidate.items().size() > 1 && rivals.size() > 1) {
      rivals.sort(Comparator.comparingInt(r -> r.position));
      rivals = dropRepeats(rivals);
    }
    return rivals;
  }

  private static List<Ranked> dropRepeats(List<Ranked> sorted) {
    List<Ranked> distinct = new ArrayList<>(sorted.size());
    for (Ranked r : sorted) {
      if (distinct.isEmpty() || distinct.get(distinct.size() - 1) != r) {
        distinct.add(r);
      }
    }
    return distinct;
  }

  /**
   * The best free rivals with other items than the candidate's (not the same pair by another rule).
   */
  private static List<MatchCandidate> runnersUp(
      Ranked candidate, List<Ranked> rivals, int[] claimedInTier) {
    List<MatchCandidate> runnersUp = new ArrayList<>(RUNNERS_UP_MAX);
    for (Ranked rival : rivals) {
      if (runnersUp.size() == RUNNERS_UP_MAX) {
        break;
      }
      if (!Arrays.equals(rival.keys, candidate.keys)
          && !anyClaimedBefore(rival, claimedInTier, UNCLAIMED)) {
        runnersUp.add(rival.candidate);
      }
    }
    return runnersUp;
  }

  /**
   * The candidates of each slot in ranking order, in one array: those of slot {@code s} are {@code
   * candidates[start[s]]} to {@code candidates[start[s + 1] - 1]}.
   */
  private static final class CandidatesByItem {
    final int[] start;
    final Ranked[] candidates;

    CandidatesByItem(List<Ranked> ranked, int slotCount) {
      start = new int[slotCount + 1];
      for (Ranked candidate : ranked) {
        for (int slot : candidate.slots) {
          start[slot + 1]++;
        }
      }
      for (int s = 0; s < slotCount; s++) {
        start[s + 1] += start[s];
      }
      candidates = new Ranked[start[slotCount]];
      int[] next = Arrays.copyOf(start, slotCount);
      for (Ranked candidate : ranked) {
        for (int slot : candidate.slots) {
          candidates[next[slot]++] = candidate;
        }
      }
    }
  }

  /** Whether any of the candidate's slots was claimed in a tier before {@code tier}. */
  private static boolean anyClaimedBefore(Ranked candidate, int[] claimedInTier, int tier) {
    for (int slot : candidate.slots) {
      if (claimedInTier[slot] < tier) {
        return true;
      }
    }
    return false;
  }

  /** Same multiset of item contents: choosing one over the other changes nothing a user sees. */
  private static boolean interchangeable(Ranked a, Ranked b) {
    if (a.keys.length != b.keys.length) {
      return false;
    }
    String[] left = contentKeys(a);
    String[] right = contentKeys(b);
    return Arrays.equals(left, right);
  }

  private static String[] contentKeys(Ranked candidate) {
    String[] keys = new String[candidate.keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Item.contentKeyOf(candidate.keys[i]);
    }
    Arrays.sort(keys);
    return keys;
  }
}
