package dev.recon.rules.dsl;

/** A word, string, number or symbol of a rule file, with where it starts (1-based). */
record Token(Kind kind, String text, int line, int column) {
  enum Kind {
    WORD,
    STRING,
    NUMBER,
    SYMBOL,
    END
  }

  boolean is(String word) {
    return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(word);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the file";
      case STRING -> "\"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
