package dev.recon.closing;

import static dev.recon.closing.CloseFixture.CLOCK;
import static dev.recon.closing.CloseFixture.DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.importing.BadInput;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportFixtures;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import dev.recon.persistence.CanonicalDump;
import dev.recon.persistence.CloseStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class CloseRunTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path dir;
  Database database;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, dir);
    CloseFixture.inbox(dir);
  }

  @AfterEach
  void checkAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  private CloseRunner runner(Checkpoints checkpoints) {
    return new CloseRunner(
        database,
        CLOCK,
        "nightly",
        CloseFixture.settings(dir),
        CorrectionProposer.using(
            new dev.recon.corrections.Corrections(
                database, CLOCK, dev.recon.corrections.ChartOfAccounts.defaults()),
            "nightly"),
        checkpoints);
  }

  private CloseRun close() {
    return runner(Checkpoints.NONE).close(DATE);
  }

  @Nested
  class Closing {
    @Test
    void importsTheInboxMatchesWritesTheReportsAndLocksTheDate() throws Exception {
      CloseRun close = close();

      assertThat(close.nothingToDo()).isFalse();
      assertThat(close.run().status()).isEqualTo(CloseStore.DONE);
      assertThat(close.steps())
          .extracting(CloseStore.Step::name)
          .containsExactly("import", "match", "corrections", "report", "lock");
      assertThat(close.files())
          .extracting(CloseStore.InboxFile::path, CloseStore.InboxFile::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "OPERATING-EUR/gl-1200-2026-11.csv", CloseRunner.IMPORTED),
              org.assertj.core.groups.Tuple.tuple(
                  "OPERATING-EUR/statement-2026-11-02_to_06.csv", CloseRunner.IMPORTED),
              org.assertj.core.groups.Tuple.tuple(
                  "STRIPE/gl-1361-stripe-clearing-2026-11.csv", CloseRunner.IMPORTED),
              org.assertj.core.groups.Tuple.tuple(
                  "STRIPE/stripe-balance-2026-11.csv", CloseRunner.IMPORTED),
              org.assertj.core.groups.Tuple.tuple("notes.csv", CloseRunner.REJECTED));
      Path inbox = dir.resolve("inbox");
      assertThat(inbox.resolve("processed/OPERATING-EUR/statement-2026-11-02_to_06.csv")).exists();
      assertThat(inbox.resolve("OPERATING-EUR/statement-2026-11-02_to_06.csv")).doesNotExist();
      assertThat(inbox.resolve("rejected/notes.csv")).exists();
      assertThat(Files.readString(inbox.resolve("rejected/notes.csv.reason.txt")))
          .contains("notes.csv: Recon cannot tell what this file is")
          .contains("nothing from this file was stored");
      assertThat(dir.resolve("out/close-2026-11-06.xlsx")).exists();
      assertThat(Files.readAllLines(dir.resolve("out/close-2026-11-06-groups.csv")))
          .anyMatch(line -> line.contains("INV-2026-1001"));
      assertThat(dir.resolve("out/.close-2026-11-06.partial")).doesNotExist();
      assertThat(close.steps().get(1).detail()).contains("items matched");
      database.inTransaction(
          tx -> {
            assertThat(tx.closes().isLocked(DATE)).isTrue();
            assertThat(tx.audit().count("PERIOD_LOCKED")).isEqualTo(1);
            assertThat(tx.audit().count("IMPORT_REFUSED")).isEqualTo(1);
            return null;
          });
    }

    @Test
    void aCamtStatementInTheInboxIsStreamedIntoTheCloseUnderItsFoldersAccount() throws Exception {
      Path camt = dir.resolve("inbox/OPERATING-EUR/camt053-2026-11-09.xml");
      Files.copy(Path.of("..", "samples", "formats", "camt053-2026-11-09.xml"), camt);
      String sha256 = dev.recon.importing.FileParser.sha256(camt);

      CloseRun close = close();

      assertThat(close.files())
          .filteredOn(file -> file.path().endsWith(".xml"))
          .singleElement()
          .satisfies(
              file -> {
                assertThat(file.outcome()).isEqualTo(CloseRunner.IMPORTED);
                assertThat(file.sha256()).isEqualTo(sha256);
                assertThat(file.reason()).contains("camt053-2026-11-09.xml: 6 records, 6 added");
              });
    }

    @Test
    void closingTheSameDateAgainChangesNothingAndSaysSo() {
      close();
      List<String> before = CanonicalDump.of(database);
      List<String> filesBefore = CloseFixture.files(dir);
      CloseFixture.inbox(dir.resolve("later"));

      CloseRun again = close();

      assertThat(again.nothingToDo()).isTrue();
      assertThat(CanonicalDump.of(database)).isEqualTo(before);
      assertThat(CloseFixture.files(dir)).isEqualTo(filesBefore);
    }
  }

  @Nested
  class PeriodLock {
    private Path statementWith(String name, String... rows) {
      return ImportFixtures.bankStatement(dir.resolve("later"), name, rows);
    }

    private void importFile(Path file) {
      new Importer(database, CLOCK, "alice")
          .importFile(FileParser.parse(file, Profiles.load("bank"), "OPERATING-EUR"), null);
    }

    @Test
    void anImportAddingItemsBookedOnAClosedDateIsRefusedNamingFileAndDate() {
      close();
      Path late =
          statementWith(
              "late.csv",
              ImportFixtures.credit("06.11.2026", "77,00", "Late Payer", "INV-2026-9999"));
      int itemsBefore = ImportFixtures.itemCount(database);

      assertThatThrownBy(() -> importFile(late))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining("late.csv:2: booked on 2026-11-06, a closed period")
          .hasMessageContaining("recon --user ADMIN close reopen --date 2026-11-06");
      assertThat(ImportFixtures.itemCount(database)).isEqualTo(itemsBefore);
    }

    @Test
    void itemsBookedOnOtherDatesAndRowsAlreadyStoredStillImport() {
      close();
      Path next =
          statementWith(
              "next.csv",
              // Already stored from the closed statement: adds nothing, so changes nothing.
              ImportFixtures.credit(
                  "02.11.2026", "1.250,00", "Nordwind Logistik GmbH", "INV-2026-1001 Nordwind"),
              ImportFixtures.credit("07.11.2026", "88,00", "Next Day", "INV-2026-9998"));
      int itemsBefore = ImportFixtures.itemCount(database);

      importFile(next);

      assertThat(ImportFixtures.itemCount(database)).isEqualTo(itemsBefore + 1);
    }

    @Test
    void onlyAnAdminMayReopenAndTheReopeningIsAuditedAndLetsImportsAndACloseRunAgain() {
      close();
      Users users = new Users(database, CLOCK);
      users.add("paula", Role.PREPARER, "correct horse battery", "setup");
      users.add("ada", Role.ADMIN, "correct horse battery staple", "setup");

      assertThatThrownBy(
              () -> PeriodReopening.reopen(database, CLOCK, "paula", DATE, "late statement"))
          .hasMessageContaining("only an admin may reopen a closed date; paula is a preparer");
      assertThatThrownBy(() -> PeriodReopening.reopen(database, CLOCK, "ada", DATE, " "))
          .hasMessageContaining("say why");

      PeriodReopening.reopen(database, CLOCK, "ada", DATE, "bank resent the statement");

      importFile(
          statementWith(
              "late.csv",
              ImportFixtures.credit("06.11.2026", "77,00", "Late Payer", "INV-2026-9999")));
      CloseRun again = close();
      assertThat(again.nothingToDo()).isFalse();
      assertThat(again.run().id()).isNotEqualTo(1L);
      database.inTransaction(
          tx -> {
            assertThat(tx.closes().isLocked(DATE)).isTrue();
            assertThat(tx.audit().count("PERIOD_REOPENED")).isEqualTo(1);
            return null;
          });
      assertThat(CanonicalDump.of(database))
          .contains(
              "audit | ada | PERIOD_REOPENED | period_lock | null | reopened 2026-11-06:"
                  + " bank resent the statement")
          .anyMatch(line -> line.startsWith("close | 2026-11-06 | REOPENED"));
      assertThatThrownBy(
              () -> PeriodReopening.reopen(database, CLOCK, "ada", DATE.minusDays(1), "why"))
          .hasMessageContaining("2026-11-05 is not closed");
    }
  }

  @Nested
  class Concurrency {
    @Test
    void aSecondCloseOfTheSameDateRefusesWhileTheFirstRunsNamingItsProcess() throws Exception {
      CountDownLatch paused = new CountDownLatch(1);
      CountDownLatch goOn = new CountDownLatch(1);
      Checkpoints pauseAfterFirstFile =
          point -> {
            if (point.equals("import:committed:1")) {
              paused.countDown();
              try {
                goOn.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      ExecutorService first = Executors.newSingleThreadExecutor();
      try {
        Future<CloseRun> running = first.submit(() -> runner(pauseAfterFirstFile).close(DATE));
        assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(this::closeNow)
            .isInstanceOf(CloseRunner.CloseBusy.class)
            .hasMessageContaining(
                "close of 2026-11-06 is already running since 2026-11-07T02:00:00Z")
            .hasMessageContaining("by pid " + ProcessHandle.current().pid() + " on host ");

        goOn.countDown();
        assertThat(running.get(120, TimeUnit.SECONDS).run().status()).isEqualTo(CloseStore.DONE);
        assertThat(closeNow().nothingToDo()).isTrue();
      } finally {
        goOn.countDown();
        first.shutdownNow();
      }
    }

    private CloseRun closeNow() {
      return close();
    }
  }
}
