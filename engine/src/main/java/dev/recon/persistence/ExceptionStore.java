package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The exception queue's rows. At most one exception per item is open at a time (a unique constraint
 * on {@code open_item_id}), which is what makes a rerun never duplicate one.
 */
public final class ExceptionStore {
  public static final String OPEN = "OPEN";
  public static final String RESOLVED = "RESOLVED";
  public static final String UNMATCHED = "UNMATCHED";
  public static final String AMBIGUOUS = "AMBIGUOUS";
  public static final String SUGGESTED = "SUGGESTED";

  private final DSLContext dsl;

  ExceptionStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * @param itemId the item the exception is about, or null for one about an account (a statement
   *     whose balances do not agree with its entries)
   */
  public record NewException(
      Long itemId, String type, String reason, String currency, long amountMinor) {}

  /** An open exception as a run compares it: its type and reason. */
  public record OpenException(long id, String type, String reason) {}

  /** Open exceptions by the item they are about. */
  public Map<Long, OpenException> openDetailsByItem() {
    return dsl.select(
            EXCEPTION_ITEM.OPEN_ITEM_ID,
            EXCEPTION_ITEM.ID,
            EXCEPTION_ITEM.TYPE,
            EXCEPTION_ITEM.REASON)
        .from(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.OPEN_ITEM_ID.isNotNull())
        .fetchMap(r -> r.value1(), r -> new OpenException(r.value2(), r.value3(), r.value4()));
  }

  /** Brings an open exception's type and reason up to date with what the latest run found. */
  public void update(long exceptionId, String type, String reason) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.TYPE, type)
        .set(EXCEPTION_ITEM.REASON, reason)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** The reason of each open exception, by the item it is about. */
  public Map<Long, String> openReasonsByItem() {
    return dsl.select(EXCEPTION_ITEM.OPEN_ITEM_ID, EXCEPTION_ITEM.REASON)
        .from(EXCEPTION_ITEM)
        .where(EXCEPTION_ITEM.OPEN_ITEM_ID.isNotNull())
        .fetchMap(EXCEPTION_ITEM.OPEN_ITEM_ID, EXCEPTION_ITEM.REASON);
  }

  public long open(NewException exception, Long runId, OffsetDateTime at) {
    return dsl.insertInto(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.ITEM_ID, exception.itemId())
        .set(EXCEPTION_ITEM.OPEN_ITEM_ID, exception.itemId())
        .set(EXCEPTION_ITEM.TYPE, exception.type())
        .set(EXCEPTION_ITEM.REASON, exception.reason())
        .set(EXCEPTION_ITEM.STATUS, OPEN)
        .set(EXCEPTION_ITEM.CURRENCY, exception.currency())
        .set(EXCEPTION_ITEM.AMOUNT_MINOR, exception.amountMinor())
        .set(EXCEPTION_ITEM.OPENED_RUN_ID, runId)
        .set(EXCEPTION_ITEM.OPENED_AT, at)
        .returning(EXCEPTION_ITEM.ID)
        .fetchOne()
        .getId();
  }

  public void resolve(long exceptionId, Long runId, OffsetDateTime at, String reason) {
    dsl.update(EXCEPTION_ITEM)
        .set(EXCEPTION_ITEM.STATUS, RESOLVED)
        .setNull(EXCEPTION_ITEM.OPEN_ITEM_ID)
        .set(EXCEPTION_ITEM.CLOSED_RUN_ID, runId)
        .set(EXCEPTION_ITEM.CLOSED_AT, at)
        .set(EXCEPTION_ITEM.CLOSE_REASON, reason)
        .where(EXCEPTION_ITEM.ID.eq(exceptionId))
        .execute();
  }

  /** Open exceptions, on items and on accounts. */
  public int countOpen() {
    return dsl.fetchCount(EXCEPTION_ITEM, EXCEPTION_ITEM.STATUS.eq(OPEN));
  }
}
