package dev.recon.web.access;

import dev.recon.access.Role;
import java.time.Instant;

/**
 * A signed-in user's session: its secret id (the cookie), the user and role, the synchroniser token
 * every state-changing request must carry, and when it was last used.
 */
public final class Session {
  private final String id;
  private final String user;
  private final Role role;
  private final String csrfToken;
  private volatile Instant lastSeen;

  Session(String id, String user, Role role, String csrfToken, Instant lastSeen) {
    this.id = id;
    this.user = user;
    this.role = role;
    this.csrfToken = csrfToken;
    this.lastSeen = lastSeen;
  }

  /** The secret the session cookie carries. */
  public String id() {
    return id;
  }

  public String user() {
    return user;
  }

  public Role role() {
    return role;
  }

  public String csrfToken() {
    return csrfToken;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }
}
