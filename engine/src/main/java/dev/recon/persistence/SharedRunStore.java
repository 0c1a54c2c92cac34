package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_RUN;
import static dev.recon.db.jooq.Tables.RUN_ITEM;
import static dev.recon.db.jooq.Tables.RUN_OUTCOME;
import static dev.recon.db.jooq.Tables.RUN_PARTITION;

import dev.recon.facts.Item;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The partitions of runs shared by worker processes: which items each matches, who holds it and
 * until when, and what it decided. Claims and leases use the database's clock ({@code
 * clock_timestamp()}), so workers on machines whose clocks disagree still agree on when a lease ran
 * out. Claiming needs {@code FOR UPDATE SKIP LOCKED}: PostgreSQL.
 */
public final class SharedRunStore {
  public static final String OPEN = "OPEN";
  public static final String DONE = "DONE";

  /** The partition number of a run's finish, claimable once every other partition is done. */
  public static final int FINISH = -1;

  private static final int CHUNK_ROWS = 1_000;

  private final DSLContext dsl;

  SharedRunStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One partition to store: its label and its items. */
  public record NewPartition(int number, String label, List<RunItem> items) {}

  /**
   * An item in a partition.
   *
   * @param position where it stands among all the run's items (its index in id order)
   * @param offers what a gateway transaction is offered for here (bit 1 settlement, bit 2 sales)
   * @param matchedIn the scopes it was matched in before the run (bit 1 settlement, bit 2 sales)
   */
  public record RunItem(long itemId, int position, int offers, int matchedIn) {}

  /** A partition's item as a worker reads it back. */
  public record LoadedItem(Item item, int position, int offers, int matchedIn) {}

  /** A claimed partition. */
  public record Claim(long runId, int partitionNo, String label, String ruleSetVersion) {}

  /** One decision of a partition about an item (see {@code run_outcome}). */
  public record Outcome(long itemId, char kind, String type, String reason, Long groupId) {}

  public void insertPartitions(long runId, List<NewPartition> partitions) {
    for (NewPartition partition : partitions) {
      dsl.insertInto(RUN_PARTITION)
          .set(RUN_PARTITION.RUN_ID, runId)
          .set(RUN_PARTITION.PARTITION_NO, partition.number())
          .set(RUN_PARTITION.LABEL, partition.label())
          .set(RUN_PARTITION.ITEM_COUNT, partition.items().size())
          .set(RUN_PARTITION.STATUS, OPEN)
          .execute();
      List<RunItem> items = partition.items();
      for (int from = 0; from < items.size(); from += CHUNK_ROWS) {
        var insert =
            dsl.insertInto(
                RUN_ITEM,
                RUN_ITEM.RUN_ID,
                RUN_ITEM.PARTITION_NO,
                RUN_ITEM.ORDINAL,
                RUN_ITEM.POSITION,
                RUN_ITEM.ITEM_ID,
                RUN_ITEM.OFFERS,
                RUN_ITEM.MATCHED_IN);
        for (int i = from; i < Math.min(items.size(), from + CHUNK_ROWS); i++) {
          RunItem item = items.get(i);
          insert =
              insert.values(
                  runId,
                  partition.number(),
                  i,
                  item.position(),
                  item.itemId(),
                  (short) item.offers(),
                  (short) item.matchedIn());
        }
        insert.execute();
      }
    }
  }

  /**
   * Claims the first open partition (of the run, or of any run) whose lease is free or ran out,
   * skipping rows another worker has locked, and leases it to the worker. Only runs started with
   * the worker's rule-set version are offered. The finish of a run is offered only once all its
   * partitions are done.
   */
  public Optional<Claim> claim(String worker, Long runId, String ruleSetVersion, int leaseSeconds) {
    String sql =
        "SELECT p.run_id, p.partition_no, p.label, r.rule_set_version"
            + " FROM run_partition p JOIN match_run r ON r.id = p.run_id"
            + " WHERE p.status = 'OPEN' AND r.rule_set_version = ?"
            + (runId == null ? "" : " AND p.run_id = " + runId.longValue())
            + " AND (p.lease_until IS NULL OR p.lease_until < clock_timestamp())"
            + " AND (p.partition_no >= 0 OR NOT EXISTS (SELECT 1 FROM run_partition o"
            + "   WHERE o.run_id = p.run_id AND o.partition_no >= 0 AND o.status <> 'DONE'))"
            + " ORDER BY p.run_id, p.partition_no"
            + " LIMIT 1 FOR UPDATE OF p SKIP LOCKED";
    Optional<Claim> claim =
        dsl.resultQuery(sql, ruleSetVersion)
            .fetchOptional(
                r ->
                    new Claim(
                        r.get(0, Long.class),
                        r.get(1, Integer.class),
                        r.get(2, String.class),
                        r.get(3, String.class)));
    claim.ifPresent(
        c ->
            dsl.execute(
                "UPDATE run_partition SET claimed_by = ?, claims = claims + 1,"
                    + " lease_until = clock_timestamp() + make_interval(secs => ?)"
                    + " WHERE run_id = ? AND partition_no = ?",
                worker,
                leaseSeconds,
                c.runId(),
                c.partitionNo()));
    return claim;
  }

  /** Extends the worker's lease; false if the partition is no longer the worker's. */
  public boolean extendLease(long runId, int partitionNo, String worker, int leaseSeconds) {
    return dsl.execute(
            "UPDATE run_partition SET lease_until = clock_timestamp() + make_interval(secs => ?)"
                + " WHERE run_id = ? AND partition_no = ? AND claimed_by = ? AND status = 'OPEN'",
            leaseSeconds,
            runId,
            partitionNo,
            worker)
        == 1;
  }

  /**
   * Marks the partition done if the worker still holds it, locking its row until the transaction
   * ends: called first in the transaction that stores the partition's results, so they commit with
   * its completion or not at all. False if another worker claimed it after this one's lease ran out
   * (this one's results must then be rolled back).
   */
  public boolean complete(long runId, int partitionNo, String worker) {
    return dsl.update(RUN_PARTITION)
            .set(RUN_PARTITION.STATUS, DONE)
            .set(RUN_PARTITION.DONE_AT, DSL.currentOffsetDateTime())
            .where(RUN_PARTITION.RUN_ID.eq(runId))
            .and(RUN_PARTITION.PARTITION_NO.eq(partitionNo))
            .and(RUN_PARTITION.CLAIMED_BY.eq(worker))
            .and(RUN_PARTITION.STATUS.eq(OPEN))
            .execute()
        == 1;
  }

  /** A partition's items in the order the rules see them. */
  public List<LoadedItem> items(long runId, int partitionNo) {
    return itemsQuery(dsl, runId, partitionNo)
        .fetch(
            r ->
                new LoadedItem(
                    ItemStore.toItem(r),
                    r.get(RUN_ITEM.POSITION),
                    r.get(RUN_ITEM.OFFERS).intValue(),
                    r.get(RUN_ITEM.MATCHED_IN).intValue()));
  }

  /** The query of {@link #items}, for its plan. */
  static org.jooq.ResultQuery<org.jooq.Record> itemsQuery(
      DSLContext dsl, long runId, int partitionNo) {
    return dsl.select(ITEM.asterisk(), IMPORTED_FILE.FILE_NAME)
        .select(RUN_ITEM.POSITION, RUN_ITEM.OFFERS, RUN_ITEM.MATCHED_IN)
        .from(RUN_ITEM)
        .join(ITEM)
        .on(ITEM.ID.eq(RUN_ITEM.ITEM_ID))
        .join(IMPORTED_FILE)
        .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
        .where(RUN_ITEM.RUN_ID.eq(runId))
        .and(RUN_ITEM.PARTITION_NO.eq(partitionNo))
        .orderBy(RUN_ITEM.ORDINAL);
  }

  /** Every item of the run once, in position order, with the scopes it was matched in before. */
  public List<LoadedItem> runItems(long runId) {
    var first = RUN_ITEM.as("first_seen");
    return dsl.select(
            ITEM.asterisk(),
            IMPORTED_FILE.FILE_NAME,
            RUN_ITEM.POSITION,
            RUN_ITEM.OFFERS,
            RUN_ITEM.MATCHED_IN)
        .from(RUN_ITEM)
        .join(ITEM)
        .on(ITEM.ID.eq(RUN_ITEM.ITEM_ID))
        .join(IMPORTED_FILE)
        .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
        .where(RUN_ITEM.RUN_ID.eq(runId))
        // An item in two partitions (a gateway transaction) once: in its first partition.
        .andNotExists(
            DSL.selectOne()
                .from(first)
                .where(first.RUN_ID.eq(RUN_ITEM.RUN_ID))
                .and(first.ITEM_ID.eq(RUN_ITEM.ITEM_ID))
                .and(first.PARTITION_NO.lt(RUN_ITEM.PARTITION_NO)))
        .orderBy(RUN_ITEM.POSITION)
        .fetch(
            r ->
                new LoadedItem(
                    ItemStore.toItem(r),
                    r.get(RUN_ITEM.POSITION),
                    r.get(RUN_ITEM.OFFERS).intValue(),
                    r.get(RUN_ITEM.MATCHED_IN).intValue()));
  }

  public void insertOutcomes(long runId, int partitionNo, List<Outcome> outcomes) {
    for (int from = 0; from < outcomes.size(); from += CHUNK_ROWS) {
      var insert =
          dsl.insertInto(
              RUN_OUTCOME,
              RUN_OUTCOME.RUN_ID,
              RUN_OUTCOME.PARTITION_NO,
              RUN_OUTCOME.SEQ,
              RUN_OUTCOME.ITEM_ID,
              RUN_OUTCOME.KIND,
              RUN_OUTCOME.TYPE,
              RUN_OUTCOME.REASON,
              RUN_OUTCOME.GROUP_ID);
      for (int i = from; i < Math.min(outcomes.size(), from + CHUNK_ROWS); i++) {
        Outcome o = outcomes.get(i);
        insert =
            insert.values(
                runId,
                partitionNo,
                i,
                o.itemId(),
                String.valueOf(o.kind()),
                o.type(),
                o.reason(),
                o.groupId());
      }
      insert.execute();
    }
  }

  /** Every partition's outcomes, in partition order and, within one, in the order decided. */
  public List<Outcome> outcomes(long runId) {
    return dsl.select(
            RUN_OUTCOME.ITEM_ID,
            RUN_OUTCOME.KIND,
            RUN_OUTCOME.TYPE,
            RUN_OUTCOME.REASON,
            RUN_OUTCOME.GROUP_ID)
        .from(RUN_OUTCOME)
        .where(RUN_OUTCOME.RUN_ID.eq(runId))
        .orderBy(RUN_OUTCOME.PARTITION_NO, RUN_OUTCOME.SEQ)
        .fetch(
            r -> new Outcome(r.value1(), r.value2().charAt(0), r.value3(), r.value4(), r.value5()));
  }

  /** Groups the run has stored so far. */
  public int groupCount(long runId) {
    return dsl.fetchCount(MATCH_GROUP, MATCH_GROUP.RUN_ID.eq(runId));
  }

  /** A run's status ({@code RUNNING}, {@code COMPLETED}), or empty if there is no such run. */
  public Optional<String> runStatus(long runId) {
    return dsl.select(MATCH_RUN.STATUS)
        .from(MATCH_RUN)
        .where(MATCH_RUN.ID.eq(runId))
        .fetchOptional(MATCH_RUN.STATUS);
  }

  /** Partitions of the run not done yet (the finish included). */
  public int openPartitions(long runId) {
    return dsl.fetchCount(
        RUN_PARTITION, RUN_PARTITION.RUN_ID.eq(runId).and(RUN_PARTITION.STATUS.eq(OPEN)));
  }

  /** Open partitions of runs started with another rule-set version than this one. */
  public int openElsewhere(String ruleSetVersion) {
    return dsl.fetchCount(
        RUN_PARTITION.join(MATCH_RUN).on(MATCH_RUN.ID.eq(RUN_PARTITION.RUN_ID)),
        RUN_PARTITION.STATUS.eq(OPEN).and(MATCH_RUN.RULE_SET_VERSION.ne(ruleSetVersion)));
  }

  /** Partitions of a run that were claimed more than once (a worker died or lost its lease). */
  public int reclaimedPartitions(long runId) {
    return dsl.fetchCount(
        RUN_PARTITION, RUN_PARTITION.RUN_ID.eq(runId).and(RUN_PARTITION.CLAIMS.gt(1)));
  }
}
