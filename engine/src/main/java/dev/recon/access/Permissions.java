package dev.recon.access;

import dev.recon.persistence.Transaction;
import dev.recon.persistence.UserStore;
import java.util.Optional;

/**
 * Checks that the person acting may do something. A name in the users table must hold the role. A
 * name it does not know is taken as given only while the table is empty (a command-line database
 * without users, since the command line has no sign-in); once there are users, an unknown name is
 * refused, or anyone could approve a correction by typing a name nobody prepared it under.
 */
public final class Permissions {
  private Permissions() {}

  public static void require(Transaction tx, String user, Role role, String what) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("say who is acting (--user NAME)");
    }
    Optional<UserStore.StoredUser> stored = tx.users().find(user);
    if (stored.isEmpty()) {
      if (tx.users().any()) {
        throw new IllegalArgumentException(
            user
                + " is not a Recon user; to "
                + what
                + " act as a user with the "
                + role.label()
                + " role or above (recon users list shows them; an admin adds one with recon"
                + " users add)");
      }
      return;
    }
    Role held = Role.valueOf(stored.get().role());
    if (!held.atLeast(role)) {
      throw new IllegalArgumentException(
          user
              + " is a "
              + held.label()
              + "; to "
              + what
              + " takes the "
              + role.label()
              + " role or above");
    }
  }
}
