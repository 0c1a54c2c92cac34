package dev.recon.exceptions;

import java.util.List;

/**
 * What undoing a match group did.
 *
 * @param reopenedExceptions the exceptions its items returned to the queue as
 * @param reversalCorrections the entries proposed to reverse the group's posted corrections
 */
public record UnmatchResult(List<Long> reopenedExceptions, List<Long> reversalCorrections) {
  public UnmatchResult {
    reopenedExceptions = List.copyOf(reopenedExceptions);
    reversalCorrections = List.copyOf(reversalCorrections);
  }
}
