package dev.recon.corrections;

import java.time.LocalDate;

/**
 * What a write-off books: an exception a person gave up on and, where it is about one, its item.
 * The amount is signed as the item's (money in is positive), on its side and Recon account; the
 * write-off takes it out of the books against the write-off account.
 *
 * @param itemId the item written off, or null for an exception about an account
 * @param date the booking date of the entry (the exception's aging date)
 */
public record WriteOff(
    long exceptionId,
    Long itemId,
    String side,
    String account,
    String currency,
    long amountMinor,
    LocalDate date,
    String reason) {}
