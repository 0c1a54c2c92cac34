package dev.recon.rules.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a rule file into tokens. Words may contain letters, digits, '_' and '-' (so {@code
 * one-to-many} and {@code payout_id} are single words); strings are double-quoted with {@code \"}
 * and {@code \\} escapes; numbers are decimal; {@code #} starts a comment to the end of the line.
 */
final class Lexer {
  private final String file;
  private final String text;
  private final List<RuleError> errors;
  private int at;
  private int line = 1;
  private int lineStart;

  private Lexer(String file, String text, List<RuleError> errors) {
    this.file = file;
    this.text = text;
    this.errors = errors;
  }

  /** The tokens of the text, ending with an END token; problems are added to {@code errors}. */
  static List<Token> tokens(String file, String text, List<RuleError> errors) {
    return new Lexer(file, text, errors).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (at >= text.length()) {
        tokens.add(new Token(Token.Kind.END, "", line, column()));
        return tokens;
      }
      int startLine = line;
      int startColumn = column();
      char c = text.charAt(at);
      if (Character.isLetter(c) || c == '_') {
        tokens.add(new Token(Token.Kind.WORD, word(), startLine, startColumn));
      } else if (Character.isDigit(c)) {
        tokens.add(new Token(Token.Kind.NUMBER, number(), startLine, startColumn));
      } else if (c == '"') {
        String value = string(startColumn);
        if (value != null) {
          tokens.add(new Token(Token.Kind.STRING, value, startLine, startColumn));
        }
      } else {
        String symbol = symbol();
        if (symbol == null) {
          errors.add(
              new RuleError(
                  file,
                  startLine,
                  startColumn,
                  "unexpected character '"
                      + c
                      + "'; rules use words, numbers, \"text\" and = != < <= > >= ( ) , . %"));
          at++;
        } else {
          tokens.add(new Token(Token.Kind.SYMBOL, symbol, startLine, startColumn));
        }
      }
    }
  }

  private int column() {
    return at - lineStart + 1;
  }

  private void skipBlanksAndComments() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n') {
        at++;
        line++;
        lineStart = at;
      } else if (Character.isWhitespace(c)) {
        at++;
      } else if (c == '#') {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      } else {
        return;
      }
    }
  }

  private String word() {
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        at++;
      } else {
        break;
      }
    }
    return text.substring(start, at);
  }

  private String number() {
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    if (at + 1 < text.length()
        && text.charAt(at) == '.'
        && Character.isDigit(text.charAt(at + 1))) {
      at++;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
    }
    return text.substring(start, at);
  }

  private String string(int startColumn) {
    int startLine = line;
    at++;
    StringBuilder value = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        at++;
        return value.toString();
      }
      if (c == '\n') {
        break;
      }
      if (c == '\\' && at + 1 < text.length()) {
        char next = text.charAt(at + 1);
        if (next == '"' || next == '\\') {
          value.append(next);
          at += 2;
          continue;
        }
      }
      value.append(c);
      at++;
    }
    errors.add(
        new RuleError(
            file, startLine, startColumn, "this text has no closing \" on its line; close it"));
    return null;
  }

  private String symbol() {
    for (String symbol : new String[] {"!=", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", "%"}) {
      if (text.startsWith(symbol, at)) {
        at += symbol.length();
        return symbol;
      }
    }
    return null;
  }
}
