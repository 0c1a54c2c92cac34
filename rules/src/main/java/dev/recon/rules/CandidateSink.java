package dev.recon.rules;

import java.util.ArrayList;
import java.util.List;

/** Where rules put the candidates they find; a rule base global named {@code candidates}. */
public final class CandidateSink {
  private final List<MatchCandidate> candidates = new ArrayList<>();

  public void add(MatchCandidate candidate) {
    candidates.add(candidate);
  }

  public List<MatchCandidate> candidates() {
    return List.copyOf(candidates);
  }
}
