package dev.recon.exceptions;

import java.time.LocalDate;

/** An action taken on every exception of a filtered set. */
public sealed interface BulkAction {
  record Assign(String assignee) implements BulkAction {}

  record StartReview() implements BulkAction {}

  record Comment(String text) implements BulkAction {}

  record Timing(LocalDate revisitOn, String note) implements BulkAction {}

  record WriteOff(String reason) implements BulkAction {}
}
