package dev.recon.importing;

import dev.recon.facts.Fact;
import dev.recon.money.Money;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The identity of a record, from its content alone: a SHA-256 over its normalized fields (not its
 * file or line), numbered by occurrence within its file. Last week's and this week's statements
 * share the identities of the days they overlap, so only new rows are added; two identical rows in
 * one file are occurrences 1 and 2 and both import.
 *
 * <p>The bank details a record may carry besides (counterparty IBAN, transaction codes, end-to-end
 * id) are not part of it: records imported before Recon read them keep their identity, so an
 * overlapping statement imported now adds nothing twice.
 */
final class FactIdentity {
  private static final char SEPARATOR = '\u001f';

  private static final HexFormat HEX = HexFormat.of();

  // Occurrences so far per fingerprint: the one thing about a file that grows with its records.
  private final OccurrenceCounter seen;

  /** Records a batch must have before its fingerprints are worth computing on every core. */
  private static final int PARALLEL_BATCH = 10_000;

  /**
   * For about {@code expected} records: a million-line file would otherwise rehash twenty times.
   */
  FactIdentity(int expected) {
    seen = new OccurrenceCounter(expected);
  }

  /**
   * The identities of the file's next records, given in file order. Fingerprints depend on their
   * record alone, so a large batch is hashed on every core; occurrences are then numbered in order.
   */
  List<IdentifiedFact> next(List<Fact> batch) {
    IntStream indexes = IntStream.range(0, batch.size());
    if (batch.size() >= PARALLEL_BATCH) {
      indexes = indexes.parallel();
    }
    ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(FactIdentity::sha256);
    byte[][] digests = new byte[batch.size()][];
    String[] fingerprints = new String[batch.size()];
    indexes.forEach(
        i -> {
          digests[i] = digest(sha256.get(), batch.get(i));
          fingerprints[i] = HEX.formatHex(digests[i]);
        });
    List<IdentifiedFact> identified = new ArrayList<>(batch.size());
    for (int i = 0; i < fingerprints.length; i++) {
      identified.add(new IdentifiedFact(batch.get(i), fingerprints[i], seen.next(digests[i])));
    }
    return identified;
  }

  static List<IdentifiedFact> identify(List<Fact> facts) {
    return new FactIdentity(facts.size()).next(facts);
  }

  /** The SHA-256 of the record's normalized fields; its hex form is the stored fingerprint. */
  static byte[] digest(MessageDigest digest, Fact f) {
    StringBuilder canonical = new StringBuilder(200);
    for (Object field :
        new Object[] {
          f.side(),
          f.account(),
          f.currencyCode(),
          f.amount().minor(),
          f.bookingDate(),
          f.valueDate(),
          f.referenceRaw(),
          f.counterpartyRaw(),
          f.text(),
          f.payoutId(),
          f.kind(),
          minor(f.gross()),
          minor(f.fee())
        }) {
      canonical.append(Objects.toString(field, "")).append(SEPARATOR);
    }
    return digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Long minor(Money money) {
    return money == null ? null : money.minor();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
