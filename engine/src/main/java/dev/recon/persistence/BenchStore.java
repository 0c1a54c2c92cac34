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
   * Opens an exception on each of the first {@code count} items (by id) that have no open one, as a
   * run would (the queue's columns copied from the item, its priority key computed), in chunks;
   * returns how many were opened.
   */
  public int addOpenExceptions(int count, OffsetDateTime at) {
    var e = EXCEPTION_ITEM.as("e");
    var items =
        dsl.select(
                ITEM.ID,
                ITEM.SIDE,
                ITEM.ACCOUNT,
                ITEM.COUNTERPARTY,
                ITEM.REFERENCE,
                ITEM.CURRENCY,
                ITEM.AMOUNT_MINOR,
                ITEM.BOOKING_DATE)
            .from(ITEM)
            .where(DSL.notExists(DSL.selectOne().from(e).where(e.OPEN_ITEM_ID.eq(ITEM.ID))))
            .orderBy(ITEM.ID)
            .limit(count)
            .fetch();
    ExceptionStore exceptions = new ExceptionStore(dsl);
    for (var r : items) {
      exceptions.open(
          new ExceptionStore.NewException(
              r.value1(),
              ExceptionStore.UNMATCHED,
              REASON,
              r.value6(),
              r.value7(),
              r.value2(),
              r.value3(),
              r.value4(),
              r.value5(),
              r.value8(),
              null,
              null),
          null,
          at);
    }
    return items.size();
  }
}
