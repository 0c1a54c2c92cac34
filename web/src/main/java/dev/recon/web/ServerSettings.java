package dev.recon.web;

import dev.recon.matching.RuleSet;
import java.time.Duration;

/**
 * How a server runs.
 *
 * @param uploadBytesMax the largest request body accepted (an upload of one or more files); larger
 *     ones are refused before they are read
 * @param sessionIdle how long a signed-in session lasts without a request
 * @param secureCookies always mark cookies Secure (behind a TLS-terminating proxy that does not say
 *     so); they are Secure anyway on a request that arrived over TLS
 * @param trustProxy believe the X-Forwarded-Proto header of a reverse proxy in front of Recon
 * @param ruleSet the active rule set: what runs started here match with
 */
public record ServerSettings(
    int port,
    long uploadBytesMax,
    Duration sessionIdle,
    boolean secureCookies,
    boolean trustProxy,
    RuleSet ruleSet) {
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_UPLOAD_BYTES_MAX = 50L * 1024 * 1024;
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

  public static ServerSettings defaults(int port, RuleSet ruleSet) {
    return new ServerSettings(
        port, DEFAULT_UPLOAD_BYTES_MAX, DEFAULT_SESSION_IDLE, false, false, ruleSet);
  }

  public ServerSettings withUploadBytesMax(long bytes) {
    return new ServerSettings(port, bytes, sessionIdle, secureCookies, trustProxy, ruleSet);
  }

  public ServerSettings withSessionIdle(Duration idle) {
    return new ServerSettings(port, uploadBytesMax, idle, secureCookies, trustProxy, ruleSet);
  }
}
