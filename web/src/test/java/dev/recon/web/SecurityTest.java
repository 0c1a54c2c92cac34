package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.access.Role;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The security model, tried against a real server over plain HTTP: roles on every route, CSRF
 * tokens, escaping of file-supplied text, the upload limit, uploaded file names, and the session
 * cookie.
 */
@EveryDatabase
class SecurityTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(backend, tempDir, settings -> settings.withUploadBytesMax(64 * 1024));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A request to a route with its path parameters filled in and, for a change, a body. */
  private static HttpRequest.Builder requestTo(WebClient client, Route route) {
    String path =
        route.path().replace("{id}", "1").replace("{format}", "csv").replace("{name}", "recon.css");
    HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path));
    if (client.csrf != null && !client.csrf.isEmpty()) {
      request.header("X-CSRF-Token", client.csrf);
    }
    return route.changesState()
        ? request
            .header("Content-Type", "application/json")
            .method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}"))
        : request.GET();
  }

  @Nested
  class Roles {
    @Test
    void everyRouteRefusesEachRoleBelowItsOwn() {
      List<String> checked = new ArrayList<>();
      for (Role role : Role.values()) {
        WebClient client = server.signedIn(role);
        for (Route route : server.server.routes()) {
          if (route.access() == Access.ANYONE || route.access().allows(role)) {
            continue;
          }
          HttpResponse<String> response = client.send(requestTo(client, route));
          assertThat(response.statusCode())
              .as(role.label() + " on " + route.method() + " " + route.path())
              .isEqualTo(403);
          assertThat(response.body()).contains("needs the " + route.access().minimum().label());
          checked.add(role.label() + " " + route.path());
        }
      }
      // viewer is refused on every preparer route and above, preparer on approver and admin ones...
      assertThat(checked).contains("viewer /upload", "viewer /api/runs", "preparer /users");
    }

    @Test
    void noRouteBehindARoleAnswersWithoutSignIn() {
      WebClient anonymous = server.client();
      for (Route route : server.server.routes()) {
        if (route.access() == Access.ANYONE) {
          continue;
        }
        HttpResponse<String> response = anonymous.send(requestTo(anonymous, route));
        String what = route.method() + " " + route.path();
        if (route.isApi()) {
          assertThat(response.statusCode()).as(what).isEqualTo(401);
        } else if (route.changesState()) {
          assertThat(response.statusCode()).as(what).isEqualTo(401);
        } else {
          assertThat(response.statusCode()).as(what).isEqualTo(303);
          assertThat(response.headers().firstValue("Location"))
              .get()
              .asString()
              .startsWith("/sign-in?next=");
        }
      }
    }

    @Test
    void onlyTheSignInPageStylesApiDocumentMetricsAndHealthAreOpenToAnyone() {
      assertThat(
              server.server.routes().stream()
                  .filter(route -> route.access() == Access.ANYONE)
                  .map(route -> route.method() + " " + route.path()))
          .containsExactlyInAnyOrder(
              "GET /assets/{name}",
              "GET /api/openapi.json",
              "GET /sign-in",
              "POST /sign-in",
              "POST /api/session",
              "GET /metrics",
              "GET /health");
    }
  }

  @Nested
  class Csrf {
    @Test
    void aFormWithoutTheTokenIsRefusedAndNothingStarts() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      HttpResponse<String> response = preparer.postFormRaw("/runs", Map.of());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("carries no CSRF token");
      assertThat(server.server.runQueue().jobs()).isEmpty();
    }

    @Test
    void aFormWithAWrongTokenIsRefused() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      HttpResponse<String> response =
          preparer.postFormRaw("/runs", Map.of("csrf", preparer.csrf + "x"));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("CSRF token is wrong");
      assertThat(server.server.runQueue().jobs()).isEmpty();
    }

    @Test
    void anotherSessionsTokenIsRefused() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      WebClient other = server.signedIn(Role.PREPARER);
      HttpResponse<String> response = preparer.postFormRaw("/runs", Map.of("csrf", other.csrf));
      assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anApiCallWithoutTheHeaderIsRefused() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.csrf = "";
      HttpResponse<String> response = preparer.json("POST", "/api/runs", null);
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("\"status\":403").contains("CSRF");
    }

    @Test
    void theFormWithItsTokenPasses() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      HttpResponse<String> response = preparer.postForm("/runs", Map.of());
      assertThat(response.statusCode()).isEqualTo(303);
      assertThat(server.server.runQueue().jobs()).hasSize(1);
    }

    @Test
    void theSignInFormNeedsItsOwnToken() {
      WebClient client = server.client();
      client.get("/sign-in");
      HttpResponse<String> response =
          client.postFormRaw(
              "/sign-in",
              Map.of("name", "admin", "password", TestServer.PASSWORD, "csrf", "forged"));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(client.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void theApiSignInTakesOnlyJson() {
      HttpResponse<String> response =
          server
              .client()
              .send(
                  HttpRequest.newBuilder(server.client().uri("/api/session"))
                      .header("Content-Type", "text/plain")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"name\":\"admin\",\"password\":\""
                                  + TestServer.PASSWORD
                                  + "\"}")));
      assertThat(response.statusCode()).isEqualTo(415);
    }
  }

  @Nested
  class Escaping {
    @Test
    void aScriptInAnUploadedFileNameIsShownAsText() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/upload");
      HttpResponse<String> response =
          preparer.upload(
              "/upload",
              Map.of("source", "ledger", "account", "OPERATING-EUR"),
              new WebClient.Upload("<img src=x onerror=alert(1)>.csv", Samples.ledgerCsv()));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .doesNotContain("<img src=x")
          .contains(
              "&lt;img src=x onerror=alert(1)&gt;.csv</span>: <span class=\"status\">imported");
      assertThat(server.client().get("/sign-in").headers().firstValue("Content-Security-Policy"))
          .get()
          .asString()
          .contains("script-src 'self'");
    }

    @Test
    void aScriptInAFileHeaderQuotedByAnErrorIsShownAsText() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/upload");
      byte[] hostile =
          ("Posting Date,<img src=x onerror=alert(1)>,Counterparty\n2026-11-02,1,<script>alert(2)</script>\n")
              .getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> response =
          preparer.upload(
              "/upload",
              Map.of("source", "ledger", "account", "OPERATING-EUR"),
              new WebClient.Upload("hostile.csv", hostile));
      assertThat(response.body())
          .contains("refused")
          .doesNotContain("<img src=x")
          .contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void aScriptInACheckedRuleFileIsShownAsText() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/rules");
      HttpResponse<String> response =
          preparer.postForm(
              "/rules/check",
              Map.of("fileName", "x.rules", "text", "rule \"<script>alert(3)</script>\"\n"));
      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(response.body())
          .doesNotContain("<script>alert(3)")
          .contains("&lt;script&gt;alert(3)");
    }
  }

  @Nested
  class Uploads {
    @Test
    void anOversizedUploadIsRefusedWithTheLimitAndNothingIsStored() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/upload");
      byte[] big = new byte[100 * 1024];
      HttpResponse<String> response =
          preparer.upload(
              "/api/uploads", Map.of("source", "ledger"), new WebClient.Upload("big.csv", big));
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("accepts at most 0.1 MB");
      assertThat(server.database.<Long>inTransaction(tx -> tx.overview().imports(0, 10).total()))
          .isZero();
    }

    @Test
    void anOversizedUploadSentInChunksWithoutALengthIsRefusedAndNothingIsStored() {
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/upload");
      String boundary = "recon-chunked";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nledger\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\""
                  + "\r\nContent-Type: text/csv\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] line = "date,amount,reference\n".getBytes(StandardCharsets.UTF_8);
      // A stream of unknown length makes the client send chunks with no Content-Length.
      java.io.InputStream body =
          new java.io.SequenceInputStream(
              new java.io.ByteArrayInputStream(head),
              new java.io.InputStream() {
                private long sent;

                @Override
                public int read() {
                  return sent < 10L * 1024 * 1024 ? line[(int) (sent++ % line.length)] : -1;
                }
              });
      HttpRequest.Builder request =
          HttpRequest.newBuilder(preparer.uri("/api/uploads"))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .header("X-CSRF-Token", preparer.csrf)
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
      try {
        HttpResponse<String> response = preparer.send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("larger than this server accepts");
      } catch (java.io.UncheckedIOException closedMidUpload) {
        // The server answers 413 and stops reading; a client still sending may see the
        // connection reset before it reads that answer. Either way the upload is refused.
        assertThat(preparer.get("/upload").statusCode())
            .as("the server still serves after closing the oversized upload")
            .isEqualTo(200);
      }
      assertThat(server.database.<Long>inTransaction(tx -> tx.overview().imports(0, 10).total()))
          .isZero();
    }

    @Test
    void aPathTraversalFileNameIsOnlyAName() {
      Path target = tempDir.resolve("escaped.csv");
      String traversal =
          "../".repeat(12) + tempDir.toAbsolutePath().toString().substring(1) + "/escaped.csv";
      WebClient preparer = server.signedIn(Role.PREPARER);
      preparer.get("/upload");
      HttpResponse<String> response =
          preparer.upload(
              "/api/uploads",
              Map.of("source", "ledger", "account", "OPERATING-EUR"),
              new WebClient.Upload(traversal, Samples.ledgerCsv()),
              new WebClient.Upload("..\\..\\windows\\evil.csv", Samples.bankCsv()));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
      assertThat(Files.exists(target)).isFalse();
      assertThat(response.body())
          .contains("\"fileName\":\"escaped.csv\",\"status\":\"imported\"")
          .contains("\"fileName\":\"evil.csv\"");
      assertThat(
              server.database.inTransaction(tx -> tx.overview().imports(0, 10)).rows().stream()
                  .map(row -> row.fileName()))
          .containsExactly("escaped.csv");
    }
  }

  @Nested
  class Sessions {
    @Test
    void theSessionCookieIsHttpOnlyAndStrictAndSecureOnlyOverTls() {
      HttpResponse<String> response = signInByApi(server.client(), Map.of());
      String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie)
          .contains("recon_session=")
          .contains("HttpOnly")
          .contains("SameSite=Strict")
          .contains("Path=/")
          .doesNotContain("Secure");
    }

    @Test
    void behindATrustedTlsProxyTheCookieIsSecure() {
      server.close();
      server =
          new TestServer(
              backend,
              tempDir.resolve("proxied"),
              settings ->
                  new ServerSettings(
                      0,
                      settings.uploadBytesMax(),
                      settings.sessionIdle(),
                      false,
                      true,
                      settings.ruleSet()));
      HttpResponse<String> response =
          signInByApi(server.client(), Map.of("X-Forwarded-Proto", "https"));
      assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void aSessionIdPlantedBeforeSignInNeverBecomesASession() {
      WebClient victim = server.client();
      victim.cookies.getCookieStore().add(victim.uri("/"), planted("recon_session", "planted-id"));
      String page = victim.get("/sign-in").body();
      String token = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
      HttpResponse<String> signedIn =
          victim.postFormRaw(
              "/sign-in", Map.of("csrf", token, "name", "viewer", "password", TestServer.PASSWORD));
      assertThat(signedIn.statusCode()).isEqualTo(303);
      assertThat(signedIn.headers().allValues("Set-Cookie"))
          .anySatisfy(
              cookie ->
                  assertThat(cookie)
                      .startsWith("recon_session=")
                      .doesNotStartWith("recon_session=planted-id")
                      .hasSizeGreaterThan(60));
      WebClient attacker = server.client();
      attacker
          .cookies
          .getCookieStore()
          .add(attacker.uri("/"), planted("recon_session", "planted-id"));
      assertThat(attacker.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void aSecondSignInEndsTheFirstSession() {
      WebClient client = server.signedIn(Role.VIEWER);
      String first = client.cookie("recon_session");
      assertThat(
              client
                  .json(
                      "POST",
                      "/api/session",
                      "{\"name\":\"viewer\",\"password\":\"" + TestServer.PASSWORD + "\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(client.cookie("recon_session")).isNotEqualTo(first);
      WebClient replay = server.client();
      replay.cookies.getCookieStore().add(replay.uri("/"), planted("recon_session", first));
      assertThat(replay.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void signingOutEndsTheSession() {
      WebClient client = server.signedIn(Role.VIEWER);
      String id = client.cookie("recon_session");
      assertThat(client.postForm("/sign-out", Map.of()).statusCode()).isEqualTo(303);
      WebClient replay = server.client();
      replay.cookies.getCookieStore().add(replay.uri("/"), planted("recon_session", id));
      assertThat(replay.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void anIdleSessionExpires() {
      WebClient client = server.signedIn(Role.VIEWER);
      server.clock.advance(Duration.ofMinutes(29));
      assertThat(client.get("/").statusCode()).isEqualTo(200);
      server.clock.advance(Duration.ofMinutes(31));
      assertThat(client.get("/").statusCode()).isEqualTo(303);
      assertThat(client.json("GET", "/api/session", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordSignsNobodyIn() {
      WebClient client = server.client();
      HttpResponse<String> page = client.get("/sign-in");
      String token = page.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
      HttpResponse<String> response =
          client.postFormRaw(
              "/sign-in", Map.of("csrf", token, "name", "admin", "password", "wrong password!"));
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("The name or the password is wrong.");
      assertThat(client.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void afterFiveWrongPasswordsTheNameWaitsEvenWithTheRightOne() {
      WebClient client = server.client();
      for (int i = 0; i < 5; i++) {
        assertThat(apiSignIn(client, "admin", "wrong password!").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> refused = apiSignIn(client, "admin", TestServer.PASSWORD);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("too many wrong passwords").contains("30 seconds");
      assertThat(refused.headers().firstValue("Retry-After")).contains("30");
      // The form is refused too, and another name from the same address is not held up.
      assertThat(client.get("/sign-in").statusCode()).isEqualTo(200);
      assertThat(apiSignIn(server.client(), "viewer", TestServer.PASSWORD).statusCode())
          .isEqualTo(200);
      server.clock.advance(Duration.ofSeconds(31));
      assertThat(apiSignIn(client, "admin", "wrong again!!").statusCode()).isEqualTo(401);
      HttpResponse<String> longer = apiSignIn(client, "admin", TestServer.PASSWORD);
      assertThat(longer.statusCode()).isEqualTo(429);
      assertThat(longer.body()).contains("60 seconds");
      server.clock.advance(Duration.ofSeconds(61));
      assertThat(apiSignIn(client, "admin", TestServer.PASSWORD).statusCode()).isEqualTo(200);
      // A correct sign-in clears the count: one more mistake is not held against the name.
      assertThat(apiSignIn(client, "admin", "wrong password!").statusCode()).isEqualTo(401);
      assertThat(apiSignIn(client, "admin", TestServer.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theSignInFormIsThrottledLikeTheApi() {
      WebClient client = server.client();
      for (int i = 0; i < 5; i++) {
        assertThat(apiSignIn(client, "approver", "wrong password!").statusCode()).isEqualTo(401);
      }
      String page = client.get("/sign-in").body();
      String token = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
      HttpResponse<String> response =
          client.postFormRaw(
              "/sign-in",
              Map.of("csrf", token, "name", "approver", "password", TestServer.PASSWORD));
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.body()).contains("too many wrong passwords");
      assertThat(client.get("/").statusCode()).isEqualTo(303);
    }

    private HttpResponse<String> apiSignIn(WebClient client, String name, String password) {
      return client.send(
          HttpRequest.newBuilder(client.uri("/api/session"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
    }

    @Test
    void aSignInRedirectStaysOnThisServer() {
      assertThat(dev.recon.web.access.SignIn.localPath("//evil.example/")).isEqualTo("/");
      assertThat(dev.recon.web.access.SignIn.localPath("https://evil.example/")).isEqualTo("/");
      assertThat(dev.recon.web.access.SignIn.localPath("/runs")).isEqualTo("/runs");
    }

    private HttpResponse<String> signInByApi(WebClient client, Map<String, String> headers) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(client.uri("/api/session"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"name\":\"viewer\",\"password\":\"" + TestServer.PASSWORD + "\"}"));
      headers.forEach(request::header);
      HttpResponse<String> response = client.send(request);
      assertThat(response.statusCode()).isEqualTo(200);
      return response;
    }

    private java.net.HttpCookie planted(String name, String value) {
      java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
      cookie.setPath("/");
      cookie.setVersion(0);
      return cookie;
    }
  }
}
