package dev.recon.matching;

import dev.recon.facts.Item;
import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 */
final class Allocator {
  static final Comparator<MatchCandidate> RANK =
      Comparator.comparingInt(MatchCandidate::priority)
          .thenComparing(Comparator.comparingInt(MatchCandidate::confidenceBp).reversed())
          .thenComparingInt(MatchCandidate::dayDistance)
          .thenComparingLong(MatchCandidate::amountDeltaMinor)
          .thenComparing(Comparator.comparingInt(MatchCandidate::similarityBp).reversed());
  private static final int RUNNERS_UP_MAX = 3;

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

  /** A candidate with its members' natural keys sorted once, and its place in the ranking. */
  private static final class Ranked {
    final MatchCandidate candidate;
    final String[] keys;
    int position;

    Ranked(MatchCandidate candidate) {
      this.candidate = candidate;
      this.keys =
          candidate.items().stream().map(MatchItem::getNaturalKey).sorted().toArray(String[]::new);
    }
  }

  private static final Comparator<Ranked> ORDER =
      Comparator.<Ranked, MatchCandidate>comparing(r -> r.candidate, RANK)
          .thenComparing((a, b) -> Arrays.compare(a.keys, b.keys));

  static List<Decision> allocate(List<MatchCandidate> proposed) {
    List<Ranked> ranked = new ArrayList<>(proposed.size());
    for (MatchCandidate candidate : proposed) {
      ranked.add(new Ranked(candidate));
    }
    ranked.sort(ORDER);
    for (int i = 0; i < ranked.size(); i++) {
      ranked.get(i).position = i;
    }
    Map<Long, List<Ranked>> byItem = indexByItem(ranked);
    // The tier in which each item was claimed: a rival claimed in an earlier tier is out of the
    // running, one claimed in the current tier still makes its equals ambiguous.
    Map<Long, Integer> claimedInTier = new HashMap<>();
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
      Map<Long, List<Ranked>> byItem,
      Map<Long, Integer> claimedInTier,
      List<Decision> decisions) {
    for (Ranked ranked : candidates) {
      MatchCandidate candidate = ranked.candidate;
      if (anyClaimedBefore(candidate, claimedInTier, Integer.MAX_VALUE)) {
        continue;
      }
      List<Ranked> rivals = rivalsOf(ranked, byItem);
      List<MatchCandidate> equalRivals = new ArrayList<>();
      for (Ranked rival : rivals) {
        if (RANK.compare(rival.candidate, candidate) == 0
            && !anyClaimedBefore(rival.candidate, claimedInTier, tier)
            && !interchangeable(rival, ranked)) {
          equalRivals.add(rival.candidate);
        }
      }
      if (!equalRivals.isEmpty()) {
        decisions.add(new Decision(candidate, Outcome.AMBIGUOUS, equalRivals));
        // The rivals' items wait for the same review: no weaker rule may take them meanwhile.
        equalRivals.forEach(
            rival -> rival.items().forEach(item -> claimedInTier.putIfAbsent(item.getId(), tier)));
      } else {
        Outcome outcome = candidate.automatic() ? Outcome.ACCEPTED : Outcome.SUGGESTED;
        decisions.add(new Decision(candidate, outcome, runnersUp(ranked, rivals, claimedInTier)));
      }
      candidate.items().forEach(item -> claimedInTier.put(item.getId(), tier));
    }
  }

  /**
   * Other candidates sharing an item with this one, best first, each once. Each item's list is
   * already in ranking order, so ordering the union is a sort of small ints.
   */
  private static List<Ranked> rivalsOf(Ranked candidate, Map<Long, List<Ranked>> byItem) {
    List<Ranked> rivals = new ArrayList<>();
    for (MatchItem item : candidate.candidate.items()) {
      for (Ranked other : byItem.get(item.getId())) {
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
      Ranked candidate, List<Ranked> rivals, Map<Long, Integer> claimedInTier) {
    List<MatchCandidate> runnersUp = new ArrayList<>(RUNNERS_UP_MAX);
    for (Ranked rival : rivals) {
      if (runnersUp.size() == RUNNERS_UP_MAX) {
        break;
      }
      if (!Arrays.equals(rival.keys, candidate.keys)
          && !anyClaimedBefore(rival.candidate, claimedInTier, Integer.MAX_VALUE)) {
        runnersUp.add(rival.candidate);
      }
    }
    return runnersUp;
  }

  private static Map<Long, List<Ranked>> indexByItem(List<Ranked> ranked) {
    Map<Long, List<Ranked>> byItem = new HashMap<>();
    for (Ranked candidate : ranked) {
      for (MatchItem item : candidate.candidate.items()) {
        byItem.computeIfAbsent(item.getId(), id -> new ArrayList<>(2)).add(candidate);
      }
    }
    return byItem;
  }

  /** Whether any of the candidate's items was claimed in a tier before {@code tier}. */
  private static boolean anyClaimedBefore(
      MatchCandidate candidate, Map<Long, Integer> claimedInTier, int tier) {
    for (MatchItem item : candidate.items()) {
      Integer claimed = claimedInTier.get(item.getId());
      if (claimed != null && claimed < tier) {
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
