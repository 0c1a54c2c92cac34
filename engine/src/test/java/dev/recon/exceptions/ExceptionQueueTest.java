package dev.recon.exceptions;

import static dev.recon.exceptions.QueueFixture.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.CorrectionKind;
import dev.recon.corrections.JournalLine;
import dev.recon.facts.Aging;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.Page;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@EveryDatabase
class ExceptionQueueTest {
  @Parameter TestDatabase.Backend backend;

  @TempDir Path tempDir;
  private Database database;
  private QueueFixture f;

  @BeforeEach
  void open() {
    database = TestDatabase.open(backend, tempDir);
    f = new QueueFixture(database);
    // A near miss (booked 7 days apart), a receipt not yet paid, and a bank fee.
    f.bank(
        "bank.csv",
        "10.11.2026;10.11.2026;;410,00;EUR;Atelier Rossi SRL;INV-2026-1008\n"
            + "05.11.2026;05.11.2026;12,50;;EUR;;Account maintenance fee November\n");
    f.ledger(
        "gl.csv",
        "2026-11-03,D8,1200,Receipt Rossi,410.00,,EUR,INV-2026-1008\n"
            + "2026-09-20,D9,1200,Receipt Nordwind,6400.00,,EUR,INV-2026-1010\n");
  }

  @AfterEach
  void checkInvariantsAndClose() {
    DatabaseInvariants.check(database);
    database.close();
  }

  @Nested
  class CreatedAndClosedByRuns {
    @Test
    void eachUnmatchedItemGetsOneExceptionAndARerunAddsNone() {
      assertThat(f.run().exceptionsOpened()).isEqualTo(4);
      assertThat(f.run().exceptionsOpened()).isZero();

      List<ExceptionRow> open = f.open();
      assertThat(open).hasSize(4);
      ExceptionRow rossi = f.openOf("BANK", 410_00);
      assertThat(rossi.type()).isEqualTo(ExceptionType.UNMATCHED);
      assertThat(rossi.reason()).contains("booked 7 day(s) apart");
      assertThat(rossi.account()).isEqualTo("OPS");
      assertThat(rossi.counterparty()).isNotBlank();
      assertThat(rossi.agingDate()).isEqualTo(LocalDate.of(2026, 11, 10));
      assertThat(rossi.ageDays()).isEqualTo(2);
      assertThat(rossi.bucket()).isEqualTo(Aging.Bucket.DAYS_0_2);
      assertThat(rossi.status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void anItemMatchedLaterClosesItsExceptionWithTheReason() {
      f.run();
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);

      f.bank("bank2.csv", "21.09.2026;21.09.2026;;6.400,00;EUR;Nordwind;INV-2026-1010\n");
      assertThat(f.run().exceptionsResolved()).isEqualTo(1);

      ExceptionRow closed = f.queue.show(receipt.id(), AS_OF).exception();
      assertThat(closed.status()).isEqualTo(ExceptionStatus.RESOLVED);
      assertThat(closed.closeReason()).contains("matched by rule").contains("in group #");
      assertThat(f.open()).extracting(ExceptionRow::id).doesNotContain(receipt.id());
    }
  }

  @Nested
  class Listing {
    @Test
    void filtersSortsAndPagesOnTheServer() {
      f.run();
      ExceptionFilter bankOnly = ExceptionFilter.parse(List.of("side=bank"));
      Page<ExceptionRow> first = f.queue.list(bankOnly, ExceptionSort.parse("amount"), 0, 1, AS_OF);
      Page<ExceptionRow> second =
          f.queue.list(bankOnly, ExceptionSort.parse("amount"), 1, 1, AS_OF);

      assertThat(first.total()).isEqualTo(2);
      assertThat(first.rows()).extracting(ExceptionRow::amountMinor).containsExactly(410_00L);
      assertThat(second.rows()).extracting(ExceptionRow::amountMinor).containsExactly(-12_50L);
    }

    @Test
    void theOldestLargeItemComesFirstByPriorityAndFallsInTheOver30Bucket() {
      f.run();
      List<ExceptionRow> byPriority = f.open();
      ExceptionRow top = byPriority.get(0);

      assertThat(top.amountMinor()).isEqualTo(6400_00L);
      assertThat(top.ageDays()).isEqualTo(53);
      assertThat(top.bucket()).isEqualTo(Aging.Bucket.OVER_30);
      // 53 days + 10 x 4 digits of 6400.
      assertThat(top.priority()).isEqualTo(93);
      assertThat(byPriority)
          .extracting(ExceptionRow::priority)
          .isSortedAccordingTo((a, b) -> Long.compare(b, a));
      assertThat(
              f.queue
                  .list(
                      ExceptionFilter.parse(List.of("age=over 30")),
                      ExceptionSort.DEFAULT,
                      0,
                      50,
                      AS_OF)
                  .rows())
          .extracting(ExceptionRow::id)
          .containsExactly(top.id());
      assertThat(
              f.queue
                  .list(
                      ExceptionFilter.parse(List.of("text=rossi")),
                      ExceptionSort.DEFAULT,
                      0,
                      50,
                      AS_OF)
                  .rows())
          .extracting(ExceptionRow::amountMinor)
          .contains(410_00L);
      assertThat(
              f.queue
                  .list(
                      ExceptionFilter.parse(List.of("min=400", "max=500")),
                      ExceptionSort.DEFAULT,
                      0,
                      50,
                      AS_OF)
                  .rows())
          .extracting(ExceptionRow::amountMinor)
          .containsExactlyInAnyOrder(410_00L, 410_00L);
    }
  }

  @Nested
  class TimingDifferences {
    @Test
    void revisitDueListsTheTimingDifferencesWhoseDateHasCome() {
      f.run();
      ExceptionRow rossi = f.openOf("BANK", 410_00);
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);
      f.queue.markTiming(rossi.id(), "bob", AS_OF, "in transit");
      f.queue.markTiming(receipt.id(), "bob", AS_OF.plusDays(1), "cheque clearing");
      ExceptionFilter due = ExceptionFilter.parse(List.of("revisit=due"));

      // The revisit date is inclusive; an exception never marked is not due.
      assertThat(f.queue.list(due, ExceptionSort.DEFAULT, 0, 50, AS_OF).rows())
          .extracting(ExceptionRow::id, ExceptionRow::revisitOn)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(rossi.id(), AS_OF));
      assertThat(f.queue.list(due, ExceptionSort.DEFAULT, 0, 50, AS_OF.plusDays(1)).rows())
          .extracting(ExceptionRow::id)
          .containsExactlyInAnyOrder(rossi.id(), receipt.id());
      assertThatThrownBy(() -> ExceptionFilter.parse(List.of("revisit=soon")))
          .hasMessageContaining("revisit=due selects the timing differences");
    }

    @Test
    void bulkTimingMarksEveryFilteredExceptionAndRevisitDueFindsThem() {
      f.run();
      BulkResult result =
          f.queue.bulk(
              ExceptionFilter.parse(List.of("side=ledger")),
              new BulkAction.Timing(AS_OF.plusDays(3), "month-end transfers"),
              "alice",
              AS_OF);

      assertThat(result.done()).hasSize(2);
      assertThat(result.refused()).isEmpty();
      assertThat(f.open())
          .filteredOn(r -> r.revisitOn() != null)
          .extracting(ExceptionRow::side)
          .containsExactly("LEDGER", "LEDGER");
      assertThat(f.audits("EXCEPTION_TIMING")).isEqualTo(2);
      ExceptionFilter due = ExceptionFilter.parse(List.of("revisit=due"));
      assertThat(f.queue.list(due, ExceptionSort.DEFAULT, 0, 50, AS_OF).total()).isZero();
      assertThat(f.queue.list(due, ExceptionSort.DEFAULT, 0, 50, AS_OF.plusDays(3)).total())
          .isEqualTo(2);
    }
  }

  @Nested
  class Actions {
    @Test
    void assignCommentAndTimingAreAuditedWithBeforeAndAfter() {
      f.run();
      ExceptionRow rossi = f.openOf("BANK", 410_00);

      f.queue.assign(rossi.id(), "alice", "bob");
      f.queue.comment(rossi.id(), "bob", "customer says paid on the 3rd");
      f.queue.markTiming(rossi.id(), "bob", LocalDate.of(2026, 11, 20), "in transit");

      ExceptionDetail detail = f.queue.show(rossi.id(), AS_OF);
      assertThat(detail.exception().status()).isEqualTo(ExceptionStatus.ASSIGNED);
      assertThat(detail.exception().assignee()).isEqualTo("bob");
      assertThat(detail.exception().revisitOn()).isEqualTo(LocalDate.of(2026, 11, 20));
      assertThat(detail.comments())
          .extracting(ExceptionDetail.Comment::text)
          .containsExactly("customer says paid on the 3rd", "Timing difference: in transit");
      assertThat(detail.history())
          .extracting(ExceptionDetail.HistoryEntry::action)
          .containsExactly("EXCEPTION_ASSIGNED", "EXCEPTION_COMMENTED", "EXCEPTION_TIMING");
      assertThat(detail.history().get(0).actor()).isEqualTo("alice");
      assertThat(detail.history().get(0).detail())
          .contains("before: status=OPEN assignee=-")
          .contains("after: status=ASSIGNED assignee=bob");
      assertThat(detail.item().fact().origin().toString()).contains("bank.csv");
      // A timing difference stays in the queue: it is expected to match later.
      assertThat(f.open()).extracting(ExceptionRow::id).contains(rossi.id());
    }

    @Test
    void writingOffClosesTheExceptionProposesABalancedEntryAndRunsDoNotReopenIt() {
      f.run();
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);

      long correctionId = f.queue.writeOff(receipt.id(), "alice", "customer insolvent");
      f.run();

      assertThat(f.queue.show(receipt.id(), AS_OF).exception().status())
          .isEqualTo(ExceptionStatus.WRITTEN_OFF);
      assertThat(f.open()).extracting(ExceptionRow::itemId).doesNotContain(receipt.itemId());
      CorrectionEntry entry = f.corrections.show(correctionId);
      assertThat(entry.kind()).isEqualTo(CorrectionKind.WRITE_OFF);
      assertThat(entry.debitsMinor()).isEqualTo(entry.creditsMinor()).isEqualTo(6400_00L);
      // The ledger holds a receipt that never arrived: it is reversed out of the bank's account.
      assertThat(entry.lines())
          .containsExactly(
              new JournalLine("6895", 6400_00, 0, entry.lines().get(0).memo()),
              new JournalLine("OPS", 0, 6400_00, entry.lines().get(1).memo()));
    }

    @Test
    void aRejectedWriteOffReturnsToTheQueueWithTheReason() {
      f.run();
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);
      long correctionId = f.queue.writeOff(receipt.id(), "alice", "customer insolvent");

      f.corrections.reject(correctionId, "carol", "insolvency not confirmed yet");
      f.run();

      ExceptionRow back =
          f.open().stream()
              .filter(r -> receipt.itemId().equals(r.itemId()))
              .findFirst()
              .orElseThrow();
      assertThat(back.type()).isEqualTo(ExceptionType.CORRECTION_REJECTED);
      assertThat(back.reason()).contains("rejected by carol: insolvency not confirmed yet");
      assertThat(back.correctionId()).isEqualTo(correctionId);
      // Once the insolvency is confirmed, the item can be written off again.
      long again = f.queue.writeOff(back.id(), "alice", "insolvency confirmed");
      assertThat(again).isNotEqualTo(correctionId);
      assertThat(f.corrections.show(again).itemIds()).containsExactly(receipt.itemId());
    }

    @Test
    void aBankLineWhoseChargeEntryAwaitsApprovalIsNotWrittenOffAsWell() {
      f.run();
      f.corrections.proposeAll("recon");
      ExceptionRow fee = f.openOf("BANK", -12_50);
      long charge = chargeOf(fee.itemId()).id();

      assertThatThrownBy(() -> f.queue.writeOff(fee.id(), "alice", "small amount"))
          .hasMessageContaining(
              "is booked already by correction #" + charge + " (bank charge, proposed)");
      assertThat(f.queue.show(fee.id(), AS_OF).exception().status())
          .isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void aRejectedBankChargeIsWrittenOffOnceAndInTheBankLinesDirection() {
      f.run();
      f.corrections.proposeAll("recon");
      ExceptionRow unmatched = f.openOf("BANK", -12_50);
      long charge = chargeOf(unmatched.itemId()).id();
      f.corrections.reject(charge, "carol", "not ours");
      ExceptionRow rejected =
          f.open().stream()
              .filter(r -> r.type() == ExceptionType.CORRECTION_REJECTED)
              .findFirst()
              .orElseThrow();

      long writeOff = f.queue.writeOff(rejected.id(), "alice", "bank will not refund it");

      // The bank took 12.50 the books lack: it is written off out of the bank's account.
      assertThat(rejected.amountMinor()).isEqualTo(-12_50L);
      CorrectionEntry entry = f.corrections.show(writeOff);
      assertThat(entry.lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("6895", 12_50L, 0L),
              org.assertj.core.groups.Tuple.tuple("OPS", 0L, 12_50L));
      assertThat(entry.itemIds()).containsExactly(unmatched.itemId());
      assertThatThrownBy(() -> f.queue.writeOff(unmatched.id(), "alice", "twice"))
          .hasMessage(
              "item #"
                  + unmatched.itemId()
                  + " is booked already by correction #"
                  + writeOff
                  + " (write-off, proposed); approve or reject that correction instead of writing"
                  + " the item off as well");
      assertThat(f.queue.show(unmatched.id(), AS_OF).exception().status())
          .isEqualTo(ExceptionStatus.OPEN);
      // Approving the one write-off closes the item's own exception too.
      f.corrections.approve(writeOff, "carol");
      f.run();
      assertThat(f.open()).extracting(ExceptionRow::itemId).doesNotContain(unmatched.itemId());
    }

    @Test
    void aClosedExceptionRefusesFurtherActions() {
      f.run();
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);
      f.queue.writeOff(receipt.id(), "alice", "customer insolvent");

      assertThatThrownBy(() -> f.queue.assign(receipt.id(), "alice", "bob"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is closed (written off");
    }

    @Test
    void bulkAssignCoversTheFilteredSetOnly() {
      f.run();
      BulkResult result =
          f.queue.bulk(
              ExceptionFilter.parse(List.of("side=bank")),
              new BulkAction.Assign("bob"),
              "alice",
              AS_OF);

      assertThat(result.done()).hasSize(2);
      assertThat(result.refused()).isEmpty();
      assertThat(f.open())
          .filteredOn(r -> "bob".equals(r.assignee()))
          .extracting(ExceptionRow::side)
          .containsOnly("BANK");
      assertThat(f.audits("EXCEPTION_ASSIGNED")).isEqualTo(2);
    }
  }

  private long proposedCount() {
    return f.corrections.list(List.of("PROPOSED"), 0, 1).total();
  }

  private CorrectionEntry chargeOf(long itemId) {
    return f.corrections.list(List.of(), 0, 100).rows().stream()
        .filter(c -> c.kind() == CorrectionKind.BANK_CHARGE && c.itemIds().contains(itemId))
        .findFirst()
        .orElseThrow();
  }

  @Nested
  class BulkWriteOff {
    @Test
    void writesOffEachFilteredExceptionWithItsOwnEntryAndListsTheRefused() {
      f.run();
      ExceptionRow receipt = f.openOf("LEDGER", 6400_00);
      f.queue.writeOff(receipt.id(), "alice", "customer insolvent");
      long pending = proposedCount();

      BulkResult result =
          f.queue.bulk(
              ExceptionFilter.parse(List.of("status=all", "side=ledger")),
              new BulkAction.WriteOff("older than the audit threshold"),
              "alice",
              AS_OF);

      // The receipt written off before is closed: refused with why, the other one written off.
      assertThat(result.done()).hasSize(1);
      assertThat(result.refused())
          .singleElement()
          .asString()
          .startsWith("exception #" + receipt.id() + ": ")
          .contains("is closed (written off");
      assertThat(f.open()).extracting(ExceptionRow::side).doesNotContain("LEDGER");
      assertThat(proposedCount()).isEqualTo(pending + 1);
      CorrectionEntry entry = f.corrections.list(List.of("PROPOSED"), 0, 1).rows().get(0);
      assertThat(entry.kind()).isEqualTo(CorrectionKind.WRITE_OFF);
      assertThat(entry.debitsMinor()).isEqualTo(entry.creditsMinor()).isEqualTo(410_00L);
    }
  }

  @Nested
  class ManualMatching {
    @Test
    void balancedItemsMatchAndCloseTheirExceptions() {
      f.run();
      long bank = f.unmatched("BANK", 410_00).id();
      long ledger = f.unmatched("LEDGER", 410_00).id();

      ManualMatchResult result =
          f.queue.manualMatch("alice", Set.of(bank, ledger), "confirmed", false);

      assertThat(result.differenceMinor()).isZero();
      assertThat(result.correctionId()).isNull();
      assertThat(f.open()).extracting(ExceptionRow::itemId).doesNotContain(bank, ledger);
    }

    @Test
    void eachExceptionAManualMatchClosesShowsItInItsHistoryAndTheMatchIsAuditedBeforeAndAfter() {
      f.run();
      ExceptionRow bank = f.openOf("BANK", 410_00);
      ExceptionRow ledger = f.openOf("LEDGER", 410_00);

      long group =
          f.queue
              .manualMatch("alice", Set.of(bank.itemId(), ledger.itemId()), "confirmed", false)
              .groupId();

      for (ExceptionRow closed : List.of(bank, ledger)) {
        assertThat(f.queue.show(closed.id(), AS_OF).history())
            .filteredOn(h -> h.action().equals("EXCEPTION_MATCHED"))
            .singleElement()
            .satisfies(
                h -> {
                  assertThat(h.actor()).isEqualTo("alice");
                  assertThat(h.detail())
                      .startsWith("before: status=OPEN")
                      .contains("after: status=RESOLVED");
                });
      }
      String matchAudit =
          database
              .inTransaction(tx -> tx.audit().forEntity("match_group", group, 10))
              .get(0)
              .detail();
      assertThat(matchAudit)
          .contains("before: items [" + Math.min(bank.itemId(), ledger.itemId()))
          .contains("unmatched, exceptions [")
          .contains("after: ACCEPTED group #" + group + " (Manual match) by alice");
    }

    @Test
    void aDifferenceWithinTheToleranceIsProposedAsARoundingCorrection() {
      f.bank("bank2.csv", "11.11.2026;11.11.2026;;6.399,40;EUR;Nordwind;paid\n");
      f.run();
      long bank = f.unmatched("BANK", 6399_40).id();
      long ledger = f.unmatched("LEDGER", 6400_00).id();

      MatchPreview preview = f.queue.previewMatch(Set.of(bank, ledger));
      ManualMatchResult result = f.queue.manualMatch("alice", Set.of(bank, ledger), null, false);

      assertThat(Math.abs(preview.differenceMinor())).isEqualTo(60);
      assertThat(preview.toleranceMinor()).isEqualTo(100);
      assertThat(preview.withinTolerance()).isTrue();
      CorrectionEntry entry = f.corrections.show(result.correctionId());
      assertThat(entry.kind()).isEqualTo(CorrectionKind.ROUNDING);
      assertThat(entry.status()).isEqualTo("PROPOSED");
      assertThat(entry.lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("6890", 60L, 0L),
              org.assertj.core.groups.Tuple.tuple("OPS", 0L, 60L));
    }

    @Test
    void aLargerDifferenceIsRefusedUnlessItIsBooked() {
      f.bank("bank2.csv", "11.11.2026;11.11.2026;;6.000,00;EUR;Nordwind;part payment\n");
      f.run();
      Set<Long> ids =
          Set.of(f.unmatched("BANK", 6000_00).id(), f.unmatched("LEDGER", 6400_00).id());

      assertThatThrownBy(() -> f.queue.manualMatch("alice", ids, null, false))
          .hasMessageContaining("differ by 400.00 EUR, more than the 1.00 EUR tolerated");
      ManualMatchResult booked = f.queue.manualMatch("alice", ids, "discount agreed", true);

      CorrectionEntry entry = f.corrections.show(booked.correctionId());
      assertThat(entry.kind()).isEqualTo(CorrectionKind.MATCH_DIFFERENCE);
      assertThat(entry.debitsMinor()).isEqualTo(entry.creditsMinor()).isEqualTo(400_00L);
    }
  }

  @Nested
  class Unmatching {
    @Test
    void itemsOfAnUndoneGroupReturnToTheQueueAndRunsDoNotRemakeIt() {
      f.bank("bank2.csv", "21.09.2026;21.09.2026;;6.400,00;EUR;Nordwind;INV-2026-1010\n");
      f.run();
      long groupId =
          database.inTransaction(
              tx ->
                  tx.matches()
                      .groupsHolding(List.of(f.itemId("LEDGER", 6400_00)), "ACCEPTED")
                      .get(0)
                      .id());

      List<Long> reopened =
          f.queue.unmatch(groupId, "alice", "wrong customer").reopenedExceptions();
      f.run();

      assertThat(reopened).hasSize(2);
      assertThat(f.open())
          .filteredOn(r -> r.amountMinor() == 6400_00L)
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.reason()).contains("unmatched by alice: wrong customer"));
      assertThat(f.audits("MATCH_UNDONE")).isEqualTo(1);
    }

    private long acceptedGroupOf(long itemId) {
      return database.inTransaction(
          tx -> tx.matches().groupsHolding(List.of(itemId), "ACCEPTED").get(0).id());
    }

    @Test
    void undoingAGroupProposesAnEntryReversingTheCorrectionItPosted() {
      // 0.60 short: the tolerant rule matches it and its rounding entry posts automatically.
      f.bank("bank2.csv", "21.09.2026;21.09.2026;;6.399,40;EUR;Nordwind;INV-2026-1010\n");
      f.run();
      long groupId = acceptedGroupOf(f.itemId("LEDGER", 6400_00));
      CorrectionEntry posted =
          f.corrections.proposeAll("recon").proposed().stream()
              .filter(c -> c.kind() == CorrectionKind.ROUNDING)
              .findFirst()
              .orElseThrow();
      assertThat(posted.status()).isEqualTo("APPROVED");

      UnmatchResult result = f.queue.unmatch(groupId, "alice", "wrong customer");

      assertThat(result.reopenedExceptions()).hasSize(2);
      assertThat(result.reversalCorrections()).hasSize(1);
      CorrectionEntry reversal = f.corrections.show(result.reversalCorrections().get(0));
      assertThat(reversal.status()).isEqualTo("PROPOSED");
      assertThat(reversal.description())
          .startsWith("Reversal of correction #" + posted.id())
          .endsWith("group #" + groupId + " unmatched by alice: wrong customer");
      assertThat(reversal.lines())
          .extracting(JournalLine::account, JournalLine::debitMinor, JournalLine::creditMinor)
          .containsExactly(
              posted.lines().stream()
                  .map(
                      l ->
                          org.assertj.core.groups.Tuple.tuple(
                              l.account(), l.creditMinor(), l.debitMinor()))
                  .toArray(org.assertj.core.groups.Tuple[]::new));
    }

    @Test
    void aGroupWhoseCorrectionAwaitsApprovalIsUndoneOnlyOnceThatIsRejected() {
      f.bank("bank2.csv", "11.11.2026;11.11.2026;;6.000,00;EUR;Nordwind;part payment\n");
      f.run();
      ManualMatchResult booked =
          f.queue.manualMatch(
              "alice",
              Set.of(f.unmatched("BANK", 6000_00).id(), f.unmatched("LEDGER", 6400_00).id()),
              "discount agreed",
              true);
      long correction = booked.correctionId();

      assertThatThrownBy(() -> f.queue.unmatch(booked.groupId(), "alice", "no discount"))
          .hasMessageStartingWith("group #" + booked.groupId() + " has correction #" + correction)
          .hasMessageEndingWith(
              "waiting for approval; an approver rejects it first (recon corrections reject "
                  + correction
                  + " --reason TEXT), then the group can be unmatched");
      assertThat(acceptedGroupOf(f.itemId("LEDGER", 6400_00))).isEqualTo(booked.groupId());

      f.corrections.reject(correction, "carol", "no discount was agreed");
      UnmatchResult result = f.queue.unmatch(booked.groupId(), "alice", "no discount");

      assertThat(result.reversalCorrections()).isEmpty();
      assertThat(f.open()).extracting(ExceptionRow::amountMinor).contains(6000_00L, 6400_00L);
    }
  }
}
