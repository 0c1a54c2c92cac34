package dev.recon.exceptions;

import static dev.recon.exceptions.QueueFixture.AS_OF;
import static dev.recon.exceptions.QueueFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.matching.RuleSet;
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

  /** A rule that only suggests: the same amount within ten days, whatever the reference. */
  private static final RuleSet FOR_REVIEW =
      RuleSet.of(
          "review",
          List.of(
              new RuleSet.RuleFile(
                  "review.rules",
                  "rule \"Same amount, for review\"\n"
                      + "  match bank to ledger one-to-one\n"
                      + "  when amount equal\n"
                      + "   and booking_date within 10 days\n"
                      + "  suggest for review, confidence 0.80\n")));

  @Test
  void aSuggestForReviewRuleOpensSuggestedExceptionsThatAcceptingCloses() {
    f.ledger("gl.csv", "2026-11-03,D1,1200,Receipt Kappa,250.00,,EUR,INV-2026-7702\n");
    f.bank("bank.csv", "08.11.2026;08.11.2026;;250,00;EUR;Kappa GmbH;transfer\n");
    f.run(FOR_REVIEW);

    List<ExceptionRow> open = f.open();
    assertThat(open)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.type()).isEqualTo(ExceptionType.SUGGESTED));
    long groupId = open.get(0).groupId();
    assertThat(open).allSatisfy(r -> assertThat(r.groupId()).isEqualTo(groupId));
    assertThat(f.queue.show(open.get(0).id(), AS_OF).suggestion().ruleName())
        .isEqualTo("Same amount, for review");
    assertThat(f.run(FOR_REVIEW).exceptionsOpened()).isZero();

    f.queue.acceptSuggestion(groupId, "alice");
    f.run(FOR_REVIEW);

    assertThat(f.open()).isEmpty();
    assertThat(open)
        .allSatisfy(
            r -> {
              ExceptionRow closed = f.queue.show(r.id(), AS_OF).exception();
              assertThat(closed.status()).isEqualTo(ExceptionStatus.RESOLVED);
              assertThat(closed.closeReason())
                  .isEqualTo("matched: suggestion #" + groupId + " accepted by alice");
            });
  }

  private void importStatement(String resource) throws IOException {
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    InputFile file;
    try (InputStream in = LifecycleTest.class.getResourceAsStream(resource)) {
      file = InputFile.of(name, in.readAllBytes());
    }
    new Importer(database, CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load("bank"), null), null);
  }

  private ExceptionRow onlyOpen(String type) {
    List<ExceptionRow> rows =
        f.queue
            .list(
                ExceptionFilter.parse(List.of("type=" + type)), ExceptionSort.DEFAULT, 0, 10, AS_OF)
            .rows();
    assertThat(rows).as("open " + type + " exceptions").hasSize(1);
    return rows.get(0);
  }

  @Test
  void aStatementThatDoesNotChainIsAnAccountExceptionClosedByAPersonWithANote() throws IOException {
    importStatement("/mt940/statements-de.sta");
    importStatement("/mt940/next.sta");
    importStatement("/mt940/gap.sta");
    ExceptionRow gap = onlyOpen("statement_chain_break");

    // Opens at 9,000.00 where the previous statement closed at 9,160.00.
    assertThat(gap.itemId()).isNull();
    assertThat(gap.account()).isEqualTo("10020030/1234567");
    assertThat(gap.amountMinor()).isEqualTo(-160_00L);
    assertThat(gap.reason()).contains("gap.sta").contains("a statement between them is missing");
    f.queue.resolve(gap.id(), "alice", "statement 00003 was imported twice by the bank");

    ExceptionDetail closed = f.queue.show(gap.id(), AS_OF);
    assertThat(closed.exception().status()).isEqualTo(ExceptionStatus.RESOLVED);
    assertThat(closed.exception().closeReason())
        .isEqualTo("resolved by alice: statement 00003 was imported twice by the bank");
    assertThat(closed.history())
        .extracting(ExceptionDetail.HistoryEntry::action)
        .containsExactly("EXCEPTION_RESOLVED");
    assertThat(f.open()).isEmpty();
  }

  @Test
  void aStatementBreakIsAnAccountExceptionClosedByAPersonWithANote() throws IOException {
    importStatement("/camt/balance-break.xml");
    ExceptionRow brk = onlyOpen("balance_break");

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
  void aZeroAmountLineIsNotWrittenOffButResolvedWithANote() {
    f.bank("bank.csv", "10.11.2026;10.11.2026;;0,00;EUR;Alpha;card verification\n");
    f.run();
    ExceptionRow zero = f.open().get(0);
    assertThat(zero.amountMinor()).isZero();

    assertThatThrownBy(() -> f.queue.writeOff(zero.id(), "alice", "nothing moved"))
        .hasMessageContaining(
            "has a zero amount, so a write-off has nothing to book; resolve it with a note");
    f.queue.resolve(zero.id(), "alice", "a card check, no money moved");

    assertThat(f.queue.show(zero.id(), AS_OF).exception().status())
        .isEqualTo(ExceptionStatus.RESOLVED);
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
