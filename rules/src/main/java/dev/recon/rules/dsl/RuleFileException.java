package dev.recon.rules.dsl;

import java.util.List;
import java.util.stream.Collectors;

/** A rule file that cannot be used, with every problem found in it; nothing of it is loaded. */
public final class RuleFileException extends IllegalArgumentException {
  private final List<RuleError> errors;

  public RuleFileException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<RuleError> errors() {
    return errors;
  }
}
