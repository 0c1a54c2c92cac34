package dev.recon.importing;

import java.util.Locale;

/** The container a file comes in. */
public enum FileFormat {
  CSV,
  XLSX;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
