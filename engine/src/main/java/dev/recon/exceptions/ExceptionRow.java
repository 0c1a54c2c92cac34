package dev.recon.exceptions;

import dev.recon.facts.Aging;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An exception as the queue lists it, with its age and priority as of the list's date.
 *
 * @param itemId the item it is about, or null for an account or correction exception
 * @param amountMinor signed, in minor units of {@code currency}
 * @param agingDate the date its age counts from (the item's booking date)
 * @param priority age in days + 10 x the digits of the whole-unit amount (see {@link Aging})
 * @param revisitOn for an expected timing difference, when to look again
 * @param groupId the suggestion it waits on (AMBIGUOUS, SUGGESTED)
 * @param correctionId the rejected correction it is about (CORRECTION_REJECTED)
 */
public record ExceptionRow(
    long id,
    Long itemId,
    ExceptionType type,
    String reason,
    ExceptionStatus status,
    String side,
    String account,
    String counterparty,
    String reference,
    String currency,
    long amountMinor,
    LocalDate agingDate,
    long ageDays,
    Aging.Bucket bucket,
    long priority,
    String assignee,
    LocalDate revisitOn,
    Long groupId,
    Long correctionId,
    OffsetDateTime openedAt,
    OffsetDateTime closedAt,
    String closeReason) {}
