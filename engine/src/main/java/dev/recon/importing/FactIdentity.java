package dev.recon.importing;

import dev.recon.facts.Fact;
import dev.recon.money.Money;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  // Occurrences so far per fingerprint: the one thing about a file that grows with its records.
  private final Map<String, Integer> seen;
  private final MessageDigest digest = sha256();

  /**
   * For about {@code expected} records: a million-line file would otherwise rehash twenty times.
   */
  FactIdentity(int expected) {
    seen = new HashMap<>(Math.max(16, expected / 3 * 4 + 1));
  }

  /** The identity of the file's next record, given in file order. */
  IdentifiedFact next(Fact fact) {
    String fingerprint = fingerprint(digest, fact);
    int occurrence = seen.merge(fingerprint, 1, Integer::sum);
    return new IdentifiedFact(fact, fingerprint, occurrence);
  }

  static List<IdentifiedFact> identify(List<Fact> facts) {
    FactIdentity identity = new FactIdentity(facts.size());
    List<IdentifiedFact> identified = new ArrayList<>(facts.size());
    for (Fact fact : facts) {
      identified.add(identity.next(fact));
    }
    return identified;
  }

  static String fingerprint(MessageDigest digest, Fact f) {
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
    return HexFormat.of()
        .formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
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
