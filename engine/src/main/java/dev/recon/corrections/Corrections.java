package dev.recon.corrections;

import dev.recon.access.Permissions;
import dev.recon.access.Role;
import dev.recon.facts.Item;
import dev.recon.money.Money;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.CorrectionStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.MatchStore.StoredGroup;
import dev.recon.persistence.Page;
import dev.recon.persistence.Transaction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Correction entries and their maker-checker flow. Recon proposes balanced journals for what
 * matching found (a payout's gateway fees, a difference a rule tolerated or a person booked, a bank
 * charge or interest the ledger lacks) and for write-offs; each has an idempotency key, so it is
 * proposed once whatever happens later. A proposal posts (APPROVED) only when someone other than
 * everyone who prepared or edited it approves it, with the approver role if that person is a user;
 * below the chart's {@code autopost.below} amount, one from a group a rule accepted automatically
 * posts at once. A rejected proposal goes back to the exception queue with the reason. Approved
 * entries are exported once each. Every step is in the audit log with who, when, and the entry
 * before and after.
 */
public final class Corrections {
  private final Database database;
  private final Clock clock;
  private final ChartOfAccounts chart;

  public Corrections(Database database, Clock clock, ChartOfAccounts chart) {
    this.database = database;
    this.clock = clock;
    this.chart = chart;
  }

  public ChartOfAccounts chart() {
    return chart;
  }

  /**
   * What a proposal pass did.
   *
   * @param proposed the corrections it proposed (new ones only)
   * @param autoPosted how many of them posted without approval
   */
  public record ProposalRun(List<CorrectionEntry> proposed, int autoPosted) {}

  /** Proposes every correction the stored matches and unmatched bank lines call for. */
  public ProposalRun proposeAll(String actor) {
    return database.inTransaction(tx -> proposeAll(tx, actor));
  }

  /** As {@link #proposeAll(String)}, in the caller's transaction (a close run's step). */
  public ProposalRun proposeAll(Transaction tx, String actor) {
    List<Journal> journals = new ArrayList<>();
    for (StoredGroup group : tx.matches().acceptedWithFees()) {
      Journals.gatewayFee(group, tx.items().byIds(group.itemIds()), chart).ifPresent(journals::add);
    }
    for (StoredGroup group : tx.matches().acceptedWithDifference()) {
      CorrectionKind kind =
          group.automatic() ? CorrectionKind.ROUNDING : CorrectionKind.MATCH_DIFFERENCE;
      Journals.difference(group, tx.items().byIds(group.itemIds()), kind, chart)
          .ifPresent(journals::add);
    }
    for (Item item : tx.items().unmatched()) {
      Journals.bankLine(item, chart).ifPresent(journals::add);
    }
    List<CorrectionEntry> proposed = new ArrayList<>();
    int autoPosted = 0;
    for (Journal journal : journals) {
      Optional<CorrectionEntry> entry = propose(tx, journal, actor, null);
      if (entry.isPresent()) {
        proposed.add(entry.get());
        if (CorrectionStore.APPROVED.equals(entry.get().status())) {
          autoPosted++;
        }
      }
    }
    return new ProposalRun(proposed, autoPosted);
  }

  /**
   * Proposes one journal unless its idempotency key was proposed before (then empty). It posts at
   * once when it books a group a rule accepted automatically and is below the threshold.
   */
  public Optional<CorrectionEntry> propose(
      Transaction tx, Journal journal, String actor, Long exceptionId) {
    CorrectionStore store = tx.corrections();
    if (store.exists(journal.idempotencyKey())) {
      return Optional.empty();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    long id =
        store.insert(
            new CorrectionStore.NewCorrection(
                journal.idempotencyKey(),
                journal.kind().name(),
                journal.currency(),
                truncate(journal.description(), 1000),
                journal.groupId(),
                journal.ruleName(),
                journal.bookingDate(),
                journal.amountMinor(),
                journal.lines().stream()
                    .map(
                        l ->
                            new CorrectionStore.Line(
                                l.account(),
                                l.debitMinor(),
                                l.creditMinor(),
                                truncate(l.memo(), 500)))
                    .toList(),
                journal.itemIds(),
                exceptionId),
            actor,
            now);
    CorrectionEntry entry = load(tx, id);
    audit(tx, now, actor, "CORRECTION_PROPOSED", id, null, "proposed: " + describe(entry));
    long threshold = chart.autoPostBelowMinor(journal.currency());
    if (journal.ruleName() != null && journal.amountMinor() < threshold) {
      String rule = "rule:" + journal.ruleName();
      String reason =
          "below the automatic posting threshold of "
              + Money.ofMinor(threshold, journal.currency())
              + " and from a group the rule accepted automatically";
      store.decide(id, CorrectionStore.APPROVED, rule, now, reason);
      settleItems(tx, entry, id, rule, now);
      audit(
          tx,
          now,
          rule,
          "CORRECTION_AUTO_POSTED",
          id,
          null,
          "before: PROPOSED; after: APPROVED (" + reason + ")");
      entry = load(tx, id);
    }
    return Optional.of(entry);
  }

  /**
   * Proposes the write-off of an exception, in the caller's transaction. It is refused when there
   * is nothing to book (no account or a zero amount) and when the item already has a write-off,
   * bank charge or interest entry waiting or posted, whichever of its exceptions that came from: an
   * item is booked once. A rejected entry does not count, so the item can be written off later.
   */
  public CorrectionEntry proposeWriteOff(Transaction tx, WriteOff writeOff, String actor) {
    long exceptionId = writeOff.exceptionId();
    if (writeOff.account() == null) {
      throw new IllegalArgumentException(
          "exception #"
              + exceptionId
              + " names no account to book a write-off against; resolve it with a note instead"
              + " (recon exceptions resolve "
              + exceptionId
              + " --note TEXT)");
    }
    if (writeOff.amountMinor() == 0) {
      throw new IllegalArgumentException(
          "exception #"
              + exceptionId
              + " has a zero amount, so a write-off has nothing to book; resolve it with a note"
              + " instead (recon exceptions resolve "
              + exceptionId
              + " --note TEXT)");
    }
    String key =
        writeOff.itemId() == null ? "write-off:" + exceptionId : itemWriteOffKey(tx, writeOff);
    return propose(tx, Journals.writeOff(writeOff, key, chart), actor, exceptionId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "a write-off of exception #" + exceptionId + " was proposed already"));
  }

  /**
   * The key of an item's write-off: one per item and attempt, the attempt counting the rejected
   * ones, so two exceptions on one item cannot each write it off. An item whose write-off, bank
   * charge or interest entry is waiting or posted is booked already: refused.
   */
  private static String itemWriteOffKey(Transaction tx, WriteOff writeOff) {
    long itemId = writeOff.itemId();
    int rejected = 0;
    for (CorrectionStore.Stored earlier :
        tx.corrections().ofItem(itemId, CorrectionStore.ITEM_SETTLING_KINDS)) {
      if (!CorrectionStore.REJECTED.equals(earlier.status())) {
        String kind = CorrectionKind.valueOf(earlier.kind()).label();
        throw new IllegalArgumentException(
            "item #"
                + itemId
                + " is booked already by correction #"
                + earlier.id()
                + " ("
                + kind
                + ", "
                + earlier.status().toLowerCase(Locale.ROOT)
                + "); approve or reject that correction instead of writing the item off as well");
      }
      if (CorrectionKind.WRITE_OFF.name().equals(earlier.kind())) {
        rejected++;
      }
    }
    return "write-off:item:" + itemId + ":" + (rejected + 1);
  }

  /** Proposes the correction of an accepted group's difference, in the caller's transaction. */
  public Optional<CorrectionEntry> proposeDifference(
      Transaction tx, long groupId, CorrectionKind kind, String actor) {
    StoredGroup group =
        tx.matches()
            .group(groupId)
            .orElseThrow(() -> new IllegalArgumentException("there is no match group #" + groupId));
    return Journals.difference(group, tx.items().byIds(group.itemIds()), kind, chart)
        .flatMap(j -> propose(tx, j, actor, null));
  }

  /**
   * What a match group's corrections need when the group is undone, in the caller's transaction:
   * each posted one gets a reversing entry proposed for approval (never posted automatically). A
   * correction still waiting for approval refuses the undoing, since approving it afterwards would
   * book a match that no longer exists; an approver rejects it first.
   *
   * @return the reversing entries proposed
   */
  public List<CorrectionEntry> reverseGroup(
      Transaction tx, long groupId, String actor, String why) {
    List<CorrectionEntry> booked =
        tx.corrections().ofGroup(groupId).stream().map(Corrections::toEntry).toList();
    for (CorrectionEntry entry : booked) {
      if (CorrectionStore.PROPOSED.equals(entry.status())) {
        throw new IllegalArgumentException(
            "group #"
                + groupId
                + " has correction #"
                + entry.id()
                + " ("
                + entry.kind().label()
                + ", "
                + Money.ofMinor(entry.amountMinor(), entry.currency())
                + ") waiting for approval; an approver rejects it first (recon corrections reject "
                + entry.id()
                + " --reason TEXT), then the group can be unmatched");
      }
    }
    LocalDate today = LocalDate.now(clock);
    List<CorrectionEntry> reversals = new ArrayList<>();
    for (CorrectionEntry entry : booked) {
      if (CorrectionStore.APPROVED.equals(entry.status())) {
        propose(tx, Journals.reversal(entry, today, why), actor, null).ifPresent(reversals::add);
      }
    }
    return reversals;
  }

  /** A correction, in the caller's transaction. */
  public CorrectionEntry show(Transaction tx, long id) {
    return load(tx, id);
  }

  /** One page of corrections with these statuses (all when empty), newest first. */
  public Page<CorrectionEntry> list(Collection<String> statuses, int offset, int limit) {
    return database.inTransaction(
        tx -> {
          Page<CorrectionStore.Stored> page = tx.corrections().list(statuses, offset, limit);
          return new Page<>(
              page.rows().stream().map(Corrections::toEntry).toList(),
              page.offset(),
              page.limit(),
              page.total());
        });
  }

  public CorrectionEntry show(long id) {
    return database.inTransaction(tx -> load(tx, id));
  }

  /**
   * Approves (posts) a proposal. Refused for anyone who prepared or edited it, for a user whose
   * role is below approver, and for an entry that is not waiting for approval.
   */
  public CorrectionEntry approve(long id, String user) {
    return database.inTransaction(
        tx -> {
          CorrectionEntry before = waiting(tx, id);
          requireRole(tx, user, Role.APPROVER, "approve corrections");
          if (before.authors().contains(user)) {
            throw new IllegalArgumentException(
                "correction #"
                    + id
                    + " was prepared or edited by "
                    + user
                    + ", who may not approve it; another approver must");
          }
          OffsetDateTime now = OffsetDateTime.now(clock);
          tx.corrections().decide(id, CorrectionStore.APPROVED, user, now, null);
          settleItems(tx, before, id, user, now);
          CorrectionEntry after = load(tx, id);
          audit(
              tx,
              now,
              user,
              "CORRECTION_APPROVED",
              id,
              null,
              "before: PROPOSED; after: APPROVED " + describe(after));
          return after;
        });
  }

  /** Rejects a proposal with a reason; it returns to the exception queue with that reason. */
  public CorrectionEntry reject(long id, String user, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "say why the correction is rejected (a reason is required)");
    }
    return database.inTransaction(
        tx -> {
          CorrectionEntry before = waiting(tx, id);
          requireRole(tx, user, Role.APPROVER, "reject corrections");
          OffsetDateTime now = OffsetDateTime.now(clock);
          tx.corrections().decide(id, CorrectionStore.REJECTED, user, now, truncate(reason, 1000));
          long exceptionId = reopen(tx, before, user, reason, now);
          tx.corrections().setExceptionId(id, exceptionId);
          CorrectionEntry after = load(tx, id);
          audit(
              tx,
              now,
              user,
              "CORRECTION_REJECTED",
              id,
              null,
              "before: PROPOSED; after: REJECTED ("
                  + reason
                  + "); exception #"
                  + exceptionId
                  + " opened");
          return after;
        });
  }

  /**
   * Replaces a proposal's lines and description; the editor joins its authors, so may no longer
   * approve it. The lines must balance.
   */
  public CorrectionEntry edit(long id, String user, List<JournalLine> lines, String description) {
    return database.inTransaction(
        tx -> {
          CorrectionEntry before = waiting(tx, id);
          requireRole(tx, user, Role.PREPARER, "edit corrections");
          Journal checked =
              new Journal(
                  before.idempotencyKey(),
                  before.kind(),
                  before.currency(),
                  before.bookingDate(),
                  description == null || description.isBlank() ? before.description() : description,
                  lines,
                  before.itemIds(),
                  before.matchGroupId(),
                  before.ruleName());
          tx.corrections()
              .replaceLines(
                  id,
                  checked.lines().stream()
                      .map(
                          l ->
                              new CorrectionStore.Line(
                                  l.account(), l.debitMinor(), l.creditMinor(), l.memo()))
                      .toList(),
                  checked.amountMinor(),
                  truncate(checked.description(), 1000),
                  user);
          OffsetDateTime now = OffsetDateTime.now(clock);
          CorrectionEntry after = load(tx, id);
          audit(
              tx,
              now,
              user,
              "CORRECTION_EDITED",
              id,
              null,
              "before: " + describe(before) + "; after: " + describe(after));
          return after;
        });
  }

  /**
   * Exports the approved corrections not exported before, marking them exported in the same
   * transaction, so the next export holds only newer ones. Nothing new gives an empty file and no
   * batch number.
   */
  public ExportFile export(String user, JournalExport.Format format) {
    return database.inTransaction(
        tx -> {
          requireRole(tx, user, Role.PREPARER, "export corrections");
          List<CorrectionEntry> entries =
              tx.corrections().approvedNotExported().stream().map(Corrections::toEntry).toList();
          byte[] content =
              format == JournalExport.Format.CSV
                  ? JournalExport.csv(entries)
                  : JournalExport.xlsx(entries);
          int lines = entries.stream().mapToInt(e -> e.lines().size()).sum();
          if (entries.isEmpty()) {
            return new ExportFile(
                0,
                "corrections-none." + format.extension(),
                format.contentType(),
                content,
                List.of(),
                0);
          }
          long batch = tx.corrections().nextExportBatch();
          OffsetDateTime now = OffsetDateTime.now(clock);
          List<Long> ids = entries.stream().map(CorrectionEntry::id).toList();
          tx.corrections().markExported(ids, batch, now);
          audit(
              tx,
              now,
              user,
              "CORRECTIONS_EXPORTED",
              batch,
              "correction_export",
              "export batch "
                  + batch
                  + " ("
                  + format.extension()
                  + "): corrections "
                  + ids
                  + ", "
                  + lines
                  + " lines");
          return new ExportFile(
              batch,
              "corrections-" + batch + "." + format.extension(),
              format.contentType(),
              content,
              ids,
              lines);
        });
  }

  /** The entry, which must be waiting for a decision. */
  private static CorrectionEntry waiting(Transaction tx, long id) {
    CorrectionEntry entry = load(tx, id);
    if (!CorrectionStore.PROPOSED.equals(entry.status())) {
      throw new IllegalArgumentException(
          "correction #"
              + id
              + " is "
              + entry.status().toLowerCase(Locale.ROOT)
              + (entry.decidedBy() == null ? "" : " (by " + entry.decidedBy() + ")")
              + ", not waiting for a decision");
    }
    return entry;
  }

  static void requireRole(Transaction tx, String user, Role role, String what) {
    Permissions.require(tx, user, role, what);
  }

  /** Approved kinds that book their items close those items' exceptions. */
  private static void settleItems(
      Transaction tx, CorrectionEntry entry, long id, String by, OffsetDateTime now) {
    if (!CorrectionStore.ITEM_SETTLING_KINDS.contains(entry.kind().name())) {
      return;
    }
    for (long itemId : entry.itemIds()) {
      tx.exceptions()
          .openOfItem(itemId)
          .ifPresent(
              e ->
                  tx.exceptions()
                      .resolve(
                          e.id(), null, now, "booked by correction #" + id + " approved by " + by));
    }
  }

  /** Opens the exception a rejected correction returns to the queue as. */
  private static long reopen(
      Transaction tx, CorrectionEntry entry, String user, String reason, OffsetDateTime now) {
    Long itemId = null;
    String side = null;
    String account = null;
    // The correction's total is unsigned; an exception about one item carries the item's signed
    // amount, as every other exception on an item does, so a write-off of it books the right way.
    long amountMinor = entry.amountMinor();
    if (entry.itemIds().size() == 1) {
      long only = entry.itemIds().get(0);
      if (tx.exceptions().openOfItem(only).isEmpty()) {
        itemId = only;
      }
      Item item = tx.items().byIds(List.of(only)).get(0);
      side = item.fact().side().name();
      account = item.fact().account();
      amountMinor = item.fact().amount().minor();
    }
    String text =
        "correction #"
            + entry.id()
            + " ("
            + entry.kind().label()
            + ", "
            + Money.ofMinor(entry.amountMinor(), entry.currency())
            + ") rejected by "
            + user
            + ": "
            + reason;
    long exceptionId =
        tx.exceptions()
            .open(
                new ExceptionStore.NewException(
                    itemId,
                    ExceptionStore.CORRECTION_REJECTED,
                    text,
                    entry.currency(),
                    amountMinor,
                    side,
                    account,
                    null,
                    null,
                    entry.bookingDate(),
                    entry.matchGroupId(),
                    entry.id()),
                null,
                now);
    audit(tx, now, user, "EXCEPTION_OPENED", exceptionId, "exception_item", text);
    return exceptionId;
  }

  static CorrectionEntry load(Transaction tx, long id) {
    return tx.corrections()
        .find(id)
        .map(Corrections::toEntry)
        .orElseThrow(() -> new IllegalArgumentException("there is no correction #" + id));
  }

  private static CorrectionEntry toEntry(CorrectionStore.Stored s) {
    return new CorrectionEntry(
        s.id(),
        s.idempotencyKey(),
        CorrectionKind.valueOf(s.kind()),
        s.status(),
        s.currency(),
        s.amountMinor(),
        s.bookingDate(),
        s.description(),
        s.lines().stream()
            .map(l -> new JournalLine(l.accountCode(), l.debitMinor(), l.creditMinor(), l.memo()))
            .toList(),
        s.itemIds(),
        s.matchGroupId(),
        s.ruleName(),
        s.proposedBy(),
        s.proposedAt(),
        s.authors(),
        s.decidedBy(),
        s.decidedAt(),
        s.decisionReason(),
        s.exportedAt(),
        s.exportBatch(),
        s.exceptionId());
  }

  /** An entry in one line: kind, amount, and its lines. */
  static String describe(CorrectionEntry e) {
    StringBuilder text =
        new StringBuilder()
            .append(e.kind().name())
            .append(' ')
            .append(Money.ofMinor(e.amountMinor(), e.currency()))
            .append(" [");
    for (int i = 0; i < e.lines().size(); i++) {
      JournalLine line = e.lines().get(i);
      if (i > 0) {
        text.append("; ");
      }
      text.append(line.debitMinor() > 0 ? "Dr " : "Cr ")
          .append(line.account())
          .append(' ')
          .append(
              Money.ofMinor(line.debitMinor() + line.creditMinor(), e.currency())
                  .toDecimal()
                  .toPlainString());
    }
    return text.append("] ").append(e.description()).toString();
  }

  private static void audit(
      Transaction tx,
      OffsetDateTime at,
      String actor,
      String action,
      long id,
      String entity,
      String detail) {
    tx.audit()
        .append(
            new AuditStore.Entry(
                at,
                actor,
                action,
                entity == null ? "correction" : entity,
                id,
                null,
                truncate(detail, 4000)));
  }

  private static String truncate(String text, int max) {
    if (text == null) {
      return null;
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
