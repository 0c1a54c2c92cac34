package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.APP_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The users who may sign in, with their roles and password hashes. */
public final class UserStore {
  private final DSLContext dsl;

  UserStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  public record NewUser(
      String name, String role, String passwordHash, String createdBy, OffsetDateTime createdAt) {}

  public record StoredUser(
      long id,
      String name,
      String role,
      String passwordHash,
      String createdBy,
      OffsetDateTime createdAt) {}

  public long insert(NewUser user) {
    return dsl.insertInto(APP_USER)
        .set(APP_USER.NAME, user.name())
        .set(APP_USER.ROLE, user.role())
        .set(APP_USER.PASSWORD_HASH, user.passwordHash())
        .set(APP_USER.CREATED_BY, user.createdBy())
        .set(APP_USER.CREATED_AT, user.createdAt())
        .set(APP_USER.PASSWORD_CHANGED_AT, user.createdAt())
        .returning(APP_USER.ID)
        .fetchOne()
        .getId();
  }

  public Optional<StoredUser> find(String name) {
    return dsl.selectFrom(APP_USER)
        .where(APP_USER.NAME.eq(name))
        .fetchOptional(UserStore::toStoredUser);
  }

  /** Whether there is any user at all. */
  public boolean any() {
    return dsl.fetchExists(APP_USER);
  }

  /** Every user, by name. */
  public List<StoredUser> list() {
    return dsl.selectFrom(APP_USER).orderBy(APP_USER.NAME).fetch(UserStore::toStoredUser);
  }

  public void updatePassword(long id, String passwordHash, OffsetDateTime at) {
    dsl.update(APP_USER)
        .set(APP_USER.PASSWORD_HASH, passwordHash)
        .set(APP_USER.PASSWORD_CHANGED_AT, at)
        .where(APP_USER.ID.eq(id))
        .execute();
  }

  private static StoredUser toStoredUser(Record r) {
    return new StoredUser(
        r.get(APP_USER.ID),
        r.get(APP_USER.NAME),
        r.get(APP_USER.ROLE),
        r.get(APP_USER.PASSWORD_HASH),
        r.get(APP_USER.CREATED_BY),
        r.get(APP_USER.CREATED_AT));
  }
}
