package dev.recon.matching;

import dev.recon.rules.MatchCandidate;
import dev.recon.rules.MatchItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

  static List<Decision> allocate(List<MatchCandidate> proposed) {
    List<MatchCandidate> ranked = new ArrayList<>(proposed);
    ranked.sort(RANK.thenComparing(Allocator::memberKeys));
    Map<Long, List<MatchCandidate>> byItem = indexByItem(ranked);
    // The tier in which each item was claimed: a rival claimed in an earlier tier is out of the
    // running, one claimed in the current tier still makes its equals ambiguous.
    Map<Long, Integer> claimedInTier = new HashMap<>();
    List<Decision> decisions = new ArrayList<>();
    int tier = 0;
    int tierStart = 0;
    while (tierStart < ranked.size()) {
      int tierEnd = tierStart;
      while (tierEnd < ranked.size()
          && RANK.compare(ranked.get(tierStart), ranked.get(tierEnd)) == 0) {
        tierEnd++;
      }
      decideTier(ranked.subList(tierStart, tierEnd), tier++, byItem, claimedInTier, decisions);
      tierStart = tierEnd;
    }
    return decisions;
  }

  private static void decideTier(
      List<MatchCandidate> candidates,
      int tier,
      Map<Long, List<MatchCandidate>> byItem,
      Map<Long, Integer> claimedInTier,
      List<Decision> decisions) {
    for (MatchCandidate candidate : candidates) {
      if (anyClaimedBefore(candidate, claimedInTier, Integer.MAX_VALUE)) {
        continue;
      }
      List<MatchCandidate> equalRivals = new ArrayList<>();
      for (MatchCandidate rival : rivalsOf(candidate, byItem)) {
        boolean sameRank = RANK.compare(rival, candidate) == 0;
        if (sameRank
            && !anyClaimedBefore(rival, claimedInTier, tier)
            && !interchangeable(rival, candidate)) {
          equalRivals.add(rival);
        }
      }
      if (!equalRivals.isEmpty()) {
        decisions.add(new Decision(candidate, Outcome.AMBIGUOUS, equalRivals));
      } else {
        Outcome outcome = candidate.automatic() ? Outcome.ACCEPTED : Outcome.SUGGESTED;
        decisions.add(
            new Decision(candidate, outcome, runnersUp(candidate, byItem, claimedInTier)));
      }
      candidate.items().forEach(item -> claimedInTier.put(item.getId(), tier));
    }
  }

  /** Other candidates sharing an item with this one, best first, each once. */
  private static List<MatchCandidate> rivalsOf(
      MatchCandidate candidate, Map<Long, List<MatchCandidate>> byItem) {
    Set<MatchCandidate> rivals = new java.util.LinkedHashSet<>();
    for (MatchItem item : candidate.items()) {
      for (MatchCandidate other : byItem.get(item.getId())) {
        if (other != candidate) {
          rivals.add(other);
        }
      }
    }
    return rivals.stream().sorted(RANK.thenComparing(Allocator::memberKeys)).toList();
  }

  private static List<MatchCandidate> runnersUp(
      MatchCandidate candidate,
      Map<Long, List<MatchCandidate>> byItem,
      Map<Long, Integer> claimedInTier) {
    return rivalsOf(candidate, byItem).stream()
        .filter(rival -> !anyClaimedBefore(rival, claimedInTier, Integer.MAX_VALUE))
        .limit(RUNNERS_UP_MAX)
        .toList();
  }

  private static Map<Long, List<MatchCandidate>> indexByItem(List<MatchCandidate> ranked) {
    Map<Long, List<MatchCandidate>> byItem = new HashMap<>();
    for (MatchCandidate candidate : ranked) {
      for (MatchItem item : candidate.items()) {
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
  private static boolean interchangeable(MatchCandidate a, MatchCandidate b) {
    return contentKeys(a).equals(contentKeys(b));
  }

  private static List<String> contentKeys(MatchCandidate candidate) {
    return candidate.items().stream().map(Allocator::contentKey).sorted().toList();
  }

  /** The natural key without its occurrence number: equal for identical rows. */
  static String contentKey(MatchItem item) {
    String key = item.getNaturalKey();
    int hash = key.lastIndexOf('#');
    return hash < 0 ? key : key.substring(0, hash);
  }

  static String memberKeys(MatchCandidate candidate) {
    return candidate.items().stream()
        .map(MatchItem::getNaturalKey)
        .sorted()
        .collect(Collectors.joining(","));
  }
}
