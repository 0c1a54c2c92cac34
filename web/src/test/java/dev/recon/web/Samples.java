package dev.recon.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's sample files, as a user would upload them. */
final class Samples {
  static final Path DIR = Path.of("..", "samples");
  static final String BANK = "bank/statement-2026-11-02_to_06.csv";
  static final String BANK_OVERLAP = "bank/statement-2026-11-05_to_11.csv";
  static final String LEDGER = "ledger/gl-1200-2026-11.csv";

  private Samples() {}

  static byte[] bytes(String file) {
    try {
      return Files.readAllBytes(DIR.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path path(String file) {
    return DIR.resolve(file).toAbsolutePath().normalize();
  }

  static byte[] bankCsv() {
    return bytes(BANK);
  }

  static byte[] ledgerCsv() {
    return bytes(LEDGER);
  }
}
