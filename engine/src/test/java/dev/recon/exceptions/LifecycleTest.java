package dev.recon.exceptions;

import static dev.recon.exceptions.QueueFixture.AS_OF;
import static dev.recon.exceptions.QueueFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The life of the exception types other than a plain unmatched item. */
@EveryDatabase
class LifecycleTest {
  @Parameter TestDatabase.Backend backend;

  @TempDir Path tempDir;
  private Database database;
  private QueueFixture f;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, tempDir);
    f = new QueueFixture(database);
  }

  @AfterEach
  void checkInvariantsAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  /**
   * One ledger receipt and two bank lines equally close to it: an ambiguous pair of suggestions.
   */
  private List<ExceptionRow> ambiguous() {
    f.ledger("gl.csv", "2026-11-10,D1,1200,Receipt,100.00,,EUR,INV-2026-7701\n");
    f.bank(
        "bank.csv",
        "09.11.2026;09.11.2026;;100,00;EUR;Alpha;INV-2026-7701\n"
            + "11.11.2026;11.11.2026;;100,00;EUR;Alpha;INV-2026-7701\n");
    f.run();
    return f.open();
  }

  @Test
  void equallyGoodMatchesWaitAsAmbiguousExceptionsNamingTheirSuggestion() {
    List<ExceptionRow> open = ambiguous();

    assertThat(open)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.type()).isEqualTo(ExceptionType.AMBIGUOUS));
    assertThat(open).allSatisfy(r -> assertThat(r.groupId()).isNotNull());
    assertThat(f.run().exceptionsOpened()).isZero();
    assertThat(f.open()).hasSize(3);
  }

  @Test
  void acceptingASuggestionMatchesItsItemsAndLeavesTheOtherLineUnmatched() {
    ExceptionRow bank =
        ambiguous().stream().filter(r -> r.side().equals("BANK")).findFirst().orElseThrow();
    ExceptionDetail detail = f.queue.show(bank.id(), AS_OF);
    long groupId = detail.suggestion().groupId();
    assertThat(detail.suggestion().members()).hasSize(2);

    f.queue.acceptSuggestion(groupId, "alice");
    f.run();

    List<ExceptionRow> open = f.open();
    assertThat(open)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.side()).isEqualTo("BANK");
              assertThat(r.type()).isEqualTo(ExceptionType.UNMATCHED);
            });
    ExceptionDetail closed = f.queue.show(bank.id(), AS_OF);
    assertThat(closed.exception().closeReason())
        .isEqualTo("matched: suggestion #" + groupId + " accepted by alice");
    assertThat(closed.history())
        .filteredOn(h -> h.action().equals("EXCEPTION_MATCHED"))
        .singleElement()
        .satisfies(
            h ->
                assertThat(h.detail())
                    .startsWith("before: status=OPEN assignee=- type=AMBIGUOUS")
                    .contains("after: status=RESOLVED"));
    assertThat(f.audits("MATCH_SUGGESTION_ACCEPTED")).isEqualTo(1);
  }

  @Test
  void aRejectedSuggestionIsNeverSuggestedAgain() {
    ExceptionRow bank =
        ambiguous().stream().filter(r -> r.side().equals("BANK")).findFirst().orElseThrow();
    long groupId = bank.groupId();

    f.queue.rejectSuggestion(groupId, "alice", "different invoice");
    f.run();

    ExceptionRow after = f.queue.show(bank.id(), AS_OF).exception();
    assertThat(after.status()).isEqualTo(ExceptionStatus.OPEN);
    assertThat(after.type()).isEqualTo(ExceptionType.UNMATCHED);
    assertThat(after.reason()).contains("rejected by alice: different invoice");
    assertThatThrownBy(() -> f.queue.acceptSuggestion(groupId, "bob"))
        .hasMessageContaining("is rejected, not suggested");
  }

  @Test
  void aStatementBreakIsAnAccountExceptionClosedByAPersonWithANote() throws IOException {
    InputFile file;
    try (InputStream in = LifecycleTest.class.getResourceAsStream("/camt/balance-break.xml")) {
      file = InputFile.of("balance-break.xml", in.readAllBytes());
    }
    new Importer(database, CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load("bank"), null), null);
    ExceptionRow brk =
        f.queue
            .list(
                ExceptionFilter.parse(List.of("type=balance_break")),
                ExceptionSort.DEFAULT,
                0,
                10,
                AS_OF)
            .rows()
            .get(0);

    assertThat(brk.itemId()).isNull();
    assertThat(brk.account()).isNotBlank();
    assertThat(brk.reason()).contains("balance-break.xml");
    f.queue.resolve(brk.id(), "alice", "the bank sent a corrected statement");

    ExceptionRow closed = f.queue.show(brk.id(), AS_OF).exception();
    assertThat(closed.status()).isEqualTo(ExceptionStatus.RESOLVED);
    assertThat(closed.closeReason())
        .isEqualTo("resolved by alice: the bank sent a corrected statement");
  }

  @Test
  void anUnmatchedItemCannotBeResolvedByANoteAlone() {
    f.ledger("gl.csv", "2026-11-10,D1,1200,Receipt,100.00,,EUR,INV-2026-7701\n");
    f.run();
    long id = f.open().get(0).id();

    assertThatThrownBy(() -> f.queue.resolve(id, "alice", "looks fine"))
        .hasMessageContaining("match it (recon match-manual) or write it off");
  }
}
