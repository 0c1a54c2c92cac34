package dev.recon.rules;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Text similarity for rules, in basis points (10000 = identical). Recon uses Jaro-Winkler on the
 * cleaned keys (upper case, letters and digits only): it rewards a common prefix, which suits
 * references (INV20261009 vs INV20261090 scores 9636) and forgives a dropped, doubled or swapped
 * character. Two missing values are not similar (0): absence is no evidence.
 */
public final class Similarity {
  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

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
    return (int) Math.round(JARO_WINKLER.apply(a, b) * 10_000);
  }
}
