package dev.recon.web.access;

import dev.recon.access.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's sessions, in memory: a restart signs everyone out, which is safe. Ids and tokens are
 * 256 random bits; a session unused for the idle time is gone, and signing in always makes a new
 * session (an id known before sign-in is never promoted, so a planted id is useless).
 */
public final class Sessions {
  private static final int SECRET_BYTES = 32;

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration idle;

  public Sessions(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  public Session create(String user, Role role) {
    Session session = new Session(secret(), user, role, secret(), Instant.now(clock));
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with this id, touched; empty when unknown or idle too long (then removed). */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = Instant.now(clock);
    if (session.lastSeen().plus(idle).isBefore(now)) {
      byId.remove(id);
      return Optional.empty();
    }
    session.touch(now);
    return Optional.of(session);
  }

  public void end(Session session) {
    byId.remove(session.id());
  }

  /** Drops the sessions idle too long; called now and then so abandoned ones do not pile up. */
  public void sweep() {
    Instant cutoff = Instant.now(clock).minus(idle);
    byId.values().removeIf(session -> session.lastSeen().isBefore(cutoff));
  }

  String secret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
