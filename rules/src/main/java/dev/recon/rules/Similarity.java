package dev.recon.rules;

/**
 * Text similarity for rules, in basis points (10000 = identical). Recon uses Jaro-Winkler on the
 * cleaned keys (upper case, letters and digits only): it rewards a common prefix, which suits
 * references (INV20261009 vs INV20261090 scores 9818) and forgives a dropped, doubled or swapped
 * character. Two missing values are not similar (0): absence is no evidence.
 *
 * <p>The definition is the standard one, as Apache Commons Text computes it (matching window of
 * half the longer length minus one, transpositions counted in halves, a prefix bonus of 0.1 per
 * common character for up to 4 characters once the Jaro score reaches 0.7); a test holds the two
 * equal on random strings. Recon computes it itself because the tolerant rules call it tens of
 * millions of times in a large run, and this version allocates nothing.
 */
public final class Similarity {
  private static final double BOOST_THRESHOLD = 0.7;
  private static final double PREFIX_SCALE = 0.1;
  private static final int PREFIX_MAX = 4;

  /** Per-thread scratch flags, so a comparison allocates nothing. */
  private static final ThreadLocal<boolean[][]> FLAGS =
      ThreadLocal.withInitial(() -> new boolean[][] {new boolean[64], new boolean[64]});

  private Similarity() {}

  public static int jaroWinklerBp(String a, String b) {
    if (a == null || b == null) {
      return 0;
    }
    if (a.equals(b)) {
      return 10_000;
    }
    // The similarity is a double in [0, 1]; rounding it to whole basis points keeps rules and
    // results in exact integers from here on.
    return (int) Math.round(jaroWinkler(a, b) * 10_000);
  }

  /** The Jaro-Winkler similarity of two different strings, in [0, 1]. */
  static double jaroWinkler(String first, String second) {
    String longer = first.length() > second.length() ? first : second;
    String shorter = longer == first ? second : first;
    boolean[][] flags = scratch(longer.length());
    boolean[] shorterMatched = flags[0];
    boolean[] longerMatched = flags[1];
    try {
      int range = Math.max(longer.length() / 2 - 1, 0);
      int matches = 0;
      for (int i = 0; i < shorter.length(); i++) {
        char c = shorter.charAt(i);
        int end = Math.min(i + range + 1, longer.length());
        for (int j = Math.max(i - range, 0); j < end; j++) {
          if (!longerMatched[j] && c == longer.charAt(j)) {
            shorterMatched[i] = true;
            longerMatched[j] = true;
            matches++;
            break;
          }
        }
      }
      if (matches == 0) {
        return 0;
      }
      // The matched characters of each string, in order: every position where they differ is
      // half a transposition.
      int halfTranspositions = 0;
      int j = 0;
      for (int i = 0; i < shorter.length(); i++) {
        if (shorterMatched[i]) {
          while (!longerMatched[j]) {
            j++;
          }
          if (shorter.charAt(i) != longer.charAt(j)) {
            halfTranspositions++;
          }
          j++;
        }
      }
      double m = matches;
      double jaro =
          (m / first.length() + m / second.length() + (m - halfTranspositions / 2.0) / m) / 3;
      if (jaro < BOOST_THRESHOLD) {
        return jaro;
      }
      int prefix = 0;
      int prefixMax = Math.min(PREFIX_MAX, shorter.length());
      while (prefix < prefixMax && first.charAt(prefix) == second.charAt(prefix)) {
        prefix++;
      }
      return jaro + PREFIX_SCALE * prefix * (1 - jaro);
    } finally {
      java.util.Arrays.fill(shorterMatched, 0, shorter.length(), false);
      java.util.Arrays.fill(longerMatched, 0, longer.length(), false);
    }
  }

  private static boolean[][] scratch(int length) {
    boolean[][] flags = FLAGS.get();
    if (flags[1].length < length) {
      flags[0] = new boolean[length];
      flags[1] = new boolean[length];
      FLAGS.set(flags);
    }
    return flags;
  }
}
