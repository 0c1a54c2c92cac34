package dev.recon.web;

import io.javalin.http.HttpStatus;

/**
 * A request refused with a status and a sentence the user can act on; the error mapper shows it as
 * a page or as JSON.
 */
public final class WebError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  public WebError(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  public static WebError notFound(String what) {
    return new WebError(HttpStatus.NOT_FOUND, what + " does not exist");
  }

  public static WebError badRequest(String message) {
    return new WebError(HttpStatus.BAD_REQUEST, message);
  }
}
