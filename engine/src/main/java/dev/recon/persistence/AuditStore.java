package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.AUDIT_CHAIN;
import static dev.recon.db.jooq.Tables.AUDIT_LOG;

import dev.recon.db.jooq.tables.records.AuditLogRecord;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.Record2;

/**
 * The append-only audit log, kept as a hash chain (see {@link AuditChain}). This class inserts,
 * counts and verifies, and has no way to change a row.
 *
 * <p>Events appended in a transaction wait in memory and are chained when the transaction's work is
 * done, just before it commits: only then is the chain's head locked, so a long match run does not
 * hold up every other writer for its whole length, and the events of one transaction get
 * consecutive sequence numbers.
 */
public final class AuditStore {
  private static final int INSERT_CHUNK_ROWS = 500;

  private final DSLContext dsl;
  private final List<Entry> pending;

  AuditStore(DSLContext dsl, List<Entry> pending) {
    this.dsl = dsl;
    this.pending = pending;
  }

  /**
   * One recorded decision or change.
   *
   * @param actor the person, or {@code rule:NAME} for an automatic decision
   * @param ruleSetVersion the rule set in force, for decisions made by rules
   */
  public record Entry(
      OffsetDateTime at,
      String actor,
      String action,
      String entityType,
      Long entityId,
      String ruleSetVersion,
      String detail) {
    public Entry {
      at = AuditChain.storable(at);
    }
  }

  /** Records an event; it is written, chained, when the transaction commits. */
  public void append(Entry entry) {
    pending.add(entry);
  }

  /** The events about one entity, oldest first, at most {@code limit}. */
  public List<Entry> forEntity(String entityType, long entityId, int limit) {
    flush();
    return dsl.selectFrom(AUDIT_LOG)
        .where(AUDIT_LOG.ENTITY_TYPE.eq(entityType))
        .and(AUDIT_LOG.ENTITY_ID.eq(entityId))
        .orderBy(AUDIT_LOG.ID)
        .limit(limit)
        .fetch(AuditStore::entryOf);
  }

  public int count(String action) {
    flush();
    return dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action));
  }

  /** Chains and writes the events appended so far in this transaction. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Record2<Long, String> head =
        dsl.select(AUDIT_CHAIN.LAST_SEQ, AUDIT_CHAIN.LAST_HASH)
            .from(AUDIT_CHAIN)
            .where(AUDIT_CHAIN.ID.eq(1))
            .forUpdate()
            .fetchSingle();
    long seq = head.value1();
    String hash = head.value2();
    if (seq == 0) {
      Record2<Long, String> sealed = sealUnchainedEvents();
      seq = sealed.value1();
      hash = sealed.value2();
    }
    for (int from = 0; from < pending.size(); from += INSERT_CHUNK_ROWS) {
      List<Entry> chunk = pending.subList(from, Math.min(pending.size(), from + INSERT_CHUNK_ROWS));
      InsertValuesStep10<
              AuditLogRecord,
              OffsetDateTime,
              String,
              String,
              String,
              Long,
              String,
              String,
              Long,
              String,
              String>
          insert =
              dsl.insertInto(
                  AUDIT_LOG,
                  AUDIT_LOG.AT,
                  AUDIT_LOG.ACTOR,
                  AUDIT_LOG.ACTION,
                  AUDIT_LOG.ENTITY_TYPE,
                  AUDIT_LOG.ENTITY_ID,
                  AUDIT_LOG.RULE_SET_VERSION,
                  AUDIT_LOG.DETAIL,
                  AUDIT_LOG.SEQ,
                  AUDIT_LOG.PREV_HASH,
                  AUDIT_LOG.HASH);
      for (Entry entry : chunk) {
        seq++;
        String next = AuditChain.hash(seq, entry, hash);
        insert =
            insert.values(
                entry.at(),
                entry.actor(),
                entry.action(),
                entry.entityType(),
                entry.entityId(),
                entry.ruleSetVersion(),
                entry.detail(),
                seq,
                hash,
                next);
        hash = next;
      }
      insert.execute();
    }
    pending.clear();
    dsl.update(AUDIT_CHAIN)
        .set(AUDIT_CHAIN.LAST_SEQ, seq)
        .set(AUDIT_CHAIN.LAST_HASH, hash)
        .where(AUDIT_CHAIN.ID.eq(1))
        .execute();
  }

  /**
   * Events written before the chain existed (a database created by an older Recon) join it once, in
   * the order they were written, the first time anything is appended.
   */
  private Record2<Long, String> sealUnchainedEvents() {
    long seq = 0;
    String hash = AuditChain.GENESIS;
    List<AuditLogRecord> unchained =
        dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SEQ.isNull()).orderBy(AUDIT_LOG.ID).fetch();
    for (AuditLogRecord row : unchained) {
      seq++;
      String next = AuditChain.hash(seq, entryOf(row), hash);
      dsl.update(AUDIT_LOG)
          .set(AUDIT_LOG.SEQ, seq)
          .set(AUDIT_LOG.PREV_HASH, hash)
          .set(AUDIT_LOG.HASH, next)
          .where(AUDIT_LOG.ID.eq(row.getId()))
          .execute();
      hash = next;
    }
    return dsl.newRecord(AUDIT_CHAIN.LAST_SEQ, AUDIT_CHAIN.LAST_HASH).values(seq, hash);
  }

  /** What {@code recon audit verify} found. */
  public record Verification(long eventsChecked, long headSeq, String headHash, String problem) {
    public boolean intact() {
      return problem == null;
    }
  }

  /**
   * Recomputes the chain from the first event and names the first one that does not hold: an event
   * whose content no longer gives its hash (edited), a gap in the sequence (deleted), a link that
   * does not point at the event before it, an event outside the chain, or a head that points past
   * the last event (the newest events deleted). Reads the log as a stream, so it runs in constant
   * memory whatever its length.
   */
  public Verification verify() {
    flush();
    Record2<Long, String> head =
        dsl.select(AUDIT_CHAIN.LAST_SEQ, AUDIT_CHAIN.LAST_HASH)
            .from(AUDIT_CHAIN)
            .where(AUDIT_CHAIN.ID.eq(1))
            .fetchSingle();
    long headSeq = head.value1();
    String headHash = head.value2();
    Long outside =
        dsl.select(AUDIT_LOG.ID)
            .from(AUDIT_LOG)
            .where(AUDIT_LOG.SEQ.isNull())
            .limit(1)
            .fetchOne(AUDIT_LOG.ID);
    if (outside != null && headSeq > 0) {
      return new Verification(
          0,
          headSeq,
          headHash,
          "audit event id "
              + outside
              + " is not in the chain: it was inserted without going through Recon");
    }
    long expected = 1;
    String previous = AuditChain.GENESIS;
    try (Cursor<AuditLogRecord> rows =
        dsl.selectFrom(AUDIT_LOG)
            .where(AUDIT_LOG.SEQ.isNotNull())
            .orderBy(AUDIT_LOG.SEQ)
            .fetchSize(1000)
            .fetchLazy()) {
      for (AuditLogRecord row : rows) {
        String problem = check(row, expected, previous);
        if (problem != null) {
          return new Verification(expected - 1, headSeq, headHash, problem);
        }
        previous = row.getHash();
        expected++;
      }
    }
    long last = expected - 1;
    if (last != headSeq || !previous.equals(headHash)) {
      return new Verification(
          last,
          headSeq,
          headHash,
          "the chain ends at event #"
              + last
              + " but its head records event #"
              + headSeq
              + ": events after #"
              + last
              + " were deleted");
    }
    return new Verification(last, headSeq, headHash, null);
  }

  private static String check(AuditLogRecord row, long expected, String previous) {
    long seq = row.getSeq();
    String where = describe(row);
    if (seq != expected) {
      return "audit event #"
          + expected
          + (seq > expected + 1 ? " to #" + (seq - 1) : "")
          + " missing: the chain jumps from #"
          + (expected - 1)
          + " to "
          + where
          + " (deleted)";
    }
    if (!previous.equals(row.getPrevHash())) {
      return where
          + " does not follow the event before it: its recorded previous hash is not #"
          + (seq - 1)
          + "'s hash (an event was replaced, or #"
          + (seq - 1)
          + " was edited and rehashed)";
    }
    String recomputed = AuditChain.hash(seq, entryOf(row), previous);
    if (!recomputed.equals(row.getHash())) {
      return where + " was edited after it was written: its content no longer gives its hash";
    }
    return null;
  }

  private static String describe(AuditLogRecord row) {
    return "audit event #"
        + row.getSeq()
        + " (id "
        + row.getId()
        + ", "
        + row.getAction()
        + " by "
        + row.getActor()
        + " at "
        + row.getAt()
        + ")";
  }

  private static Entry entryOf(AuditLogRecord row) {
    return new Entry(
        row.getAt(),
        row.getActor(),
        row.getAction(),
        row.getEntityType(),
        row.getEntityId(),
        row.getRuleSetVersion(),
        row.getDetail());
  }
}
