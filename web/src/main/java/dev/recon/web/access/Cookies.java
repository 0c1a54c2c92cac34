package dev.recon.web.access;

import dev.recon.web.ServerSettings;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The server's cookies and their flags: never readable by scripts (HttpOnly), never sent with a
 * request another site starts (SameSite=Strict), and Secure whenever the browser reached Recon over
 * TLS (directly, through a trusted proxy that says so, or as configured).
 */
public final class Cookies {
  public static final String SESSION = "recon_session";
  public static final String SIGN_IN = "recon_signin";
  private static final int SIGN_IN_SECONDS = 3600;

  private final ServerSettings settings;

  public Cookies(ServerSettings settings) {
    this.settings = settings;
  }

  public boolean overTls(Context ctx) {
    return settings.secureCookies()
        || "https".equalsIgnoreCase(ctx.scheme())
        || (settings.trustProxy() && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
  }

  /** A cookie that lasts until the browser closes (the session also expires on the server). */
  public void setSession(Context ctx, String sessionId) {
    ctx.cookie(cookie(ctx, SESSION, sessionId, -1));
  }

  /** The form token of the sign-in page, before there is a session to hold one. */
  public void setSignIn(Context ctx, String token) {
    ctx.cookie(cookie(ctx, SIGN_IN, token, SIGN_IN_SECONDS));
  }

  public void clear(Context ctx, String name) {
    ctx.cookie(cookie(ctx, name, "", 0));
  }

  private Cookie cookie(Context ctx, String name, String value, int maxAgeSeconds) {
    return new Cookie(name, value, "/", maxAgeSeconds, overTls(ctx), true, null, SameSite.STRICT);
  }
}
