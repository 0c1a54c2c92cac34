package dev.recon.exceptions;

import dev.recon.access.Permissions;
import dev.recon.access.Role;
import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.CorrectionKind;
import dev.recon.corrections.Corrections;
import dev.recon.corrections.WriteOff;
import dev.recon.facts.Aging;
import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import dev.recon.matching.ManualMatcher;
import dev.recon.money.Money;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.MatchStore;
import dev.recon.persistence.MatchStore.StoredGroup;
import dev.recon.persistence.Page;
import dev.recon.persistence.Transaction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exception queue as people work it: list (filtered, sorted, a page at a time, from indexes),
 * show, comment, assign, review, manual match, unmatch, accept or reject a suggestion, mark an
 * expected timing difference, write off, resolve, and any of these in bulk over a filtered set.
 * Every method takes the acting person's name; a person in the users table needs the preparer role
 * to act (viewers only read). Every action is in the audit log with who, when, before and after.
 */
public final class ExceptionQueue {
  /** The longest page a list returns. */
  public static final int PAGE_SIZE_MAX = 500;

  /** The most exceptions one bulk action covers; a larger set is refused, to be narrowed. */
  public static final int BULK_SIZE_MAX = 10_000;

  private static final int HISTORY_EVENTS_MAX = 200;
  private static final int COMMENT_LENGTH_MAX = 4000;

  private final Database database;
  private final Clock clock;
  private final Corrections corrections;

  public ExceptionQueue(Database database, Clock clock, Corrections corrections) {
    this.database = database;
    this.clock = clock;
    this.corrections = corrections;
  }

  /** Today, by the queue's clock: the default as-of date for ages. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  // ---------------------------------------------------------------- reading

  /** One page of the exceptions the filter selects, in the sort's order, aged as of a day. */
  public Page<ExceptionRow> list(
      ExceptionFilter filter, ExceptionSort sort, int offset, int limit, LocalDate asOf) {
    if (offset < 0 || limit < 1 || limit > PAGE_SIZE_MAX) {
      throw new IllegalArgumentException(
          "a page starts at 0 or later and holds 1 to " + PAGE_SIZE_MAX + " exceptions");
    }
    ExceptionStore.Query query = query(filter, sort, asOf);
    return database.inTransaction(
        tx -> {
          Page<ExceptionStore.Row> page = tx.exceptions().query(query, offset, limit);
          return new Page<>(
              page.rows().stream().map(r -> toRow(r, asOf)).toList(),
              page.offset(),
              page.limit(),
              page.total());
        });
  }

  public ExceptionDetail show(long id, LocalDate asOf) {
    return database.inTransaction(
        tx -> {
          ExceptionStore.Row row = find(tx, id);
          Item item = row.itemId() == null ? null : tx.items().byIds(List.of(row.itemId())).get(0);
          List<ExceptionDetail.Comment> comments =
              tx.exceptions().comments(id).stream()
                  .map(c -> new ExceptionDetail.Comment(c.id(), c.author(), c.at(), c.body()))
                  .toList();
          List<ExceptionDetail.HistoryEntry> history =
              tx.audit().forEntity(ENTITY, id, HISTORY_EVENTS_MAX).stream()
                  .map(
                      e ->
                          new ExceptionDetail.HistoryEntry(
                              e.at(), e.actor(), e.action(), e.detail()))
                  .toList();
          ExceptionDetail.Suggestion suggestion = null;
          if (row.groupId() != null) {
            Optional<StoredGroup> group = tx.matches().group(row.groupId());
            if (group.isPresent()) {
              StoredGroup g = group.get();
              suggestion =
                  new ExceptionDetail.Suggestion(
                      g.id(),
                      g.ruleName(),
                      g.status(),
                      g.explanation(),
                      g.differenceMinor(),
                      tx.items().byIds(g.itemIds()));
            }
          }
          CorrectionEntry correction =
              row.correctionId() == null ? null : corrections.show(tx, row.correctionId());
          return new ExceptionDetail(
              toRow(row, asOf), item, comments, history, suggestion, correction);
        });
  }

  // ---------------------------------------------------------------- working one exception

  public ExceptionDetail.Comment comment(long id, String user, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a comment needs some text");
    }
    if (text.length() > COMMENT_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "a comment holds at most "
              + COMMENT_LENGTH_MAX
              + " characters; this one has "
              + text.length());
    }
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          find(tx, id);
          OffsetDateTime now = now();
          long commentId = tx.exceptions().addComment(id, user, now, text);
          audit(tx, now, user, "EXCEPTION_COMMENTED", id, text);
          return new ExceptionDetail.Comment(commentId, user, now, text);
        });
  }

  /**
   * Gives an open exception to someone (status ASSIGNED); a blank assignee hands it back (OPEN).
   */
  public ExceptionRow assign(long id, String user, String assignee) {
    return act(
        id,
        user,
        (tx, row, now) -> {
          boolean none = assignee == null || assignee.isBlank();
          // As with who acts: once there are users, work goes to one of them, not to a typo.
          if (!none && tx.users().any() && tx.users().find(assignee.strip()).isEmpty()) {
            throw new IllegalArgumentException(
                assignee.strip()
                    + " is not a Recon user; assign the exception to one (recon users list"
                    + " shows them)");
          }
          String status = none ? ExceptionStore.OPEN : ExceptionStore.ASSIGNED;
          tx.exceptions().assign(id, none ? null : assignee.strip(), status, now);
          return "EXCEPTION_ASSIGNED";
        });
  }

  /** Marks an open exception as being reviewed (IN_REVIEW), keeping its assignee. */
  public ExceptionRow startReview(long id, String user) {
    return act(
        id,
        user,
        (tx, row, now) -> {
          tx.exceptions().assign(id, row.assignee(), ExceptionStore.IN_REVIEW, now);
          return "EXCEPTION_IN_REVIEW";
        });
  }

  /**
   * Marks an expected timing difference: the item is expected to match later (a payment in
   * transit), so the exception stays open with a date to look at it again.
   */
  public ExceptionRow markTiming(long id, String user, LocalDate revisitOn, String note) {
    if (revisitOn == null) {
      throw new IllegalArgumentException("a timing difference needs the date to revisit it");
    }
    return act(
        id,
        user,
        (tx, row, now) -> {
          tx.exceptions().revisitOn(id, revisitOn, now);
          if (note != null && !note.isBlank()) {
            tx.exceptions().addComment(id, user, now, "Timing difference: " + note);
          }
          return "EXCEPTION_TIMING";
        });
  }

  /**
   * Writes an exception off with a reason: it closes as WRITTEN_OFF, runs no longer reopen it, and
   * a WRITE_OFF correction is proposed for approval (rejecting that returns it to the queue). It is
   * refused when nothing can be booked (no account, a zero amount) and when the item is booked
   * already (a write-off, bank charge or interest entry waiting or posted), whichever of its
   * exceptions asked.
   *
   * @return the proposed correction's id
   */
  public long writeOff(long id, String user, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "say why the exception is written off (a reason is required)");
    }
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          ExceptionStore.Row row = requireOpen(find(tx, id));
          OffsetDateTime now = now();
          tx.exceptions()
              .close(
                  id,
                  ExceptionStore.WRITTEN_OFF,
                  null,
                  now,
                  "written off by " + user + ": " + reason);
          CorrectionEntry proposed =
              corrections.proposeWriteOff(
                  tx,
                  new WriteOff(
                      row.id(),
                      itemOf(tx, row),
                      row.side(),
                      row.account(),
                      row.currency(),
                      row.amountMinor(),
                      row.agingDate(),
                      reason),
                  user);
          auditChange(
              tx,
              now,
              user,
              "EXCEPTION_WRITTEN_OFF",
              row,
              find(tx, id),
              "reason: " + reason + "; correction #" + proposed.id() + " proposed");
          return proposed.id();
        });
  }

  /**
   * The item an exception is about: its own, or the one item of the rejected correction it returned
   * to the queue as (that exception carries no item while the item's own one is open).
   */
  private Long itemOf(Transaction tx, ExceptionStore.Row row) {
    if (row.itemId() != null || row.correctionId() == null) {
      return row.itemId();
    }
    List<Long> items = corrections.show(tx, row.correctionId()).itemIds();
    return items.size() == 1 ? items.get(0) : null;
  }

  /**
   * Closes an exception that no match can close (a statement break, a rejected correction) once a
   * person has dealt with it. An unmatched item is closed by matching or writing it off instead,
   * unless its amount is zero (nothing to match or write off).
   */
  public ExceptionRow resolve(long id, String user, String note) {
    if (note == null || note.isBlank()) {
      throw new IllegalArgumentException("say how the exception was resolved (a note is required)");
    }
    return act(
        id,
        user,
        (tx, row, now) -> {
          if (row.itemId() != null
              && row.amountMinor() != 0
              && !ExceptionStore.CORRECTION_REJECTED.equals(row.type())) {
            throw new IllegalArgumentException(
                "exception #"
                    + id
                    + " is about item #"
                    + row.itemId()
                    + ": match it (recon match-manual) or write it off");
          }
          tx.exceptions()
              .close(id, ExceptionStore.RESOLVED, null, now, "resolved by " + user + ": " + note);
          return "EXCEPTION_RESOLVED";
        });
  }

  // ---------------------------------------------------------------- matching by hand

  /** The sums a manual match of these items would have, without making it. */
  public MatchPreview previewMatch(Set<Long> itemIds) {
    return database.inTransaction(
        tx -> {
          List<Item> items = tx.items().byIds(new TreeSet<>(itemIds));
          Map<String, long[]> sides = new LinkedHashMap<>();
          for (Item item : items) {
            long[] sum = sides.computeIfAbsent(item.fact().side().label(), s -> new long[2]);
            sum[0]++;
            sum[1] = Math.addExact(sum[1], item.fact().amount().minor());
          }
          List<MatchPreview.SideSum> sums = new ArrayList<>();
          sides.forEach((side, s) -> sums.add(new MatchPreview.SideSum(side, (int) s[0], s[1])));
          String problem = previewProblem(items, itemIds);
          if (problem != null) {
            return new MatchPreview(
                sums,
                items.isEmpty() ? null : items.get(0).fact().currencyCode(),
                0,
                0,
                false,
                problem);
          }
          String currency = items.get(0).fact().currencyCode();
          long difference = ManualMatcher.differenceMinor(items);
          long tolerance = corrections.chart().manualToleranceMinor(currency);
          return new MatchPreview(
              sums, currency, difference, tolerance, Math.abs(difference) <= tolerance, null);
        });
  }

  private static String previewProblem(List<Item> items, Set<Long> asked) {
    if (items.size() != asked.size()) {
      return "some of the items do not exist";
    }
    if (items.stream().map(i -> i.fact().side()).distinct().count() < 2) {
      return "a match needs items from at least two sides";
    }
    if (items.stream().map(i -> i.fact().currencyCode()).distinct().count() > 1) {
      return "the items are in more than one currency";
    }
    return null;
  }

  /**
   * Matches items by hand. Their sides must agree within the chart's manual tolerance (the
   * difference is then proposed as an FX/rounding correction), or, with {@code bookDifference}, any
   * difference is proposed as a manual-difference correction for approval.
   */
  public ManualMatchResult manualMatch(
      String user, Set<Long> itemIds, String note, boolean bookDifference) {
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          String currency =
              tx.items().byIds(new TreeSet<>(itemIds)).stream()
                  .findFirst()
                  .map(i -> i.fact().currencyCode())
                  .orElseThrow(() -> new IllegalArgumentException("none of the items exists"));
          long tolerance = corrections.chart().manualToleranceMinor(currency);
          ManualMatcher.Result result =
              new ManualMatcher(database, clock)
                  .match(tx, user, itemIds, note, bookDifference ? Long.MAX_VALUE : tolerance);
          OffsetDateTime now = now();
          for (ExceptionStore.Row before : result.closed()) {
            auditChange(tx, now, user, MATCHED, before, find(tx, before.id()), null);
          }
          Long correctionId = null;
          if (result.differenceMinor() != 0) {
            CorrectionKind kind =
                Math.abs(result.differenceMinor()) <= tolerance
                    ? CorrectionKind.ROUNDING
                    : CorrectionKind.MATCH_DIFFERENCE;
            correctionId =
                corrections
                    .proposeDifference(tx, result.groupId(), kind, user)
                    .map(CorrectionEntry::id)
                    .orElse(null);
          }
          return new ManualMatchResult(
              result.groupId(), result.currency(), result.differenceMinor(), correctionId);
        });
  }

  /**
   * Undoes an accepted group: it becomes REVERSED (runs never make it again), its items return to
   * the queue as unmatched exceptions, and each correction it posted gets a reversing entry
   * proposed for approval. A correction of the group still waiting for approval refuses it.
   */
  public UnmatchResult unmatch(long groupId, String user, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("say why the group is unmatched (a reason is required)");
    }
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          StoredGroup group = group(tx, groupId, MatchStore.ACCEPTED, "unmatch it");
          OffsetDateTime now = now();
          List<Long> reversals =
              corrections
                  .reverseGroup(
                      tx,
                      groupId,
                      user,
                      "group #" + groupId + " unmatched by " + user + ": " + reason)
                  .stream()
                  .map(CorrectionEntry::id)
                  .toList();
          tx.matches().setStatus(groupId, MatchStore.REVERSED, user);
          String text =
              "returned to the queue: group #"
                  + groupId
                  + " ("
                  + group.ruleName()
                  + ") unmatched by "
                  + user
                  + ": "
                  + reason;
          List<Long> opened = new ArrayList<>();
          for (Item item : tx.items().byIds(group.itemIds())) {
            if (group.scope() == Scope.SALES && item.fact().side() == Side.GATEWAY) {
              continue; // reconciled by its payout, not by its sale
            }
            if (tx.exceptions().openOfItem(item.id()).isEmpty()) {
              long exceptionId =
                  tx.exceptions()
                      .open(
                          ExceptionStore.NewException.onItem(
                              item, ExceptionStore.UNMATCHED, text, null),
                          null,
                          now);
              audit(tx, now, user, "EXCEPTION_OPENED", exceptionId, text);
              opened.add(exceptionId);
            }
          }
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now,
                      user,
                      "MATCH_UNDONE",
                      "match_group",
                      groupId,
                      group.ruleSetVersion(),
                      "before: ACCEPTED by "
                          + group.decidedBy()
                          + "; after: REVERSED; reason: "
                          + reason
                          + "; items "
                          + group.itemIds()
                          + (reversals.isEmpty()
                              ? ""
                              : "; reversing corrections " + reversals + " proposed")));
          return new UnmatchResult(opened, reversals);
        });
  }

  /** Accepts a suggested group: it becomes an accepted match decided by this person. */
  public long acceptSuggestion(long groupId, String user) {
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          StoredGroup group = group(tx, groupId, MatchStore.SUGGESTED, "accept it");
          for (StoredGroup other :
              tx.matches().groupsHolding(group.itemIds(), MatchStore.ACCEPTED)) {
            if (other.scope() == group.scope()) {
              throw new IllegalArgumentException(
                  "suggestion #"
                      + groupId
                      + " holds items already matched in group #"
                      + other.id()
                      + "; unmatch that group first");
            }
          }
          OffsetDateTime now = now();
          tx.matches().setStatus(groupId, MatchStore.ACCEPTED, user);
          for (StoredGroup rival :
              tx.matches().groupsHolding(group.itemIds(), MatchStore.SUGGESTED)) {
            tx.matches().setStatus(rival.id(), MatchStore.REJECTED, user);
            tx.audit()
                .append(
                    new AuditStore.Entry(
                        now,
                        user,
                        "MATCH_SUGGESTION_SUPERSEDED",
                        "match_group",
                        rival.id(),
                        rival.ruleSetVersion(),
                        "before: SUGGESTED; after: REJECTED; suggestion #"
                            + groupId
                            + " was accepted instead"));
          }
          for (Item item : tx.items().byIds(group.itemIds())) {
            if (group.scope() == Scope.SALES && item.fact().side() == Side.GATEWAY) {
              continue;
            }
            Optional<ExceptionStore.Row> before = tx.exceptions().openOfItem(item.id());
            if (before.isPresent()) {
              long id = before.get().id();
              tx.exceptions()
                  .resolve(
                      id, null, now, "matched: suggestion #" + groupId + " accepted by " + user);
              auditChange(tx, now, user, MATCHED, before.get(), find(tx, id), null);
            }
          }
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now,
                      user,
                      "MATCH_SUGGESTION_ACCEPTED",
                      "match_group",
                      groupId,
                      group.ruleSetVersion(),
                      "before: SUGGESTED ("
                          + group.ruleName()
                          + "); after: ACCEPTED by "
                          + user
                          + "; items "
                          + group.itemIds()));
          if (group.differenceMinor() != 0) {
            corrections.proposeDifference(tx, groupId, CorrectionKind.ROUNDING, user);
          }
          return groupId;
        });
  }

  /**
   * Rejects a suggested group: runs never suggest it again, and its items' exceptions say so and
   * wait as unmatched.
   */
  public void rejectSuggestion(long groupId, String user, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "say why the suggestion is rejected (a reason is required)");
    }
    database.inTransaction(
        tx -> {
          requireActor(tx, user);
          StoredGroup group = group(tx, groupId, MatchStore.SUGGESTED, "reject it");
          OffsetDateTime now = now();
          tx.matches().setStatus(groupId, MatchStore.REJECTED, user);
          String text =
              "suggestion #"
                  + groupId
                  + " ("
                  + group.ruleName()
                  + ") rejected by "
                  + user
                  + ": "
                  + reason;
          for (ExceptionStore.Row row : tx.exceptions().openOfGroup(groupId)) {
            tx.exceptions().update(row.id(), ExceptionStore.UNMATCHED, text, null);
            audit(
                tx,
                now,
                user,
                "EXCEPTION_UPDATED",
                row.id(),
                "before: " + row.type() + "; after: UNMATCHED (" + text + ")");
          }
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now,
                      user,
                      "MATCH_SUGGESTION_REJECTED",
                      "match_group",
                      groupId,
                      group.ruleSetVersion(),
                      "before: SUGGESTED; after: REJECTED; reason: "
                          + reason
                          + "; items "
                          + group.itemIds()));
          return null;
        });
  }

  // ---------------------------------------------------------------- bulk

  /**
   * Takes one action on every exception the filter selects (at most {@link #BULK_SIZE_MAX}), each
   * in its own transaction: one that cannot take the action is listed with why, the others are
   * done.
   */
  public BulkResult bulk(ExceptionFilter filter, BulkAction action, String user, LocalDate asOf) {
    ExceptionStore.Query query = query(filter, ExceptionSort.DEFAULT, asOf);
    List<Long> ids = database.inTransaction(tx -> tx.exceptions().ids(query, BULK_SIZE_MAX + 1));
    if (ids.size() > BULK_SIZE_MAX) {
      throw new IllegalArgumentException(
          "the filter selects more than " + BULK_SIZE_MAX + " exceptions; narrow it");
    }
    List<Long> done = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (long id : ids) {
      try {
        apply(id, action, user);
        done.add(id);
      } catch (IllegalArgumentException e) {
        refused.add("exception #" + id + ": " + e.getMessage());
      }
    }
    return new BulkResult(done, refused);
  }

  private void apply(long id, BulkAction action, String user) {
    if (action instanceof BulkAction.Assign a) {
      assign(id, user, a.assignee());
    } else if (action instanceof BulkAction.StartReview) {
      startReview(id, user);
    } else if (action instanceof BulkAction.Comment c) {
      comment(id, user, c.text());
    } else if (action instanceof BulkAction.Timing t) {
      markTiming(id, user, t.revisitOn(), t.note());
    } else if (action instanceof BulkAction.WriteOff w) {
      writeOff(id, user, w.reason());
    } else {
      throw new AssertionError("unknown bulk action " + action);
    }
  }

  // ---------------------------------------------------------------- helpers

  static final String ENTITY = "exception_item";

  /** The audit action of an exception closed by a manual match or an accepted suggestion. */
  private static final String MATCHED = "EXCEPTION_MATCHED";

  private interface Change {
    /** Makes the change; returns the audit action. */
    String apply(Transaction tx, ExceptionStore.Row before, OffsetDateTime now);
  }

  /** One change to one open exception, audited with the row before and after. */
  private ExceptionRow act(long id, String user, Change change) {
    return database.inTransaction(
        tx -> {
          requireActor(tx, user);
          ExceptionStore.Row before = requireOpen(find(tx, id));
          OffsetDateTime now = now();
          String action = change.apply(tx, before, now);
          ExceptionStore.Row after = find(tx, id);
          auditChange(tx, now, user, action, before, after, null);
          return toRow(after, now.toLocalDate());
        });
  }

  private static void requireActor(Transaction tx, String user) {
    Permissions.require(tx, user, Role.PREPARER, "work exceptions");
  }

  private static ExceptionStore.Row find(Transaction tx, long id) {
    return tx.exceptions()
        .find(id)
        .orElseThrow(() -> new IllegalArgumentException("there is no exception #" + id));
  }

  private static ExceptionStore.Row requireOpen(ExceptionStore.Row row) {
    if (!row.isOpen()) {
      throw new IllegalArgumentException(
          "exception #"
              + row.id()
              + " is closed ("
              + ExceptionStatus.valueOf(row.status()).label()
              + (row.closeReason() == null ? "" : ": " + row.closeReason())
              + ")");
    }
    return row;
  }

  private static StoredGroup group(Transaction tx, long groupId, String status, String what) {
    StoredGroup group =
        tx.matches()
            .group(groupId)
            .orElseThrow(() -> new IllegalArgumentException("there is no match group #" + groupId));
    if (!group.status().equals(status)) {
      throw new IllegalArgumentException(
          "group #"
              + groupId
              + " is "
              + group.status().toLowerCase(java.util.Locale.ROOT)
              + ", not "
              + status.toLowerCase(java.util.Locale.ROOT)
              + "; cannot "
              + what);
    }
    return group;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  static ExceptionStore.Query query(ExceptionFilter f, ExceptionSort sort, LocalDate asOf) {
    ExceptionSort s = sort == null ? ExceptionSort.DEFAULT : sort;
    LocalDate from = f.bucket() == null ? null : f.bucket().earliestDate(asOf);
    LocalDate to = f.bucket() == null ? null : f.bucket().latestDate(asOf);
    return new ExceptionStore.Query(
        f.statuses().stream().map(Enum::name).sorted().toList(),
        f.types().stream().map(Enum::name).sorted().toList(),
        f.side() == null ? null : f.side().name(),
        blankToNull(f.account()),
        blankToNull(f.currency()),
        from,
        to,
        blankToNull(f.assignee()),
        f.minAmountMinor(),
        f.maxAmountMinor(),
        blankToNull(f.text()),
        f.revisitDue() ? asOf : null,
        ExceptionStore.SortKey.valueOf(s.key().name()),
        s.descending());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static ExceptionRow toRow(ExceptionStore.Row r, LocalDate asOf) {
    long age = Aging.ageDays(r.agingDate(), asOf);
    return new ExceptionRow(
        r.id(),
        r.itemId(),
        ExceptionType.valueOf(r.type()),
        r.reason(),
        ExceptionStatus.valueOf(r.status()),
        r.side(),
        r.account(),
        r.counterparty(),
        r.reference(),
        r.currency(),
        r.amountMinor(),
        r.agingDate(),
        age,
        Aging.Bucket.of(age),
        Aging.priority(r.priorityKey(), r.agingDate(), asOf),
        r.assignee(),
        r.revisitOn(),
        r.groupId(),
        r.correctionId(),
        r.openedAt(),
        r.closedAt(),
        r.closeReason());
  }

  private static void audit(
      Transaction tx, OffsetDateTime at, String user, String action, long id, String detail) {
    tx.audit().append(new AuditStore.Entry(at, user, action, ENTITY, id, null, truncate(detail)));
  }

  private static void auditChange(
      Transaction tx,
      OffsetDateTime at,
      String user,
      String action,
      ExceptionStore.Row before,
      ExceptionStore.Row after,
      String note) {
    audit(
        tx,
        at,
        user,
        action,
        before.id(),
        "before: "
            + state(before)
            + "; after: "
            + state(after)
            + (note == null ? "" : "; " + note));
  }

  private static String state(ExceptionStore.Row r) {
    return "status="
        + r.status()
        + " assignee="
        + (r.assignee() == null ? "-" : r.assignee())
        + (r.revisitOn() == null ? "" : " revisit=" + r.revisitOn())
        + " type="
        + r.type()
        + " amount="
        + Money.ofMinor(r.amountMinor(), r.currency());
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
  }
}
