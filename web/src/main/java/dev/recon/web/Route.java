package dev.recon.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the server: method, path (Javalin syntax, {@code {id}} for a path parameter), who
 * may call it, and what it does. Every route the server answers is one of these, so the access rule
 * of each is declared in one place and the API document can be checked against them.
 */
public record Route(HandlerType method, String path, Access access, Handler handler) {
  public static Route get(String path, Access access, Handler handler) {
    return new Route(HandlerType.GET, path, access, handler);
  }

  public static Route post(String path, Access access, Handler handler) {
    return new Route(HandlerType.POST, path, access, handler);
  }

  public static Route delete(String path, Access access, Handler handler) {
    return new Route(HandlerType.DELETE, path, access, handler);
  }

  public boolean isApi() {
    return path.startsWith("/api/");
  }

  /** Whether the route changes something, and so needs the CSRF token. */
  public boolean changesState() {
    return method != HandlerType.GET && method != HandlerType.HEAD;
  }
}
