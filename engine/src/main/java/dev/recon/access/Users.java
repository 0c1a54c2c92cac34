package dev.recon.access;

import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.UserStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recon's users: who may sign in, with which role. Adding a user and changing a password are
 * recorded in the audit log (never the password or its hash).
 */
public final class Users {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

  private final Database database;
  private final Clock clock;

  public Users(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A user as the UI shows it: no password hash. */
  public record User(String name, Role role, String createdBy, OffsetDateTime createdAt) {}

  public User add(String name, Role role, String password, String actor) {
    requireValidName(name);
    Passwords.requireAcceptable(password);
    String hash = Passwords.hash(password);
    return database.inTransaction(
        tx -> {
          if (tx.users().find(name).isPresent()) {
            throw new IllegalArgumentException(
                "a user named " + name + " exists already; use passwd to change the password");
          }
          OffsetDateTime now = OffsetDateTime.now(clock);
          long id = tx.users().insert(new UserStore.NewUser(name, role.name(), hash, actor, now));
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now,
                      actor,
                      "USER_ADDED",
                      "app_user",
                      id,
                      null,
                      name + " as " + role.label()));
          return new User(name, role, actor, now);
        });
  }

  public void changePassword(String name, String password, String actor) {
    Passwords.requireAcceptable(password);
    String hash = Passwords.hash(password);
    database.inTransaction(
        tx -> {
          UserStore.StoredUser user =
              tx.users()
                  .find(name)
                  .orElseThrow(() -> new IllegalArgumentException("no user named " + name));
          OffsetDateTime now = OffsetDateTime.now(clock);
          tx.users().updatePassword(user.id(), hash, now);
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now, actor, "PASSWORD_CHANGED", "app_user", user.id(), null, name));
          return null;
        });
  }

  /** The user, when the name exists and the password is theirs; empty otherwise. */
  public Optional<User> authenticate(String name, String password) {
    Optional<UserStore.StoredUser> stored =
        name == null || name.isBlank()
            ? Optional.empty()
            : database.inTransaction(tx -> tx.users().find(name.strip()));
    if (stored.isEmpty()) {
      Passwords.matchNothing(password == null ? "" : password);
      return Optional.empty();
    }
    UserStore.StoredUser user = stored.get();
    if (password == null || !Passwords.matches(password, user.passwordHash())) {
      return Optional.empty();
    }
    return Optional.of(toUser(user));
  }

  /** The user's current role, or empty when the user no longer exists. */
  public Optional<User> find(String name) {
    return database.inTransaction(tx -> tx.users().find(name)).map(Users::toUser);
  }

  public List<User> list() {
    return database.inTransaction(tx -> tx.users().list()).stream().map(Users::toUser).toList();
  }

  private static User toUser(UserStore.StoredUser user) {
    return new User(user.name(), Role.valueOf(user.role()), user.createdBy(), user.createdAt());
  }

  private static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a user name is 1 to 100 letters, digits and . _ @ -, starting with a letter or digit: \""
              + name
              + "\"");
    }
  }
}
