package dev.recon.importing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a bank statement line's identifiers becomes its reference, the same way for every
 * statement format: a structured creditor reference first (the payer quoted exactly what the payee
 * asked for), then a reference the profile's pattern finds in the remittance text, then the
 * end-to-end id, then the account owner's reference. Placeholders banks write for "none" ({@code
 * NOTPROVIDED}, {@code NONREF}) are no reference.
 */
public final class StatementReference {
  private StatementReference() {}

  /** The chosen reference as written, or null; any argument may be null. */
  public static String choose(
      String structured,
      Pattern pattern,
      String remittance,
      String endToEnd,
      String ownerReference) {
    if (structured != null && !structured.isBlank()) {
      return structured;
    }
    if (pattern != null && remittance != null) {
      Matcher found = pattern.matcher(remittance);
      if (found.find()) {
        return found.groupCount() >= 1 && found.group(1) != null ? found.group(1) : found.group();
      }
    }
    if (present(endToEnd)) {
      return endToEnd;
    }
    return present(ownerReference) ? ownerReference : null;
  }

  private static boolean present(String value) {
    return value != null
        && !value.isBlank()
        && !value.equalsIgnoreCase("NOTPROVIDED")
        && !value.equalsIgnoreCase("NONREF");
  }
}
