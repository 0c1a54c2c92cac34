package dev.recon.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The screens' and runs' hot queries are served by indexes on PostgreSQL: with sequential scans
 * switched off, no plan reads a table whole (a sequential scan left in such a plan means no index
 * can serve the query). At this small scale the planner may still choose to read small tables
 * whole; {@code recon bench explain --generate 10000000} shows the plans at ten million items.
 */
@Tag("postgres")
class QueryPlanTest {
  private static final long ITEMS = 20_000;

  private Database database;

  @BeforeEach
  void generate() {
    database = TestDatabase.postgres();
    database.inTransaction(
        tx -> {
          tx.queryPlans().generate(ITEMS);
          tx.queryPlans().generatePartition(500);
          tx.queryPlans().analyze();
          return null;
        });
  }

  @AfterEach
  void close() {
    database.close();
  }

  private List<QueryPlanStore.Plan> plans() {
    return database.inTransaction(tx -> tx.queryPlans().explainHotQueries());
  }

  @Test
  void everyHotQueryIsServedByIndexes() {
    List<QueryPlanStore.Plan> plans = plans();

    assertThat(plans).hasSizeGreaterThanOrEqualTo(18);
    assertThat(plans)
        .allSatisfy(plan -> assertThat(plan.unindexed()).as(plan.name()).isEmpty())
        .anySatisfy(plan -> assertThat(String.join("\n", plan.lines())).contains("Index"));
  }

  @Test
  void theOpenExceptionListReadsItsFirstPageInIndexOrderWithoutSortingEveryOpenOne() {
    List<QueryPlanStore.Plan> lists =
        plans().stream().filter(plan -> plan.name().startsWith("exception list: open,")).toList();

    assertThat(lists).hasSize(3);
    assertThat(lists).allSatisfy(plan -> assertThat(plan.sorts()).as(plan.name()).isEmpty());
  }

  @Test
  void aMissingIndexIsNamed() {
    TestSql.execute(database, "DROP INDEX ix_imported_file_at");

    assertThat(plans())
        .filteredOn(plan -> plan.name().equals("imports page"))
        .singleElement()
        .satisfies(plan -> assertThat(plan.unindexed()).anyMatch(l -> l.contains("imported_file")));
  }
}
