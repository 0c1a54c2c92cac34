package dev.recon.rules.dsl;

/** One problem in a rule file: where it is (1-based line and column) and what is wrong. */
public record RuleError(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
