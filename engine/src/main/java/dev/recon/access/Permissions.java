package dev.recon.access;

import dev.recon.persistence.Transaction;
import dev.recon.persistence.UserStore;
import java.util.Optional;

/**
 * Checks that the person acting may do something. A name in the users table must hold the role; a
 * name it does not know (a command-line user on a database without users) is taken as given, since
 * the command line has no sign-in.
 */
public final class Permissions {
  private Permissions() {}

  public static void require(Transaction tx, String user, Role role, String what) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("say who is acting (--user NAME)");
    }
    Optional<UserStore.StoredUser> stored = tx.users().find(user);
    if (stored.isPresent() && !Role.valueOf(stored.get().role()).atLeast(role)) {
      throw new IllegalArgumentException(
          user
              + " is a "
              + Role.valueOf(stored.get().role()).label()
              + "; to "
              + what
              + " takes the "
              + role.label()
              + " role or above");
    }
  }
}
