package dev.recon.web.rules;

import dev.recon.rules.dsl.RuleError;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule file as the check shows it: every line numbered, and under a line with errors each error
 * with the character at its column marked, so the writer sees the mistake where it is.
 */
public record RuleListing(List<Line> lines, List<RuleError> unplaced) {

  /** A line, split around the column of its first error (all three empty of markup). */
  public record Line(int number, String before, String at, String after, List<Mark> marks) {
    public boolean hasErrors() {
      return !marks.isEmpty();
    }
  }

  /** One error on a line: its column, an indent of that width and the message. */
  public record Mark(int column, String indent, String message) {}

  public static RuleListing of(String text, List<RuleError> errors) {
    String[] texts = text.split("\\R", -1);
    List<Line> lines = new ArrayList<>(texts.length);
    List<RuleError> unplaced = new ArrayList<>();
    for (RuleError error : errors) {
      if (error.line() < 1 || error.line() > texts.length) {
        unplaced.add(error);
      }
    }
    for (int i = 0; i < texts.length; i++) {
      int number = i + 1;
      String line = texts[i];
      List<Mark> marks =
          errors.stream()
              .filter(error -> error.line() == number)
              .map(error -> new Mark(error.column(), indent(line, error.column()), error.message()))
              .toList();
      lines.add(split(number, line, marks));
    }
    return new RuleListing(lines, unplaced);
  }

  private static Line split(int number, String text, List<Mark> marks) {
    if (marks.isEmpty()) {
      return new Line(number, text, "", "", marks);
    }
    int at = Math.max(0, Math.min(text.length(), marks.get(0).column() - 1));
    int end = Math.min(text.length(), at + 1);
    return new Line(
        number, text.substring(0, at), text.substring(at, end), text.substring(end), marks);
  }

  /** Spaces (tabs kept) up to the column, so the caret lines up under a monospaced line. */
  private static String indent(String text, int column) {
    StringBuilder indent = new StringBuilder();
    for (int i = 0; i < column - 1; i++) {
      indent.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
    }
    return indent.toString();
  }
}
