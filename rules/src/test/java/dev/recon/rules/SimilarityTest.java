package dev.recon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

class SimilarityTest {
  private static final JaroWinklerSimilarity REFERENCE = new JaroWinklerSimilarity();

  @Test
  void scoresReferencesAsDocumented() {
    assertThat(Similarity.jaroWinklerBp("INV20261009", "INV20261090")).isEqualTo(9818);
    assertThat(Similarity.jaroWinklerBp("INV1", "INV1")).isEqualTo(10_000);
    assertThat(Similarity.jaroWinklerBp("ABC", "XYZ")).isZero();
  }

  @Test
  void missingValuesAreNotSimilar() {
    assertThat(Similarity.jaroWinklerBp(null, null)).isZero();
    assertThat(Similarity.jaroWinklerBp("INV1", null)).isZero();
  }

  @Test
  void agreesWithApacheCommonsTextOnRandomStrings() {
    Random random = new Random(7);
    for (int n = 0; n < 200_000; n++) {
      // A small alphabet and lengths up to 100 make matches, transpositions and shared prefixes
      // common, and cross the scratch buffers' first size.
      String a = randomText(random, 4, 1 + random.nextInt(random.nextInt(10) == 0 ? 100 : 16));
      String b =
          random.nextBoolean() ? mutate(random, a) : randomText(random, 4, random.nextInt(16));
      double expected = a.equals(b) ? 1 : REFERENCE.apply(a, b);
      double actual = a.equals(b) ? 1 : Similarity.jaroWinkler(a, b);
      assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);
    }
  }

  private static String randomText(Random random, int alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('A' + random.nextInt(alphabet)));
    }
    return text.toString();
  }

  /** The text with a character changed, dropped, doubled or two neighbours swapped. */
  private static String mutate(Random random, String text) {
    StringBuilder out = new StringBuilder(text);
    int at = random.nextInt(text.length());
    switch (random.nextInt(4)) {
      case 0 -> out.setCharAt(at, (char) ('A' + random.nextInt(6)));
      case 1 -> out.deleteCharAt(at);
      case 2 -> out.insert(at, text.charAt(at));
      default -> {
        if (at + 1 < text.length()) {
          out.setCharAt(at, text.charAt(at + 1));
          out.setCharAt(at + 1, text.charAt(at));
        }
      }
    }
    return out.toString();
  }
}
