package dev.recon.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The style sheet, the small script and the API document, served from the class path by name from a
 * fixed list: a request can never name any other resource.
 */
public final class Assets {
  private static final String FOLDER = "/dev/recon/web/assets/";
  private static final Map<String, String> TYPES =
      Map.of(
          "recon.css", "text/css; charset=utf-8",
          "recon.js", "text/javascript; charset=utf-8",
          "openapi.json", "application/json; charset=utf-8");

  private Assets() {}

  public static List<Route> routes() {
    return List.of(
        Route.get("/assets/{name}", Access.ANYONE, Assets::serve),
        Route.get("/api/openapi.json", Access.ANYONE, ctx -> send(ctx, "openapi.json")));
  }

  private static void serve(Context ctx) {
    send(ctx, ctx.pathParam("name"));
  }

  private static void send(Context ctx, String name) {
    String type = TYPES.get(name);
    if (type == null) {
      throw WebError.notFound("/assets/" + name);
    }
    ctx.contentType(type);
    ctx.header("Cache-Control", "max-age=300");
    ctx.result(read(name));
  }

  /** A listed asset's bytes (the API document is also read by its test). */
  public static byte[] read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("asset missing from the class path: " + FOLDER + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
