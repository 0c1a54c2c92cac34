package dev.recon.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.exceptions.ExceptionRow;
import dev.recon.exceptions.ExceptionStatus;
import dev.recon.exceptions.ExceptionType;
import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Corrections proposed on the sample data (samples/manifest.csv), approved and exported. */
@EveryDatabase
class CorrectionsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-12T02:00:00Z"), ZoneOffset.UTC);
  private static final Path SAMPLES = Path.of("..", "samples");

  @Parameter TestDatabase.Backend backend;

  @TempDir Path tempDir;
  private Database database;
  private Corrections corrections;

  @BeforeEach
  void importAndMatchTheSamples() throws IOException {
    database = TestDatabase.open(backend, tempDir);
    corrections = new Corrections(database, CLOCK, ChartOfAccounts.defaults());
    Importer importer = new Importer(database, CLOCK, "tester");
    try (Reader reader =
        Files.newBufferedReader(SAMPLES.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord r :
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setCommentMarker('#')
              .get()
              .parse(reader)) {
        String account = r.get("account");
        importer.importFile(
            FileParser.parse(
                SAMPLES.resolve(r.get("file")), Profiles.load(r.get("profile")), account),
            account);
      }
    }
    new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());
  }

  @AfterEach
  void checkInvariantsAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  private CorrectionEntry proposed(CorrectionKind kind) {
    return corrections.list(List.of(), 0, 100).rows().stream()
        .filter(e -> e.kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " proposed"));
  }

  @Nested
  class Proposals {
    @Test
    void theStripePayoutsFeesAreProposedAsOneBalancedEntryToTheCent() {
      corrections.proposeAll("recon");

      CorrectionEntry fee = proposed(CorrectionKind.GATEWAY_FEE);
      // 18.25 + 13.00 + 9.85 + 7.74 + 4.00 (gross minus net of the payout's charges), and the
      // Radar fee of 0.41 the payout also withheld: the clearing account 1361 is left at zero.
      assertThat(fee.amountMinor()).isEqualTo(53_25L);
      assertThat(fee.debitsMinor()).isEqualTo(fee.creditsMinor()).isEqualTo(53_25L);
      assertThat(fee.lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("6820", 53_25L, 0L),
              org.assertj.core.groups.Tuple.tuple("1361", 0L, 53_25L));
      assertThat(fee.description()).contains("po_1QdemoA7");
      assertThat(fee.itemIds()).hasSize(8);
      assertThat(fee.status()).isEqualTo("PROPOSED");
    }

    @Test
    void everyKindBalancesExactly() {
      List<CorrectionEntry> all = corrections.proposeAll("recon").proposed();

      assertThat(all)
          .extracting(CorrectionEntry::kind)
          .contains(
              CorrectionKind.GATEWAY_FEE, CorrectionKind.ROUNDING, CorrectionKind.BANK_CHARGE);
      assertThat(all).allSatisfy(e -> assertThat(e.debitsMinor()).isEqualTo(e.creditsMinor()));
      // The maintenance fee and the two identical card fees, each its own entry.
      assertThat(all)
          .filteredOn(e -> e.kind() == CorrectionKind.BANK_CHARGE)
          .extracting(CorrectionEntry::amountMinor)
          .containsExactlyInAnyOrder(12_50L, 2_50L, 2_50L);
    }

    @Test
    void proposingAgainProposesNothingTwice() {
      int first = corrections.proposeAll("recon").proposed().size();
      int second = corrections.proposeAll("recon").proposed().size();

      assertThat(first).isEqualTo(5);
      assertThat(second).isZero();
    }

    @Test
    void interestReceivedAndPaidBookAgainstInterestIncomeAndExpense() {
      new Importer(database, CLOCK, "tester")
          .importFile(
              FileParser.parse(
                  InputFile.of(
                      "interest.csv",
                      ("Booking Date;Value Date;Debit;Credit;Currency;Counterparty;"
                              + "Remittance Information\n"
                              + "10.11.2026;10.11.2026;;3,21;EUR;;Credit interest October\n"
                              + "10.11.2026;10.11.2026;1,05;;EUR;;Overdraft interest October\n")
                          .getBytes(StandardCharsets.UTF_8)),
                  Profiles.load("bank"),
                  "OPERATING-EUR"),
              "OPERATING-EUR");
      new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());

      List<CorrectionEntry> interest =
          corrections.proposeAll("recon").proposed().stream()
              .filter(e -> e.kind() == CorrectionKind.BANK_INTEREST)
              .sorted(java.util.Comparator.comparingLong(CorrectionEntry::amountMinor))
              .toList();

      assertThat(interest).hasSize(2);
      assertThat(interest).allSatisfy(e -> assertThat(e.debitsMinor()).isEqualTo(e.creditsMinor()));
      // Paid (money out): expense against the bank's ledger account 1200.
      assertThat(interest.get(0).lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("7300", 1_05L, 0L),
              org.assertj.core.groups.Tuple.tuple("1200", 0L, 1_05L));
      // Received (money in): the bank's account against interest income.
      assertThat(interest.get(1).lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("1200", 3_21L, 0L),
              org.assertj.core.groups.Tuple.tuple("7100", 0L, 3_21L));
      assertThat(interest).allSatisfy(e -> assertThat(e.status()).isEqualTo("PROPOSED"));
    }

    @Test
    void aSmallDifferenceARuleToleratedPostsWithoutApproval() {
      corrections.proposeAll("recon");

      CorrectionEntry rounding = proposed(CorrectionKind.ROUNDING);
      // INV-2026-1007: the bank got 1,190.00 for a receipt booked at 1,190.50.
      assertThat(rounding.amountMinor()).isEqualTo(50L);
      assertThat(rounding.status()).isEqualTo("APPROVED");
      assertThat(rounding.decidedBy()).startsWith("rule:");
      assertThat(rounding.lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("6890", 50L, 0L),
              org.assertj.core.groups.Tuple.tuple("1200", 0L, 50L));
    }
  }

  @Nested
  class MakerChecker {
    @Test
    void thePreparerCannotApproveTheirOwnEntry() {
      corrections.proposeAll("alice");
      long fee = proposed(CorrectionKind.GATEWAY_FEE).id();

      assertThatThrownBy(() -> corrections.approve(fee, "alice"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("prepared or edited by alice, who may not approve it");
      CorrectionEntry approved = corrections.approve(fee, "bob");

      assertThat(approved.status()).isEqualTo("APPROVED");
      assertThat(approved.decidedBy()).isEqualTo("bob");
    }

    @Test
    void anEditorCannotApproveTheEntryTheyEdited() {
      corrections.proposeAll("alice");
      CorrectionEntry fee = proposed(CorrectionKind.GATEWAY_FEE);

      corrections.edit(
          fee.id(),
          "bob",
          List.of(
              JournalLine.debit("6821", 52_84, "card fees"),
              JournalLine.credit("1361", 52_84, "card fees")),
          null);

      assertThatThrownBy(() -> corrections.approve(fee.id(), "bob"))
          .hasMessageContaining("prepared or edited by bob");
      assertThat(corrections.approve(fee.id(), "carol").lines().get(0).account()).isEqualTo("6821");
    }

    @Test
    void anEditThatDoesNotBalanceIsRefused() {
      corrections.proposeAll("alice");
      long fee = proposed(CorrectionKind.GATEWAY_FEE).id();

      assertThatThrownBy(
              () ->
                  corrections.edit(
                      fee,
                      "bob",
                      List.of(
                          JournalLine.debit("6820", 52_84, null),
                          JournalLine.credit("1361", 52_83, null)),
                      null))
          .hasMessageContaining("does not balance");
    }

    @Test
    void aUserBelowTheApproverRoleIsRefused() {
      new Users(database, CLOCK).add("pat", Role.PREPARER, "long enough password", "admin");
      corrections.proposeAll("alice");
      long fee = proposed(CorrectionKind.GATEWAY_FEE).id();

      assertThatThrownBy(() -> corrections.approve(fee, "pat"))
          .hasMessageContaining(
              "pat is a preparer; to approve corrections takes the approver role");
    }

    @Test
    void onceThereAreUsersANameOutsideThemCanNeitherApproveNorReject() {
      new Users(database, CLOCK).add("carol", Role.APPROVER, "long enough password", "admin");
      corrections.proposeAll("alice");
      long fee = proposed(CorrectionKind.GATEWAY_FEE).id();

      assertThatThrownBy(() -> corrections.approve(fee, "mallory"))
          .hasMessage(
              "mallory is not a Recon user; to approve corrections act as a user with the"
                  + " approver role or above (recon users list shows them; an admin adds one with"
                  + " recon users add)");
      assertThatThrownBy(() -> corrections.reject(fee, "mallory", "looks wrong"))
          .hasMessageStartingWith("mallory is not a Recon user; to reject corrections");
      assertThat(corrections.show(fee).status()).isEqualTo("PROPOSED");
      assertThat(corrections.approve(fee, "carol").decidedBy()).isEqualTo("carol");
    }

    @Test
    void aRejectedFeeEntryReturnsAsOneExceptionToResolveNotToWriteOff() {
      corrections.proposeAll("alice");
      CorrectionEntry fee = proposed(CorrectionKind.GATEWAY_FEE);
      ExceptionQueue queue = new ExceptionQueue(database, CLOCK, corrections);

      long exceptionId = corrections.reject(fee.id(), "bob", "AP booked the fees").exceptionId();

      // One exception for the whole entry: its eight items have no single account.
      ExceptionRow back = queue.show(exceptionId, queue.today()).exception();
      assertThat(back.type()).isEqualTo(ExceptionType.CORRECTION_REJECTED);
      assertThat(back.correctionId()).isEqualTo(fee.id());
      assertThat(back.itemId()).isNull();
      assertThat(back.account()).isNull();
      assertThat(back.amountMinor()).isEqualTo(53_25L);
      assertThat(back.reason()).contains("rejected by bob: AP booked the fees");
      assertThatThrownBy(() -> queue.writeOff(exceptionId, "carol", "fees lost"))
          .hasMessage(
              "exception #"
                  + exceptionId
                  + " names no account to book a write-off against; resolve it with a note"
                  + " instead (recon exceptions resolve "
                  + exceptionId
                  + " --note TEXT)");
      queue.resolve(exceptionId, "carol", "AP booked them on 2026-11-05");
      ExceptionRow resolved = queue.show(exceptionId, queue.today()).exception();
      assertThat(resolved.status()).isEqualTo(ExceptionStatus.RESOLVED);
      assertThat(resolved.closeReason())
          .isEqualTo("resolved by carol: AP booked them on 2026-11-05");
      // A rejected entry is never proposed again.
      assertThat(corrections.proposeAll("alice").proposed())
          .extracting(CorrectionEntry::kind)
          .doesNotContain(CorrectionKind.GATEWAY_FEE);
    }

    @Test
    void approvingABankChargeClosesItsItemsException() {
      corrections.proposeAll("alice");
      CorrectionEntry charge =
          corrections.list(List.of(), 0, 100).rows().stream()
              .filter(e -> e.kind() == CorrectionKind.BANK_CHARGE && e.amountMinor() == 12_50L)
              .findFirst()
              .orElseThrow();
      long item = charge.itemIds().get(0);

      corrections.approve(charge.id(), "bob");
      new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());

      boolean stillOpen =
          database.inTransaction(tx -> tx.exceptions().openOfItem(item).isPresent());
      assertThat(stillOpen).isFalse();
    }
  }

  @Nested
  class Export {
    @Test
    void anExportNeverRepeatsAnEntry() throws IOException {
      corrections.proposeAll("alice");
      long fee = proposed(CorrectionKind.GATEWAY_FEE).id();
      corrections.approve(fee, "bob");

      ExportFile first = corrections.export("bob", JournalExport.Format.CSV);
      ExportFile second = corrections.export("bob", JournalExport.Format.CSV);
      CorrectionEntry charge = proposed(CorrectionKind.BANK_CHARGE);
      corrections.approve(charge.id(), "bob");
      ExportFile third = corrections.export("bob", JournalExport.Format.CSV);

      // The rounding entry posted automatically and the approved fee.
      assertThat(first.correctionIds()).hasSize(2).contains(fee);
      assertThat(first.batch()).isEqualTo(1);
      assertThat(second.empty()).isTrue();
      assertThat(third.correctionIds()).containsExactly(charge.id());
      assertThat(third.batch()).isEqualTo(2);
      List<CSVRecord> rows = csv(first.content());
      assertThat(rows).hasSize(4);
      CSVRecord debit =
          rows.stream()
              .filter(r -> r.get("journal_id").equals("RECON-C" + fee) && r.get("line").equals("1"))
              .findFirst()
              .orElseThrow();
      assertThat(debit.get("account")).isEqualTo("6820");
      assertThat(debit.get("debit")).isEqualTo("53.25");
      assertThat(debit.get("credit")).isEqualTo("0.00");
      assertThat(debit.get("approved_by")).isEqualTo("bob");
    }

    @Test
    void theXlsxHoldsTheSameLinesWithNumbers() throws IOException {
      corrections.proposeAll("alice");
      corrections.approve(proposed(CorrectionKind.GATEWAY_FEE).id(), "bob");

      ExportFile file = corrections.export("bob", JournalExport.Format.XLSX);

      try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.content()))) {
        Sheet sheet = workbook.getSheet("Journal");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("journal_id");
        assertThat(sheet.getLastRowNum()).isEqualTo(4);
        double debits = 0;
        double credits = 0;
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
          debits += sheet.getRow(r).getCell(4).getNumericCellValue();
          credits += sheet.getRow(r).getCell(5).getNumericCellValue();
        }
        assertThat(debits).isEqualTo(credits);
      }
    }
  }

  private static List<CSVRecord> csv(byte[] content) throws IOException {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new java.io.StringReader(new String(content, StandardCharsets.UTF_8)))
        .getRecords();
  }
}
