package dev.recon.exceptions;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.facts.Item;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One exception with everything needed to work it: the item (file, line and what it said), the
 * reason (nearest candidates and the failed condition), its comments, its history from the audit
 * log, the suggestion it waits on, and the correction it is about.
 *
 * @param item the item, or null for an account or correction exception
 * @param suggestion the suggested group's members, or null
 * @param correction the rejected correction, or null
 */
public record ExceptionDetail(
    ExceptionRow exception,
    Item item,
    List<Comment> comments,
    List<HistoryEntry> history,
    Suggestion suggestion,
    CorrectionEntry correction) {

  public record Comment(long id, String author, OffsetDateTime at, String text) {}

  /** An audit-log event about the exception: who did what, when, before and after. */
  public record HistoryEntry(OffsetDateTime at, String actor, String action, String detail) {}

  /** A match a rule suggested: its rule, status, difference and member items. */
  public record Suggestion(
      long groupId,
      String ruleName,
      String status,
      String explanation,
      long differenceMinor,
      List<Item> members) {}
}
