package dev.recon.matching;

import static dev.recon.matching.DatabaseFixture.BANK_HEADER;
import static dev.recon.matching.DatabaseFixture.CLOCK;
import static dev.recon.matching.DatabaseFixture.LEDGER_HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.facts.Item;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class ManualMatchTest {
  @Parameter TestDatabase.Backend backend;

  @TempDir Path tempDir;
  private Database database;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, tempDir);
  }

  @AfterEach
  void checkInvariantsAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  private void importText(String name, String profile, String text) {
    DatabaseFixture.importText(database, name, profile, "OPS", text);
  }

  private MatchRunner.RunSummary automaticRun() {
    return DatabaseFixture.automaticRun(database);
  }

  private List<Item> matched() {
    return database.inTransaction(tx -> tx.items().matched());
  }

  private int openExceptions() {
    return database.inTransaction(tx -> tx.exceptions().countOpen());
  }

  private int manualMatchAudits() {
    return database.inTransaction(tx -> tx.audit().count("MATCH_MANUAL"));
  }

  private Item unmatched(String side, long amountMinor) {
    List<Item> items = database.inTransaction(tx -> tx.items().unmatched());
    return items.stream()
        .filter(
            i -> i.fact().side().name().equals(side) && i.fact().amount().minor() == amountMinor)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPersonsMatchSurvivesEveryLaterAutomaticRun() {
    importText(
        "bank.csv", "bank", BANK_HEADER + "10.11.2026;10.11.2026;;410,00;EUR;Rossi;Transfer\n");
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-03,D8,1200,Receipt Rossi,410.00,,EUR,INV-2026-1008\n");
    assertThat(automaticRun().exceptionsOpened()).isEqualTo(2);
    Item bank = unmatched("BANK", 410_00);
    Item ledger = unmatched("LEDGER", 410_00);

    long groupId =
        new ManualMatcher(database, CLOCK)
            .match("alice", Set.of(bank.id(), ledger.id()), "remittance confirmed by phone");
    // A later statement brings a line that the exact rule would pair with the ledger entry.
    importText(
        "bank2.csv",
        "bank",
        BANK_HEADER + "04.11.2026;04.11.2026;;410,00;EUR;Rossi;INV-2026-1008\n");
    MatchRunner.RunSummary later = automaticRun();

    assertThat(groupId).isPositive();
    assertThat(later.groupsCreated()).isZero();
    assertThat(matched()).extracting(Item::id).containsExactlyInAnyOrder(bank.id(), ledger.id());
    assertThat(openExceptions()).isEqualTo(1);
    assertThat(manualMatchAudits()).isEqualTo(1);
  }

  @Test
  void sidesThatDoNotBalanceAreRefusedWithTheDifference() {
    importText(
        "bank.csv", "bank", BANK_HEADER + "10.11.2026;10.11.2026;;410,00;EUR;Rossi;Transfer\n");
    importText(
        "gl.csv",
        "ledger",
        LEDGER_HEADER + "2026-11-03,D8,1200,Receipt Rossi,409.50,,EUR,INV-2026-1008\n");
    Set<Long> ids = Set.of(unmatched("BANK", 410_00).id(), unmatched("LEDGER", 409_50).id());

    assertThatThrownBy(() -> new ManualMatcher(database, CLOCK).match("alice", ids, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differ by 0.50 EUR");
    assertThat(matched()).isEmpty();
  }

  @Test
  void itemsOfOneSideOnlyAreNotAMatch() {
    importText(
        "bank.csv",
        "bank",
        BANK_HEADER
            + "10.11.2026;10.11.2026;;410,00;EUR;Rossi;A\n"
            + "10.11.2026;10.11.2026;410,00;;EUR;Rossi;B\n");
    Set<Long> ids = Set.of(unmatched("BANK", 410_00).id(), unmatched("BANK", -410_00).id());

    assertThatThrownBy(() -> new ManualMatcher(database, CLOCK).match("alice", ids, null))
        .hasMessageContaining("at least two sides");
  }
}
