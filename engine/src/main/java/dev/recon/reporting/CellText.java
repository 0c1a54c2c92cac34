package dev.recon.reporting;

/**
 * Text from imported files, made safe for spreadsheets: a value that starts with {@code =}, {@code
 * +}, {@code -}, {@code @}, tab or carriage return would be run as a formula when the report is
 * opened, so it gets a leading apostrophe. Numbers are written as numbers and never pass through
 * here.
 */
public final class CellText {
  private CellText() {}

  public static String safe(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    char first = text.charAt(0);
    boolean formulaLike =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formulaLike ? "'" + text : text;
  }
}
