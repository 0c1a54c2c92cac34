package dev.recon.importing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A file Recon refuses as a whole, with every problem found (up to a limit) so the user can fix
 * them in one pass. Nothing of a refused file is stored.
 */
public final class BadInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public BadInput(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public BadInput(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
