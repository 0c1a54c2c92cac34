package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The audit trail is a hash chain: whatever is edited, deleted or slipped in behind Recon's back,
 * {@code verify} names the first event that no longer holds.
 */
@EveryDatabase
class AuditChainTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-12T06:00:00.123456789Z"), ZoneOffset.UTC);
  private static final Path SAMPLES = Path.of("..", "samples");

  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  private Database database;

  @BeforeEach
  void importAndMatchTheSampleWeek() {
    database = TestDatabase.open(backend, tempDir);
    Importer importer = new Importer(database, CLOCK, "alice");
    importer.importFile(
        FileParser.parse(
            SAMPLES.resolve("bank/statement-2026-11-02_to_06.csv"), Profiles.load("bank"), "OPS"),
        "OPS");
    importer.importFile(
        FileParser.parse(
            SAMPLES.resolve("ledger/gl-1200-2026-11.csv"), Profiles.load("ledger"), "OPS"),
        "OPS");
    new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private AuditStore.Verification verify() {
    return database.inTransaction(tx -> tx.audit().verify());
  }

  private void sql(String statement) {
    database.dsl().execute(statement);
  }

  private long lastSeq() {
    return database.dsl().select(DSL.max(AUDIT_LOG.SEQ)).from(AUDIT_LOG).fetchSingle().value1();
  }

  @Test
  void anUntouchedTrailVerifiesAndItsHeadIsTheLastEvent() {
    AuditStore.Verification result = verify();

    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.eventsChecked()).isEqualTo(lastSeq()).isGreaterThan(3);
    assertThat(result.headSeq()).isEqualTo(lastSeq());
    DatabaseInvariants.check(database);
  }

  @Test
  void anEditedEventIsNamed() {
    sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");

    AuditStore.Verification result = verify();

    assertThat(result.intact()).isFalse();
    assertThat(result.problem())
        .startsWith("audit event #3 (id ")
        .contains("by mallory")
        .endsWith("was edited after it was written: its content no longer gives its hash");
    assertThat(result.eventsChecked()).isEqualTo(2);
  }

  @Test
  void anEditThatRecomputesTheEventsOwnHashIsCaughtByTheNextEvent() {
    AuditStore.Entry original =
        database
            .dsl()
            .selectFrom(AUDIT_LOG)
            .where(AUDIT_LOG.SEQ.eq(2L))
            .fetchSingle(
                r ->
                    new AuditStore.Entry(
                        r.getAt(),
                        r.getActor(),
                        r.getAction(),
                        r.getEntityType(),
                        r.getEntityId(),
                        r.getRuleSetVersion(),
                        "nothing happened here"));
    String previous =
        database
            .dsl()
            .select(AUDIT_LOG.HASH)
            .from(AUDIT_LOG)
            .where(AUDIT_LOG.SEQ.eq(1L))
            .fetchSingle()
            .value1();
    String forged = AuditChain.hash(2, original, previous);
    sql(
        "UPDATE audit_log SET detail = 'nothing happened here', hash = '"
            + forged
            + "' WHERE seq = 2");

    AuditStore.Verification result = verify();

    assertThat(result.problem())
        .startsWith("audit event #3 ")
        .contains("does not follow the event before it");
  }

  @Test
  void aDeletedEventIsNamedByTheGapItLeaves() {
    sql("DELETE FROM audit_log WHERE seq = 2");

    assertThat(verify().problem()).startsWith("audit event #2 missing: the chain jumps from #1 to");
  }

  @Test
  void deletingTheNewestEventsShowsAgainstTheHead() {
    long last = lastSeq();
    sql("DELETE FROM audit_log WHERE seq >= " + (last - 1));

    assertThat(verify().problem())
        .isEqualTo(
            "the chain ends at event #"
                + (last - 2)
                + " but its head records event #"
                + last
                + ": events after #"
                + (last - 2)
                + " were deleted");
  }

  @Test
  void aRowInsertedBehindRecon() {
    sql(
        "INSERT INTO audit_log (at, actor, action, entity_type) VALUES"
            + " (TIMESTAMP WITH TIME ZONE '2026-11-12 07:00:00+00', 'mallory', 'MATCH_MANUAL',"
            + " 'match_group')");

    assertThat(verify().problem()).contains("is not in the chain");
  }

  @Test
  void writersInParallelTransactionsExtendOneUnbrokenChain() throws Exception {
    long before = lastSeq();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> writers = new ArrayList<>();
    for (int writer = 0; writer < 4; writer++) {
      String actor = "writer-" + writer;
      Callable<Integer> work =
          () -> {
            for (int i = 0; i < 10; i++) {
              int n = i;
              database.inTransaction(
                  tx -> {
                    tx.audit()
                        .append(
                            new AuditStore.Entry(
                                OffsetDateTime.now(CLOCK),
                                actor,
                                "TEST_EVENT",
                                "test",
                                (long) n,
                                null,
                                actor + " event " + n));
                    return null;
                  });
            }
            return 10;
          };
      writers.add(pool.submit(work));
    }
    for (Future<Integer> writer : writers) {
      writer.get();
    }
    pool.shutdown();

    AuditStore.Verification result = verify();
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.headSeq()).isEqualTo(before + 40);
    DatabaseInvariants.check(database);
  }

  @Test
  void eventsWrittenBeforeTheChainExistedJoinItAtTheNextAppend() {
    // A database upgraded from a Recon without the chain: its events have no sequence numbers.
    sql("UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL");
    sql(
        "UPDATE audit_chain SET last_seq = 0,"
            + " last_hash = '0000000000000000000000000000000000000000000000000000000000000000'");
    long events = database.dsl().fetchCount(AUDIT_LOG);

    new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());
    database.inTransaction(
        tx -> {
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      OffsetDateTime.now(CLOCK), "bob", "TEST_EVENT", "test", 1L, null, null));
          return null;
        });

    AuditStore.Verification result = verify();
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.eventsChecked()).isEqualTo(events + 1);
  }
}
