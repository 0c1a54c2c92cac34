package dev.recon.exceptions;

/**
 * A manual match made through the queue.
 *
 * @param differenceMinor the first item's side minus the others (0 when they balance)
 * @param correctionId the correction proposed for the difference, or null when they balance
 */
public record ManualMatchResult(
    long groupId, String currency, long differenceMinor, Long correctionId) {}
