package dev.recon.importing;

import java.util.Locale;

/** The container a file comes in. */
public enum FileFormat {
  CSV,
  XLSX,
  /** An ISO 20022 camt.052, camt.053 or camt.054 XML message (read without a column profile). */
  CAMT,
  /** A SWIFT MT940 statement or MT942 interim report (read without a column profile). */
  MT940,
  /** An OFX or QFX statement, 1.x SGML or 2.x XML (read without a column profile). */
  OFX;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
