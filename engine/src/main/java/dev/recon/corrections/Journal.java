package dev.recon.corrections;

import java.time.LocalDate;
import java.util.List;

/**
 * A proposed journal entry: balanced double entry in one currency. Its debits equal its credits
 * exactly, in minor units; a journal that does not balance cannot be made.
 *
 * @param idempotencyKey what it corrects, so the same correction is never proposed twice
 * @param amountMinor the total of its debits (equal to its credits)
 * @param groupId the match group it books a part of, if any
 * @param ruleName the rule whose group it books, if a rule made that group automatically
 */
public record Journal(
    String idempotencyKey,
    CorrectionKind kind,
    String currency,
    LocalDate bookingDate,
    String description,
    List<JournalLine> lines,
    List<Long> itemIds,
    Long groupId,
    String ruleName) {

  public Journal {
    lines = List.copyOf(lines);
    itemIds = List.copyOf(itemIds);
    if (lines.size() < 2) {
      throw new IllegalArgumentException("a journal entry needs at least two lines");
    }
    long debits = 0;
    long credits = 0;
    for (JournalLine line : lines) {
      debits = Math.addExact(debits, line.debitMinor());
      credits = Math.addExact(credits, line.creditMinor());
    }
    if (debits != credits) {
      throw new IllegalArgumentException(
          "journal entry does not balance: debits "
              + debits
              + " and credits "
              + credits
              + " (minor units of "
              + currency
              + ") differ");
    }
  }

  public long amountMinor() {
    return lines.stream().mapToLong(JournalLine::debitMinor).sum();
  }
}
