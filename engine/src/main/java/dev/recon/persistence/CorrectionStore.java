package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.CORRECTION;
import static dev.recon.db.jooq.Tables.CORRECTION_AUTHOR;
import static dev.recon.db.jooq.Tables.CORRECTION_ITEM;
import static dev.recon.db.jooq.Tables.CORRECTION_LINE;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Correction entries: balanced journals with their lines, the items they explain, everyone who
 * prepared or edited them, and their decision and export. A proposal's idempotency key is unique,
 * so the same correction is never proposed twice.
 */
public final class CorrectionStore {
  public static final String PROPOSED = "PROPOSED";
  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  /**
   * Kinds whose approval books the items themselves (a bank charge the ledger lacked, a write-off):
   * once approved, runs no longer open exceptions for those items.
   */
  public static final List<String> ITEM_SETTLING_KINDS =
      List.of("BANK_CHARGE", "BANK_INTEREST", "WRITE_OFF");

  private final DSLContext dsl;

  CorrectionStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One journal line: exactly one of debit and credit is positive, the other zero. */
  public record Line(String accountCode, long debitMinor, long creditMinor, String memo) {}

  public record NewCorrection(
      String idempotencyKey,
      String kind,
      String currency,
      String description,
      Long matchGroupId,
      String ruleName,
      LocalDate bookingDate,
      long amountMinor,
      List<Line> lines,
      List<Long> itemIds,
      Long exceptionId) {}

  /** A stored correction with its lines, items and authors. */
  public record Stored(
      long id,
      String idempotencyKey,
      String kind,
      String status,
      String currency,
      String description,
      Long matchGroupId,
      String ruleName,
      LocalDate bookingDate,
      long amountMinor,
      String proposedBy,
      OffsetDateTime proposedAt,
      String decidedBy,
      OffsetDateTime decidedAt,
      String decisionReason,
      OffsetDateTime exportedAt,
      Long exportBatch,
      Long exceptionId,
      List<Line> lines,
      List<Long> itemIds,
      List<String> authors) {}

  public boolean exists(String idempotencyKey) {
    return dsl.fetchExists(CORRECTION, CORRECTION.IDEMPOTENCY_KEY.eq(idempotencyKey));
  }

  public Optional<Long> idOf(String idempotencyKey) {
    return dsl.select(CORRECTION.ID)
        .from(CORRECTION)
        .where(CORRECTION.IDEMPOTENCY_KEY.eq(idempotencyKey))
        .fetchOptional(CORRECTION.ID);
  }

  public long insert(NewCorrection c, String proposedBy, OffsetDateTime at) {
    long id =
        dsl.insertInto(CORRECTION)
            .set(CORRECTION.IDEMPOTENCY_KEY, c.idempotencyKey())
            .set(CORRECTION.KIND, c.kind())
            .set(CORRECTION.STATUS, PROPOSED)
            .set(CORRECTION.CURRENCY, c.currency())
            .set(CORRECTION.DESCRIPTION, c.description())
            .set(CORRECTION.MATCH_GROUP_ID, c.matchGroupId())
            .set(CORRECTION.RULE_NAME, c.ruleName())
            .set(CORRECTION.BOOKING_DATE, c.bookingDate())
            .set(CORRECTION.AMOUNT_MINOR, c.amountMinor())
            .set(CORRECTION.EXCEPTION_ID, c.exceptionId())
            .set(CORRECTION.PROPOSED_BY, proposedBy)
            .set(CORRECTION.PROPOSED_AT, at)
            .returning(CORRECTION.ID)
            .fetchOne()
            .getId();
    insertLines(id, c.lines());
    for (long itemId : c.itemIds().stream().distinct().sorted().toList()) {
      dsl.insertInto(CORRECTION_ITEM)
          .set(CORRECTION_ITEM.CORRECTION_ID, id)
          .set(CORRECTION_ITEM.ITEM_ID, itemId)
          .execute();
    }
    addAuthor(id, proposedBy);
    return id;
  }

  private void insertLines(long correctionId, List<Line> lines) {
    int no = 1;
    for (Line line : lines) {
      dsl.insertInto(CORRECTION_LINE)
          .set(CORRECTION_LINE.CORRECTION_ID, correctionId)
          .set(CORRECTION_LINE.LINE_NO, no++)
          .set(CORRECTION_LINE.ACCOUNT_CODE, line.accountCode())
          .set(CORRECTION_LINE.DEBIT_MINOR, line.debitMinor())
          .set(CORRECTION_LINE.CREDIT_MINOR, line.creditMinor())
          .set(CORRECTION_LINE.MEMO, line.memo())
          .execute();
    }
  }

  /** Replaces a proposal's lines (an edit); the editor becomes one of its authors. */
  public void replaceLines(
      long correctionId, List<Line> lines, long amountMinor, String description, String editor) {
    dsl.deleteFrom(CORRECTION_LINE).where(CORRECTION_LINE.CORRECTION_ID.eq(correctionId)).execute();
    insertLines(correctionId, lines);
    dsl.update(CORRECTION)
        .set(CORRECTION.AMOUNT_MINOR, amountMinor)
        .set(CORRECTION.DESCRIPTION, description)
        .where(CORRECTION.ID.eq(correctionId))
        .execute();
    addAuthor(correctionId, editor);
  }

  public void addAuthor(long correctionId, String name) {
    boolean known =
        dsl.fetchExists(
            CORRECTION_AUTHOR,
            CORRECTION_AUTHOR.CORRECTION_ID.eq(correctionId).and(CORRECTION_AUTHOR.NAME.eq(name)));
    if (!known) {
      dsl.insertInto(CORRECTION_AUTHOR)
          .set(CORRECTION_AUTHOR.CORRECTION_ID, correctionId)
          .set(CORRECTION_AUTHOR.NAME, name)
          .execute();
    }
  }

  /** Records the decision on a proposal: APPROVED (posted) or REJECTED, by whom and why. */
  public void decide(
      long correctionId, String status, String decidedBy, OffsetDateTime at, String reason) {
    dsl.update(CORRECTION)
        .set(CORRECTION.STATUS, status)
        .set(CORRECTION.DECIDED_BY, decidedBy)
        .set(CORRECTION.DECIDED_AT, at)
        .set(CORRECTION.DECISION_REASON, reason)
        .where(CORRECTION.ID.eq(correctionId))
        .execute();
  }

  public void setExceptionId(long correctionId, long exceptionId) {
    dsl.update(CORRECTION)
        .set(CORRECTION.EXCEPTION_ID, exceptionId)
        .where(CORRECTION.ID.eq(correctionId))
        .execute();
  }

  public Optional<Stored> find(long correctionId) {
    return dsl.selectFrom(CORRECTION)
        .where(CORRECTION.ID.eq(correctionId))
        .fetchOptional()
        .map(this::toStored);
  }

  /** One page of corrections with these statuses (all when empty), newest first. */
  public Page<Stored> list(Collection<String> statuses, int offset, int limit) {
    Condition where =
        statuses == null || statuses.isEmpty()
            ? DSL.trueCondition()
            : CORRECTION.STATUS.in(statuses);
    long total = dsl.fetchCount(CORRECTION, where);
    List<Stored> rows =
        dsl.selectFrom(CORRECTION)
            .where(where)
            .orderBy(CORRECTION.ID.desc())
            .limit(limit)
            .offset(offset)
            .fetch()
            .map(this::toStored);
    return new Page<>(rows, offset, limit, total);
  }

  /** Approved corrections not exported yet, oldest first, locked for this transaction. */
  public List<Stored> approvedNotExported() {
    return dsl.selectFrom(CORRECTION)
        .where(CORRECTION.STATUS.eq(APPROVED))
        .and(CORRECTION.EXPORTED_AT.isNull())
        .orderBy(CORRECTION.ID)
        .forUpdate()
        .fetch()
        .map(this::toStored);
  }

  /** The next export batch number: one more than the last. */
  public long nextExportBatch() {
    Long last =
        dsl.select(DSL.max(CORRECTION.EXPORT_BATCH)).from(CORRECTION).fetchOne(0, Long.class);
    return last == null ? 1 : last + 1;
  }

  public void markExported(Collection<Long> ids, long batch, OffsetDateTime at) {
    dsl.update(CORRECTION)
        .set(CORRECTION.EXPORTED_AT, at)
        .set(CORRECTION.EXPORT_BATCH, batch)
        .where(CORRECTION.ID.in(ids))
        .and(CORRECTION.EXPORTED_AT.isNull())
        .execute();
  }

  public int count(String status) {
    return dsl.fetchCount(CORRECTION, CORRECTION.STATUS.eq(status));
  }

  /** The corrections that book a part of a match group, oldest first. */
  public List<Stored> ofGroup(long groupId) {
    return dsl.selectFrom(CORRECTION)
        .where(CORRECTION.MATCH_GROUP_ID.eq(groupId))
        .orderBy(CORRECTION.ID)
        .fetch()
        .map(this::toStored);
  }

  /** The corrections of these kinds that explain an item, oldest first. */
  public List<Stored> ofItem(long itemId, Collection<String> kinds) {
    return dsl.select(CORRECTION.fields())
        .from(CORRECTION)
        .join(CORRECTION_ITEM)
        .on(CORRECTION_ITEM.CORRECTION_ID.eq(CORRECTION.ID))
        .where(CORRECTION_ITEM.ITEM_ID.eq(itemId))
        .and(CORRECTION.KIND.in(kinds))
        .orderBy(CORRECTION.ID)
        .fetch()
        .map(this::toStored);
  }

  /** Items an approved correction booked (see {@link #ITEM_SETTLING_KINDS}). */
  public java.util.Set<Long> itemsSettled() {
    return new java.util.HashSet<>(itemsBookedBy(ITEM_SETTLING_KINDS));
  }

  /** Items explained by an approved correction of one of these kinds. */
  public List<Long> itemsBookedBy(Collection<String> kinds) {
    return dsl.selectDistinct(CORRECTION_ITEM.ITEM_ID)
        .from(CORRECTION_ITEM)
        .join(CORRECTION)
        .on(CORRECTION.ID.eq(CORRECTION_ITEM.CORRECTION_ID))
        .where(CORRECTION.STATUS.eq(APPROVED))
        .and(CORRECTION.KIND.in(kinds))
        .fetch(CORRECTION_ITEM.ITEM_ID);
  }

  private Stored toStored(Record r) {
    long id = r.get(CORRECTION.ID);
    List<Line> lines =
        dsl.selectFrom(CORRECTION_LINE)
            .where(CORRECTION_LINE.CORRECTION_ID.eq(id))
            .orderBy(CORRECTION_LINE.LINE_NO, CORRECTION_LINE.ID)
            .fetch(
                l ->
                    new Line(
                        l.getAccountCode(), l.getDebitMinor(), l.getCreditMinor(), l.getMemo()));
    List<Long> items =
        dsl.select(CORRECTION_ITEM.ITEM_ID)
            .from(CORRECTION_ITEM)
            .where(CORRECTION_ITEM.CORRECTION_ID.eq(id))
            .orderBy(CORRECTION_ITEM.ITEM_ID)
            .fetch(CORRECTION_ITEM.ITEM_ID);
    List<String> authors =
        dsl.select(CORRECTION_AUTHOR.NAME)
            .from(CORRECTION_AUTHOR)
            .where(CORRECTION_AUTHOR.CORRECTION_ID.eq(id))
            .orderBy(CORRECTION_AUTHOR.NAME)
            .fetch(CORRECTION_AUTHOR.NAME);
    return new Stored(
        id,
        r.get(CORRECTION.IDEMPOTENCY_KEY),
        r.get(CORRECTION.KIND),
        r.get(CORRECTION.STATUS),
        r.get(CORRECTION.CURRENCY),
        r.get(CORRECTION.DESCRIPTION),
        r.get(CORRECTION.MATCH_GROUP_ID),
        r.get(CORRECTION.RULE_NAME),
        r.get(CORRECTION.BOOKING_DATE),
        r.get(CORRECTION.AMOUNT_MINOR),
        r.get(CORRECTION.PROPOSED_BY),
        r.get(CORRECTION.PROPOSED_AT),
        r.get(CORRECTION.DECIDED_BY),
        r.get(CORRECTION.DECIDED_AT),
        r.get(CORRECTION.DECISION_REASON),
        r.get(CORRECTION.EXPORTED_AT),
        r.get(CORRECTION.EXPORT_BATCH),
        r.get(CORRECTION.EXCEPTION_ID),
        lines,
        items,
        authors);
  }
}
