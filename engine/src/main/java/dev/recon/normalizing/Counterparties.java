package dev.recon.normalizing;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Normalizes a counterparty name so the same payer written differently compares equal: accents
 * removed, upper case, punctuation to spaces, legal-form words dropped ({@code "Müller GmbH & Co.
 * KG"} becomes {@code "MULLER"}).
 */
public final class Counterparties {
  private static final Set<String> LEGAL_FORMS =
      Set.of(
          "AG",
          "BV",
          "CO",
          "CORP",
          "CORPORATION",
          "GMBH",
          "INC",
          "KG",
          "LLC",
          "LLP",
          "LTD",
          "LIMITED",
          "NV",
          "OY",
          "PLC",
          "SA",
          "SARL",
          "SAS",
          "SE",
          "SPA",
          "SRL",
          "UG");

  private Counterparties() {}

  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
    String ascii = decomposed.replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    StringJoiner words = new StringJoiner(" ");
    for (String word : ascii.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && !LEGAL_FORMS.contains(word)) {
        words.add(word);
      }
    }
    String name = words.toString();
    return name.isEmpty() ? null : name;
  }
}
