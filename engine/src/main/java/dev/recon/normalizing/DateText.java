package dev.recon.normalizing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Reads dates in a profile's pattern (java.time syntax, e.g. {@code dd.MM.yyyy}). ISO dates ({@code
 * 2026-11-02}) are always accepted too, because spreadsheets hand date cells over in ISO form and
 * ISO cannot be misread. A time of day, where the pattern has one, is dropped.
 */
public final class DateText {
  private final String pattern;
  private final DateTimeFormatter formatter;

  public DateText(String pattern) {
    this.pattern = pattern;
    // 'uuuu' is the proleptic year; with STRICT resolving, 'yyyy' would demand an era.
    this.formatter =
        DateTimeFormatter.ofPattern(
                pattern.replace("yyyy", "uuuu").replace("yy", "uu"), Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
  }

  public String pattern() {
    return pattern;
  }

  /** The date, or null when the text is blank. */
  public LocalDate parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.strip();
    try {
      // The date is queried straight from what was parsed, time of day or not: asking for a
      // LocalDateTime first threw (and filled in a stack trace) for every date-only value.
      return formatter.parse(text, LocalDate::from);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException ignored) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a date in the format " + pattern);
      }
    }
  }
}
