package dev.recon.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Request values read as what they stand for, refused with a 400 that names them otherwise. */
public final class Params {
  private Params() {}

  /** A date written YYYY-MM-DD (what an HTML date input sends). */
  public static LocalDate date(String name, String text) {
    try {
      return LocalDate.parse(text == null ? "" : text.strip());
    } catch (DateTimeParseException e) {
      throw WebError.badRequest(name + " is a date written YYYY-MM-DD, not \"" + text + "\"");
    }
  }
}
