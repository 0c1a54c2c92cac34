package dev.recon.web;

import io.javalin.http.Context;

/**
 * Headers on every response that shut what Recon does not use: scripts, styles and images only from
 * Recon itself (no inline script, so injected markup could not run one even if escaping failed), no
 * framing by other sites, no guessing of content types, and no pages kept in shared caches.
 */
final class SecurityHeaders {
  private static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
