package dev.recon.importing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How many times each SHA-256 fingerprint has been seen so far in a file. Besides the file's own
 * bytes and text it is what an import holds that grows with the file, so it keeps each fingerprint
 * as four longs in one open-addressing table: about 48 bytes a record, where a map of hex strings
 * to counts took about 140 (both counted from the sizes of their arrays and objects). The whole
 * digest is compared, so two different records never share a count.
 */
final class OccurrenceCounter {
  private static final int DIGEST_BYTES = 32;
  private static final int LONGS = DIGEST_BYTES / Long.BYTES;
  private static final VarHandle LONG_AT =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // The digests' array must stay within Java's array length.
  private static final int MAX_CAPACITY = (Integer.MAX_VALUE - 8) / LONGS;

  private long[] digests;
  private int[] counts; // 0 marks a free slot
  private int size;

  /** For about {@code expected} distinct fingerprints before the table has to grow. */
  OccurrenceCounter(int expected) {
    allocate((int) Math.max(16, Math.min(MAX_CAPACITY, expected * 4L / 3 + 1)));
  }

  /** Counts one more occurrence of the digest and returns its number: 1 the first time. */
  int next(byte[] digest) {
    if (digest.length != DIGEST_BYTES) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
    }
    long k0 = (long) LONG_AT.get(digest, 0);
    long k1 = (long) LONG_AT.get(digest, 8);
    long k2 = (long) LONG_AT.get(digest, 16);
    long k3 = (long) LONG_AT.get(digest, 24);
    int slot = find(k0, k1, k2, k3);
    if (counts[slot] != 0) {
      return ++counts[slot];
    }
    if ((size + 1) * 4L > counts.length * 3L) {
      grow();
      slot = find(k0, k1, k2, k3);
    }
    put(slot, k0, k1, k2, k3, 1);
    size++;
    return 1;
  }

  /** The slot holding the digest, or the free slot where it belongs. */
  private int find(long k0, long k1, long k2, long k3) {
    int capacity = counts.length;
    // A SHA-256 digest is uniformly spread already: its first long is a good hash.
    int slot = (int) Long.remainderUnsigned(k0, capacity);
    while (counts[slot] != 0) {
      int at = slot * LONGS;
      if (digests[at] == k0
          && digests[at + 1] == k1
          && digests[at + 2] == k2
          && digests[at + 3] == k3) {
        return slot;
      }
      slot = slot + 1 == capacity ? 0 : slot + 1;
    }
    return slot;
  }

  private void put(int slot, long k0, long k1, long k2, long k3, int count) {
    int at = slot * LONGS;
    digests[at] = k0;
    digests[at + 1] = k1;
    digests[at + 2] = k2;
    digests[at + 3] = k3;
    counts[slot] = count;
  }

  private void grow() {
    long[] oldDigests = digests;
    int[] oldCounts = counts;
    int capacity = (int) Math.min(MAX_CAPACITY, oldCounts.length * 2L);
    if (capacity == oldCounts.length) {
      throw new IllegalStateException(
          "a file with more than " + size + " distinct records is more than one import can number");
    }
    allocate(capacity);
    for (int slot = 0; slot < oldCounts.length; slot++) {
      if (oldCounts[slot] != 0) {
        int at = slot * LONGS;
        long k0 = oldDigests[at];
        long k1 = oldDigests[at + 1];
        long k2 = oldDigests[at + 2];
        long k3 = oldDigests[at + 3];
        put(find(k0, k1, k2, k3), k0, k1, k2, k3, oldCounts[slot]);
      }
    }
  }

  private void allocate(int capacity) {
    digests = new long[capacity * LONGS];
    counts = new int[capacity];
  }
}
