package dev.recon.corrections;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A correction entry as people see it: a balanced journal with its state in the maker-checker flow.
 *
 * @param status PROPOSED, APPROVED (posted) or REJECTED
 * @param authors everyone who prepared or edited it; none of them may approve it
 * @param decidedBy the approver or rejecter, or {@code rule:NAME} when it posted automatically
 * @param exceptionId the exception it came from (a write-off) or that its rejection opened
 */
public record CorrectionEntry(
    long id,
    String idempotencyKey,
    CorrectionKind kind,
    String status,
    String currency,
    long amountMinor,
    LocalDate bookingDate,
    String description,
    List<JournalLine> lines,
    List<Long> itemIds,
    Long matchGroupId,
    String ruleName,
    String proposedBy,
    OffsetDateTime proposedAt,
    List<String> authors,
    String decidedBy,
    OffsetDateTime decidedAt,
    String decisionReason,
    OffsetDateTime exportedAt,
    Long exportBatch,
    Long exceptionId) {

  public long debitsMinor() {
    return lines.stream().mapToLong(JournalLine::debitMinor).sum();
  }

  public long creditsMinor() {
    return lines.stream().mapToLong(JournalLine::creditMinor).sum();
  }
}
