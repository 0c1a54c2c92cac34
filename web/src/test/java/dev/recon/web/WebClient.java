package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client of a test server, as a browser without scripts would use it: it keeps
 * cookies, does not follow redirects (tests look at them), and reads the CSRF token from the page
 * it last loaded, the way a form would carry it.
 */
final class WebClient {
  private static final Pattern CSRF_META =
      Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

  private final TestServer server;
  final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  String csrf = "";

  WebClient(TestServer server) {
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A file to upload: its name as the browser would send it, and its bytes. */
  record Upload(String fileName, byte[] bytes) {}

  void signIn(String name, String password) {
    HttpResponse<String> page = get("/sign-in");
    Matcher token = CSRF_FIELD.matcher(page.body());
    assertThat(token.find()).as("sign-in form has its token").isTrue();
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("csrf", token.group(1), "name", name, "password", password))));
    assertThat(response.statusCode()).as("sign-in of " + name).isEqualTo(303);
    get("/");
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    Matcher meta = CSRF_META.matcher(response.body());
    if (meta.find() && !meta.group(1).isEmpty()) {
      csrf = meta.group(1);
    }
    return response;
  }

  HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A form post carrying the page's CSRF token, as every form of Recon does. */
  HttpResponse<String> postForm(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("csrf", csrf);
    return postFormRaw(path, withToken);
  }

  /** A form post with exactly these fields (a missing or wrong token stays so). */
  HttpResponse<String> postFormRaw(String path, Map<String, String> fields) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(form(fields)));
  }

  /** A JSON call; state-changing methods carry the token in the header, as scripts do. */
  HttpResponse<String> json(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!method.equals("GET") && !csrf.isEmpty()) {
      request.header("X-CSRF-Token", csrf);
    }
    return send(request);
  }

  HttpResponse<String> upload(String path, Map<String, String> fields, Upload... files) {
    String boundary = "recon-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("csrf", csrf);
    withToken.forEach(
        (name, value) ->
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n"));
    for (Upload file : files) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
              + file.fileName()
              + "\"\r\nContent-Type: text/csv\r\n\r\n");
      body.writeBytes(file.bytes());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create(server.url(path));
  }

  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    StringBuilder text = new StringBuilder();
    fields.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return HttpRequest.BodyPublishers.ofString(text.toString());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
