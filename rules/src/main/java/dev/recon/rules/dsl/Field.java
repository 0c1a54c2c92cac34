package dev.recon.rules.dsl;

import java.util.Arrays;
import java.util.List;

/** The fields a rule can name, their type, and how the compiled rule reads them off an item. */
enum Field {
  AMOUNT("amount", Type.MONEY, "amountMinor"),
  NET("net", Type.MONEY, "amountMinor"),
  GROSS("gross", Type.MONEY, "grossMinor"),
  FEE("fee", Type.MONEY, null),
  BOOKING_DATE("booking_date", Type.DATE, "bookingDay"),
  VALUE_DATE("value_date", Type.DATE, "valueDay"),
  REFERENCE("reference", Type.TEXT, "reference"),
  COUNTERPARTY("counterparty", Type.TEXT, "counterparty"),
  PAYOUT_ID("payout_id", Type.TEXT, "payoutKey"),
  ACCOUNT("account", Type.TEXT, "account"),
  CURRENCY("currency", Type.TEXT, "currency");

  enum Type {
    MONEY("an amount"),
    DATE("a date"),
    TEXT("text");

    final String label;

    Type(String label) {
      this.label = label;
    }
  }

  final String word;
  final Type type;
  private final String property;

  Field(String word, Type type, String property) {
    this.word = word;
    this.type = type;
    this.property = property;
  }

  static Field of(String word) {
    for (Field field : values()) {
      if (field.word.equals(word)) {
        return field;
      }
    }
    return null;
  }

  static List<String> words() {
    return Arrays.stream(values()).map(f -> f.word).toList();
  }

  /**
   * The DRL expression reading this field: of the pattern being matched when {@code variable} is
   * null, else of the bound item (e.g. {@code $bank}). Amounts are minor units, dates epoch days.
   */
  String read(String variable) {
    if (this == FEE) {
      return "(" + GROSS.read(variable) + " - " + AMOUNT.read(variable) + ")";
    }
    return variable == null ? property : variable + "." + property;
  }
}
