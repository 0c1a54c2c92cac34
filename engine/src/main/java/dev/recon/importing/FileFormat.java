package dev.recon.importing;

import java.util.Locale;

/** The container a file comes in. */
public enum FileFormat {
  CSV,
  XLSX,
  /** An ISO 20022 camt.052, camt.053 or camt.054 XML message (read without a column profile). */
  CAMT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
