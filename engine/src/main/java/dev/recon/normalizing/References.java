package dev.recon.normalizing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reference as written ({@code "Inv. 2026-0042 / thanks"}) into the key matching compares.
 * A profile's extraction pattern picks the meaningful part out of free text (group 1 if the pattern
 * has a group, else the whole match); cleaning then upper-cases it and drops everything that is not
 * a letter or digit, so {@code inv-2026/0042} and {@code INV 2026 0042} compare equal.
 */
public final class References {
  private References() {}

  public static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder key = new StringBuilder(raw.length());
    for (char c : raw.toUpperCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        key.append(c);
      }
    }
    return key.isEmpty() ? null : key.toString();
  }

  /**
   * The reference key of a record: the pattern's first match in the reference field, else in the
   * free text; without a pattern (or without a match) the cleaned reference field itself.
   */
  public static String extract(Pattern pattern, String referenceField, String text) {
    if (pattern != null) {
      for (String candidate : new String[] {referenceField, text}) {
        if (candidate == null) {
          continue;
        }
        Matcher matcher = pattern.matcher(candidate);
        if (matcher.find()) {
          // In an alternation such as INV-(\\d+)|PO-\\d+ group 1 may not take part: use the match.
          String group = matcher.groupCount() >= 1 ? matcher.group(1) : null;
          return clean(group != null ? group : matcher.group());
        }
      }
    }
    return clean(referenceField);
  }
}
