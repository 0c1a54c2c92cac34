package dev.recon.web;

import dev.recon.importing.BadInput;
import dev.recon.rules.dsl.RuleFileException;
import dev.recon.web.access.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: a page under the layout for the browser, a JSON
 * {@code error} object under {@code /api/}. Bad input lists each problem with its file, line and
 * column; a refusal says what to do; anything else is a bug, logged with an incident id that the
 * user sees, and never shown as a stack trace.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** One located problem: a file's line and column, or a rule file's. */
  public record Problem(String file, int line, String column, String message) {
    @Override
    public String toString() {
      return file
          + (line > 0 ? ":" + line : "")
          + (column == null ? "" : " " + column)
          + ": "
          + message;
    }
  }

  /** The JSON body of every API error. */
  public record ApiError(int status, String message, List<Problem> problems) {}

  public static void register(JavalinConfig config) {
    config.routes.exception(Guard.SignInNeeded.class, (e, ctx) -> signInNeeded(ctx));
    config.routes.exception(
        WebError.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage(), List.of()));
    config.routes.exception(
        BadInput.class,
        (e, ctx) ->
            respond(
                ctx,
                HttpStatus.UNPROCESSABLE_CONTENT,
                "the file was refused; nothing of it was stored",
                e.problems().stream()
                    .map(p -> new Problem(p.fileName(), p.line(), p.column(), p.message()))
                    .toList()));
    config.routes.exception(
        RuleFileException.class,
        (e, ctx) ->
            respond(
                ctx,
                HttpStatus.UNPROCESSABLE_CONTENT,
                "the rule file has errors; nothing of it was loaded",
                e.errors().stream()
                    .map(r -> new Problem(r.file(), r.line(), "column " + r.column(), r.message()))
                    .toList()));
    config.routes.exception(
        IllegalArgumentException.class,
        (e, ctx) -> respond(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), List.of()));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> respond(ctx, statusOf(e.getStatus()), e.getMessage(), List.of()));
    config.routes.exception(Exception.class, ErrorMapper::unexpected);
  }

  private static void unexpected(Exception e, Context ctx) {
    Integer jettyStatus = jettyStatus(e);
    if (jettyStatus != null) {
      // Jetty refused the request itself (a multipart body over its limits, a malformed request).
      respond(ctx, statusOf(jettyStatus), requestRefusal(jettyStatus), List.of());
      return;
    }
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), e);
    respond(
        ctx,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Recon failed unexpectedly (incident "
            + incident
            + "); nothing was half-done, and the operator's log has the details",
        List.of());
  }

  private static String requestRefusal(int status) {
    return status == HttpStatus.CONTENT_TOO_LARGE.getCode()
        ? "the upload is larger than this server accepts; split the files"
        : "the request was malformed (HTTP " + status + ")";
  }

  private static Integer jettyStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (overMultipartLimit(t)) {
        return HttpStatus.CONTENT_TOO_LARGE.getCode();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException http) {
        return http.getCode();
      }
    }
    return null;
  }

  /**
   * Jetty's multipart parser stopped at the upload limit. A body sent in chunks has no length for
   * the guard to check up front, so this is where such an upload is refused; Jetty reports it as a
   * bad request whose cause names the limit.
   */
  private static boolean overMultipartLimit(Throwable t) {
    String message = t.getMessage();
    return t instanceof IllegalStateException
        && message != null
        && (message.startsWith("max length exceeded")
            || message.startsWith("max file size exceeded"));
  }

  private static HttpStatus statusOf(int code) {
    HttpStatus status = HttpStatus.forStatus(code);
    return status == HttpStatus.UNKNOWN ? HttpStatus.BAD_REQUEST : status;
  }

  static boolean wantsJson(Context ctx) {
    return ctx.path().startsWith("/api/");
  }

  private static void signInNeeded(Context ctx) {
    if (wantsJson(ctx)) {
      ctx.status(HttpStatus.UNAUTHORIZED)
          .json(
              new ApiError(
                  401, "sign in first: POST /api/session with your name and password", List.of()));
      return;
    }
    if (ctx.method() == io.javalin.http.HandlerType.GET) {
      ctx.redirect(
          "/sign-in?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
          HttpStatus.SEE_OTHER);
      return;
    }
    respond(ctx, HttpStatus.UNAUTHORIZED, "your session ended; sign in again", List.of());
  }

  public static void respond(
      Context ctx, HttpStatus status, String message, List<Problem> problems) {
    ctx.status(status);
    if (wantsJson(ctx)) {
      ctx.json(new ApiError(status.getCode(), message, problems));
      return;
    }
    Pages.render(
        ctx,
        "error.jte",
        Map.of(
            "shell",
            Shell.of(ctx, status.getMessage(), ""),
            "status",
            status.getCode(),
            "message",
            message,
            "problems",
            problems));
  }
}
