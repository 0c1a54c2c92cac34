package dev.recon.rules.dsl;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelt words: the nearest valid word within a couple of edits. */
final class Suggestions {
  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance();

  private Suggestions() {}

  /** The hint to append to an error, e.g. {@code " (did you mean 'amount'?)"}, or empty. */
  static String didYouMean(String word, Collection<String> valid) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    // Short words tolerate one typo, longer ones two (a swap of neighbours counts two).
    int allowed = word.length() <= 3 ? 1 : 2;
    for (String candidate : valid) {
      int distance = DISTANCE.apply(word.toLowerCase(java.util.Locale.ROOT), candidate);
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }
}
