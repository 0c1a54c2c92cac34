package dev.recon.importing;

import java.util.Locale;

/** The fields a profile can map to a column of the file, by their key in a profile file. */
public enum Column {
  ACCOUNT,
  BOOKING_DATE,
  VALUE_DATE,
  AMOUNT,
  MONEY_IN,
  MONEY_OUT,
  CURRENCY,
  REFERENCE,
  COUNTERPARTY,
  TEXT,
  PAYOUT_ID,
  KIND,
  GROSS,
  FEE;

  /** The profile key, e.g. {@code column.booking_date}. */
  public String key() {
    return "column." + name().toLowerCase(Locale.ROOT);
  }
}
