package dev.recon.normalizing;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads an amount as a bank or ERP writes it: {@code 1,234.50}, {@code 1.234,50} (decimal comma),
 * {@code -12.00}, {@code 12.00-}, {@code (12.00)}, {@code +5}. Thousands separators must group by
 * three, so {@code 12,34} in a decimal-point file is refused instead of being read as 1234.
 */
public final class AmountText {
  private static final Pattern POINT_DECIMAL =
      Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?|\\.\\d+");
  private static final Pattern COMMA_DECIMAL =
      Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d+)?|\\d+(,\\d+)?|,\\d+");

  private static final Pattern SPACE_BESIDE_SIGN =
      Pattern.compile("[\\s\u00a0]*([()+-])[\\s\u00a0]*");

  private AmountText() {}

  /** The decimal value, or null when the text is blank. */
  public static BigDecimal parse(String raw, boolean decimalComma) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    // Spaces, no-break spaces and apostrophes (1 234,50; 1'234.50) are thousands separators too:
    // they become the profile's grouping character, so the grouping-by-three check applies to them.
    String grouping = decimalComma ? "." : ",";
    // Blanks beside a sign or parenthesis ("- 12.00", "( 12.00 )") are layout, not grouping.
    String text =
        SPACE_BESIDE_SIGN
            .matcher(raw.strip())
            .replaceAll("$1")
            .replace("\u00a0", grouping)
            .replace(" ", grouping)
            .replace("'", grouping);
    // Exactly one sign marker is allowed: "(-12.00)" or "-12.00-" is refused, not guessed at.
    boolean negative = false;
    int markers = 0;
    if (text.startsWith("(") && text.endsWith(")")) {
      negative = true;
      markers++;
      text = text.substring(1, text.length() - 1);
    }
    if (text.startsWith("-") || text.startsWith("+")) {
      negative = text.charAt(0) == '-';
      markers++;
      text = text.substring(1);
    }
    if (text.endsWith("-")) {
      negative = true;
      markers++;
      text = text.substring(0, text.length() - 1);
    }
    if (markers > 1) {
      throw new IllegalArgumentException(
          "\""
              + raw.strip()
              + "\" is not an amount: it has more than one sign (write -12.00, 12.00- or (12.00))");
    }
    Pattern shape = decimalComma ? COMMA_DECIMAL : POINT_DECIMAL;
    if (!shape.matcher(text).matches()) {
      throw new IllegalArgumentException(notANumber(raw, decimalComma));
    }
    String plain = decimalComma ? text.replace(".", "").replace(',', '.') : text.replace(",", "");
    BigDecimal value = new BigDecimal(plain);
    return negative ? value.negate() : value;
  }

  private static String notANumber(String raw, boolean decimalComma) {
    String hint =
        decimalComma
            ? "this profile reads a decimal comma, as in 1.234,50"
            : "this profile reads a decimal point, as in 1,234.50; set decimal.comma=true for 1.234,50";
    return "\"" + raw.strip() + "\" is not an amount (" + hint + ")";
  }
}
