package dev.recon.web.access;

import dev.recon.web.Access;
import dev.recon.web.ServerSettings;
import dev.recon.web.WebError;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Runs before every matched route, in this order: refuses a body larger than the upload limit
 * (before reading it), finds the session, refuses a role below the route's, and refuses a
 * state-changing request without the session's CSRF token (form field {@code csrf} or header {@code
 * X-CSRF-Token}). A handler only runs when all of that passed.
 */
public final class Guard {
  public static final String CSRF_FIELD = "csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION_ATTRIBUTE = "recon.session";

  private final Sessions sessions;
  private final ServerSettings settings;

  public Guard(Sessions sessions, ServerSettings settings) {
    this.sessions = sessions;
    this.settings = settings;
  }

  public void check(Context ctx) {
    Access access = accessOf(ctx.routeRoles());
    requireSizeWithinLimit(ctx);
    var session = sessions.find(ctx.cookie(Cookies.SESSION));
    session.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
    if (access == Access.ANYONE) {
      return;
    }
    if (session.isEmpty()) {
      throw new SignInNeeded();
    }
    if (!access.allows(session.get().role())) {
      throw new WebError(
          HttpStatus.FORBIDDEN,
          "this needs the "
              + access.minimum().label()
              + " role or higher; you are signed in as "
              + session.get().user()
              + " ("
              + session.get().role().label()
              + ")");
    }
    if (changesState(ctx)) {
      requireCsrfToken(ctx, session.get().csrfToken());
    }
  }

  /** The signed-in user's session; a handler behind a role always has one. */
  public static Session session(Context ctx) {
    Session session = ctx.attribute(SESSION_ATTRIBUTE);
    if (session == null) {
      throw new IllegalStateException("no session on a route that requires one: " + ctx.path());
    }
    return session;
  }

  /** The session, if the visitor is signed in (pages open to anyone use this). */
  public static Session sessionOrNull(Context ctx) {
    return ctx.attribute(SESSION_ATTRIBUTE);
  }

  static boolean changesState(Context ctx) {
    HandlerType method = ctx.method();
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  private static Access accessOf(Set<RouteRole> roles) {
    if (roles.size() != 1 || !(roles.iterator().next() instanceof Access access)) {
      throw new IllegalStateException("every route declares exactly one Access; found " + roles);
    }
    return access;
  }

  private void requireSizeWithinLimit(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length > settings.uploadBytesMax()) {
      // The client may still be sending; closing the connection stops it wasting time.
      ctx.header("Connection", "close");
      throw new WebError(
          HttpStatus.CONTENT_TOO_LARGE,
          "the upload is "
              + megabytes(length)
              + " but this server accepts at most "
              + megabytes(settings.uploadBytesMax())
              + " per request; split the files or ask an admin to raise --upload-max-mb");
    }
  }

  public static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * The token from the header (scripts, the upload page's script) or the form field. A multipart
   * form's field is read only after the size check above, so an oversized upload is never parsed.
   */
  private static void requireCsrfToken(Context ctx, String expected) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && isForm(ctx)) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    if (!sameSecret(sent, expected)) {
      throw new WebError(
          HttpStatus.FORBIDDEN,
          sent == null
              ? "the request carries no CSRF token; reload the page and try again (scripts send"
                  + " the token from /api/session in the X-CSRF-Token header)"
              : "the request's CSRF token is wrong or from an old session; reload the page and"
                  + " try again");
    }
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null
        && (type.startsWith("application/x-www-form-urlencoded")
            || type.startsWith("multipart/form-data"));
  }

  /** Compares in constant time, so the time taken tells an attacker nothing about the token. */
  static boolean sameSecret(String sent, String expected) {
    if (sent == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Thrown when a route needs a signed-in user and there is none: a page redirects, JSON says 401.
   */
  public static final class SignInNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInNeeded() {
      super("sign in first");
    }
  }
}
