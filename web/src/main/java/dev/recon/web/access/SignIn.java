package dev.recon.web.access;

import dev.recon.access.Users;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, by form and by API. A successful sign-in always starts a new session and ends
 * any the browser had, so a session id someone planted before sign-in is worth nothing. The sign-in
 * form carries a token bound to a short-lived cookie of its own (there is no session yet to hold
 * one), and the API's sign-in takes only a JSON body, which another site's form cannot send.
 */
public final class SignIn {
  private final Users users;
  private final Sessions sessions;
  private final Cookies cookies;
  private final SignInThrottle throttle;

  public SignIn(Users users, Sessions sessions, Cookies cookies, SignInThrottle throttle) {
    this.users = users;
    this.sessions = sessions;
    this.cookies = cookies;
    this.throttle = throttle;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/sign-in", Access.ANYONE, this::page),
        Route.post("/sign-in", Access.ANYONE, this::submit),
        Route.post("/sign-out", Access.VIEWER, this::signOut),
        Route.get("/api/session", Access.VIEWER, this::apiCurrent),
        Route.post("/api/session", Access.ANYONE, this::apiSignIn),
        Route.delete("/api/session", Access.VIEWER, this::apiSignOut));
  }

  /** What the sign-in page shows. */
  public record Form(String token, String next, String name, String error) {}

  private void page(Context ctx) {
    if (Guard.sessionOrNull(ctx) != null) {
      ctx.redirect(localPath(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
      return;
    }
    showForm(ctx, ctx.queryParam("next"), "", null);
  }

  private void showForm(Context ctx, String next, String name, String error) {
    String token = sessions.secret();
    cookies.setSignIn(ctx, token);
    ctx.header("Cache-Control", "no-store");
    Pages.render(
        ctx,
        "signin.jte",
        Map.of("shell", Shell.of(ctx, "Sign in", ""), "page", new Form(token, next, name, error)));
  }

  private void submit(Context ctx) {
    String name = ctx.formParam("name");
    String next = ctx.formParam("next");
    if (!Guard.sameSecret(ctx.formParam(Guard.CSRF_FIELD), ctx.cookie(Cookies.SIGN_IN))) {
      throw new WebError(
          HttpStatus.FORBIDDEN,
          "the sign-in form expired or came from another site; open the sign-in page again");
    }
    Optional<Users.User> user = authenticate(ctx, name, ctx.formParam("password"));
    if (user.isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      showForm(ctx, next, name == null ? "" : name, "The name or the password is wrong.");
      return;
    }
    start(ctx, user.get());
    cookies.clear(ctx, Cookies.SIGN_IN);
    ctx.redirect(localPath(next), HttpStatus.SEE_OTHER);
  }

  /**
   * Checks the password unless this name has failed too often from this address lately (then
   * refused with 429 and Retry-After, without looking at the password).
   */
  private Optional<Users.User> authenticate(Context ctx, String name, String password) {
    String address = ctx.req().getRemoteAddr();
    Duration wait = throttle.waitFor(name, address);
    if (!wait.isZero()) {
      ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
      throw new WebError(HttpStatus.TOO_MANY_REQUESTS, SignInThrottle.refusal(wait));
    }
    Optional<Users.User> user = users.authenticate(name, password);
    if (user.isPresent()) {
      throttle.succeeded(name, address);
    } else {
      throttle.failed(name, address);
    }
    return user;
  }

  private Session start(Context ctx, Users.User user) {
    Session old = Guard.sessionOrNull(ctx);
    if (old != null) {
      sessions.end(old);
    }
    sessions.sweep();
    Session session = sessions.create(user.name(), user.role());
    cookies.setSession(ctx, session.id());
    return session;
  }

  private void signOut(Context ctx) {
    sessions.end(Guard.session(ctx));
    cookies.clear(ctx, Cookies.SESSION);
    ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
  }

  /** The API's view of a session: who, which role, and the token for state-changing calls. */
  public record SessionInfo(String user, String role, String csrfToken) {}

  public record Credentials(String name, String password) {}

  private void apiCurrent(Context ctx) {
    Session session = Guard.session(ctx);
    ctx.json(new SessionInfo(session.user(), session.role().label(), session.csrfToken()));
  }

  private void apiSignIn(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.startsWith("application/json")) {
      throw new WebError(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "send the credentials as JSON: {\"name\": ..., \"password\": ...}");
    }
    Credentials credentials = ctx.bodyAsClass(Credentials.class);
    Users.User user =
        authenticate(ctx, credentials.name(), credentials.password())
            .orElseThrow(
                () -> new WebError(HttpStatus.UNAUTHORIZED, "the name or the password is wrong"));
    Session session = start(ctx, user);
    ctx.json(new SessionInfo(session.user(), session.role().label(), session.csrfToken()));
  }

  private void apiSignOut(Context ctx) {
    sessions.end(Guard.session(ctx));
    cookies.clear(ctx, Cookies.SESSION);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Where to go after signing in: a path on this server only, never another site. */
  public static String localPath(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }
}
