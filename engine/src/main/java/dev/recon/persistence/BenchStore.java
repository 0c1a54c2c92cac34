package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.ITEM;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes made only on benchmark databases ({@code recon bench-pages --add-open-exceptions}): they
 * load a database the way a busy queue would, not the way reconciling does, and are audited as
 * such.
 */
public final class BenchStore {
  public static final String REASON = "synthetic open exception added by recon bench-pages";

  private final DSLContext dsl;

  BenchStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Opens an exception on each of the first {@code count} items (by id) that have no open one, with
   * the item's currency and amount; returns how many were opened.
   */
  public int addOpenExceptions(int count, OffsetDateTime at) {
    var e = EXCEPTION_ITEM.as("e");
    return dsl.insertInto(
            EXCEPTION_ITEM,
            EXCEPTION_ITEM.ITEM_ID,
            EXCEPTION_ITEM.OPEN_ITEM_ID,
            EXCEPTION_ITEM.TYPE,
            EXCEPTION_ITEM.REASON,
            EXCEPTION_ITEM.STATUS,
            EXCEPTION_ITEM.CURRENCY,
            EXCEPTION_ITEM.AMOUNT_MINOR,
            EXCEPTION_ITEM.OPENED_AT)
        .select(
            dsl.select(
                    ITEM.ID,
                    ITEM.ID,
                    DSL.inline(ExceptionStore.UNMATCHED),
                    DSL.inline(REASON),
                    DSL.inline(ExceptionStore.OPEN),
                    ITEM.CURRENCY,
                    ITEM.AMOUNT_MINOR,
                    DSL.val(at))
                .from(ITEM)
                .where(DSL.notExists(DSL.selectOne().from(e).where(e.OPEN_ITEM_ID.eq(ITEM.ID))))
                .orderBy(ITEM.ID)
                .limit(count))
        .execute();
  }
}
