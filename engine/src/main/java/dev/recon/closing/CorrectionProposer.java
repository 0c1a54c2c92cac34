package dev.recon.closing;

import dev.recon.corrections.Corrections;
import dev.recon.persistence.Transaction;
import java.time.LocalDate;

/**
 * The close run's "propose corrections" step: given the match run the close just made, proposes
 * correcting entries for what it left open, in the close's transaction, and says what it did. The
 * commands use {@link #using}, which proposes every correction the stored matches and unmatched
 * bank lines call for (each once: proposals are keyed by what they correct); {@link #NONE} proposes
 * nothing.
 */
@FunctionalInterface
public interface CorrectionProposer {
  CorrectionProposer NONE = (tx, date, matchRunId) -> "no corrections proposed (none asked for)";

  /** Proposes corrections; returns a line for the close's step record. Must be idempotent. */
  String propose(Transaction tx, LocalDate date, long matchRunId);

  /** Proposes with the corrections service, as {@code recon corrections propose} does. */
  static CorrectionProposer using(Corrections corrections, String actor) {
    return (tx, date, matchRunId) -> {
      Corrections.ProposalRun run = corrections.proposeAll(tx, actor);
      return run.proposed().size()
          + " correction(s) proposed, "
          + run.autoPosted()
          + " of them posted without approval (below the chart's threshold)";
    };
  }
}
