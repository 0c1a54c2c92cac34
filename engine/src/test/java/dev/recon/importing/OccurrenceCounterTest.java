package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Occurrences are counted per whole digest, through every growth of the table. */
class OccurrenceCounterTest {
  @Test
  void countsEachDigestByItsWholeValueAsAMapWould() {
    Random random = new Random(11);
    OccurrenceCounter counter = new OccurrenceCounter(1);
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      byte[] digest = new byte[32];
      // Few distinct digests in the last 24 bytes, so many repeat; the first 8 bytes (the slot)
      // take only 4 values, so different digests share slots and are told apart by the rest.
      ByteBuffer.wrap(digest).putLong(0, random.nextInt(4)).putLong(24, random.nextInt(50_000));
      int occurrence = expected.merge(HexFormat.of().formatHex(digest), 1, Integer::sum);
      assertThat(counter.next(digest)).as("record %d", i).isEqualTo(occurrence);
    }
    assertThat(expected).hasSizeGreaterThan(100_000);
  }

  @Test
  void refusesWhatIsNotASha256Digest() {
    assertThatThrownBy(() -> new OccurrenceCounter(16).next(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
