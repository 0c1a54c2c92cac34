package dev.recon.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Password hashes: bcrypt with a random salt per password and a cost of 2^12 rounds (about a
 * quarter of a second here, so a stolen table is slow to attack while a sign-in still feels
 * immediate). Passwords must be long rather than clever; bcrypt reads at most 72 bytes.
 */
public final class Passwords {
  public static final int LENGTH_MIN = 10;
  private static final int BCRYPT_BYTES_MAX = 72;
  private static final int COST = 12;

  /**
   * A hash that no password matches, checked when a name is unknown so that a failed sign-in takes
   * as long whether or not the name exists.
   */
  private static final String UNMATCHABLE = hash("no password matches this one, by design");

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean matches(String password, String hash) {
    return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
  }

  /** Spends the time of a real check, for an unknown name. */
  static void matchNothing(String password) {
    matches(password, UNMATCHABLE);
  }

  /** Refuses a password that is too short or too long to hash whole, saying why. */
  public static void requireAcceptable(String password) {
    if (password == null || password.length() < LENGTH_MIN) {
      throw new IllegalArgumentException(
          "a password needs at least " + LENGTH_MIN + " characters; a phrase of words is fine");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_BYTES_MAX) {
      throw new IllegalArgumentException(
          "a password may have at most " + BCRYPT_BYTES_MAX + " bytes (bcrypt reads no more)");
    }
  }
}
