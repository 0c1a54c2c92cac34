package dev.recon.closing;

import dev.recon.persistence.Transaction;
import java.time.LocalDate;

/**
 * The close run's "propose corrections" step: given the match run the close just made, proposes
 * correcting entries for what it left open, in the close's transaction, and says what it did. Until
 * the corrections package provides one, the close uses {@link #NONE}, which proposes nothing.
 */
@FunctionalInterface
public interface CorrectionProposer {
  CorrectionProposer NONE = (tx, date, matchRunId) -> "no corrections proposer is installed yet";

  /** Proposes corrections; returns a line for the close's step record. Must be idempotent. */
  String propose(Transaction tx, LocalDate date, long matchRunId);
}
