package dev.recon.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How an audit event's hash is computed: SHA-256 over its sequence number, its fields and the hash
 * of the event before it. Each field is written with its length first, so no two different events
 * share an encoding (a detail ending in "x" and an actor starting with "x" cannot trade places).
 * The time is taken as a UTC instant to the microsecond, the precision both databases store.
 */
public final class AuditChain {
  /** The previous hash of the first event. */
  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);

  private AuditChain() {}

  public static String hash(long seq, AuditStore.Entry entry, String previousHash) {
    MessageDigest digest = sha256();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
    field(digest, INSTANT.format(entry.at().withOffsetSameInstant(ZoneOffset.UTC)));
    field(digest, entry.actor());
    field(digest, entry.action());
    field(digest, entry.entityType());
    field(digest, entry.entityId() == null ? null : entry.entityId().toString());
    field(digest, entry.ruleSetVersion());
    field(digest, entry.detail());
    field(digest, previousHash);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The time as the database gives it back: microseconds, so a stored event hashes the same. */
  static OffsetDateTime storable(OffsetDateTime at) {
    return at.withNano(at.getNano() / 1000 * 1000);
  }

  private static void field(MessageDigest digest, String value) {
    if (value == null) {
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
