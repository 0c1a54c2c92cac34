package dev.recon.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Bounded exact subset-sum over integer minor units: which few items of a blocked pool add up to a
 * target exactly. The pool is sorted by natural key first, so the search and its result do not
 * depend on the order facts arrived in. Limits come from the rule: at most {@code itemsMax} items
 * per subset, at most {@code candidatesMax} pool items searched, at most {@link #STEPS_MAX} subsets
 * tried. Sizes are tried smallest first and the search stops at the first size that has a solution.
 * A result says whether the search was exhausted (every subset of the sizes tried was tried) or cut
 * off, and stops after {@link #SOLUTIONS_MAX} solutions of one size: two solutions make the match
 * ambiguous.
 */
public final class SubsetSum {
  static final int SOLUTIONS_MAX = 2;
  static final int STEPS_MAX = 200_000;

  private SubsetSum() {}

  /** The subsets found (at most two) and how the search ended, in words for the explanation. */
  public record Result(List<List<MatchItem>> solutions, boolean exhausted, String note) {
    public boolean found() {
      return !solutions.isEmpty();
    }
  }

  public static Result find(long targetMinor, Collection<?> pool, int itemsMax, int candidatesMax) {
    List<MatchItem> sorted = new ArrayList<>(pool.size());
    for (Object item : pool) {
      sorted.add((MatchItem) item);
    }
    sorted.sort(Comparator.comparing(MatchItem::getNaturalKey));
    boolean truncated = sorted.size() > candidatesMax;
    List<MatchItem> searched = truncated ? sorted.subList(0, candidatesMax) : sorted;
    Search search = new Search(targetMinor, searched);
    // Smallest subsets first: a smaller explanation is the better one, and two solutions of the
    // smallest size that fits are what makes the match ambiguous, so larger sizes are not needed.
    int size = 2;
    for (; size <= itemsMax && search.solutions.isEmpty() && !search.outOfSteps; size++) {
      search.from(0, 0, new ArrayList<>(), size);
    }
    boolean exhausted = !truncated && !search.outOfSteps && search.solutions.size() < SOLUTIONS_MAX;
    String note =
        (exhausted ? "subset search exhausted" : "subset search cut off")
            + " ("
            + searched.size()
            + " of "
            + sorted.size()
            + " candidates, subsets of 2 to "
            + itemsMax
            + " items, "
            + search.steps
            + " tried)";
    return new Result(List.copyOf(search.solutions), exhausted, note);
  }

  private static final class Search {
    final long target;
    final List<MatchItem> pool;
    final List<List<MatchItem>> solutions = new ArrayList<>();
    int steps;
    boolean outOfSteps;

    Search(long target, List<MatchItem> pool) {
      this.target = target;
      this.pool = pool;
    }

    /**
     * Depth-first over the subsets of exactly {@code size} items, in pool order; stops at the step
     * budget or the second solution.
     */
    void from(int start, long sum, List<MatchItem> chosen, int size) {
      for (int i = start; i < pool.size(); i++) {
        if (solutions.size() >= SOLUTIONS_MAX) {
          return;
        }
        if (++steps > STEPS_MAX) {
          outOfSteps = true;
          return;
        }
        long next = Math.addExact(sum, pool.get(i).getAmountMinor());
        chosen.add(pool.get(i));
        if (chosen.size() == size) {
          if (next == target) {
            solutions.add(List.copyOf(chosen));
          }
        } else {
          from(i + 1, next, chosen, size);
        }
        chosen.remove(chosen.size() - 1);
      }
    }
  }
}
