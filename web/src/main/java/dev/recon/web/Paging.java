package dev.recon.web;

import dev.recon.persistence.Page;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists are paged on the server: {@code ?page=N} (from 1) and {@code ?size=N} (bounded), so a page
 * costs the same whether the table holds a hundred rows or a million. The same parameters work on
 * the pages and on the API.
 *
 * @param page 1-based
 */
public record Paging(int page, int size) {
  public static final int SIZE_MAX = 200;

  public static Paging from(Context ctx, int defaultSize) {
    int page = positive(ctx, "page", 1);
    int size = Math.min(positive(ctx, "size", defaultSize), SIZE_MAX);
    return new Paging(page, size);
  }

  private static int positive(Context ctx, String name, int fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 1) {
        throw WebError.badRequest(name + " must be 1 or more, not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw WebError.badRequest(name + " must be a whole number, not \"" + text + "\"");
    }
  }

  public int offset() {
    long offset = (long) (page - 1) * size;
    if (offset > Integer.MAX_VALUE) {
      throw WebError.badRequest("page " + page + " is beyond any list");
    }
    return (int) offset;
  }

  /**
   * What a page shows under a list: where it is and the links to the neighbours, which keep the
   * list's other query parameters (filters, sort).
   */
  public record Pager(
      int page, int pages, long total, int firstRow, int lastRow, String previous, String next) {
    public boolean needed() {
      return pages > 1;
    }
  }

  public static Pager pager(Context ctx, Page<?> page, Paging paging) {
    int pages = (int) Math.max(1, (page.total() + paging.size() - 1) / paging.size());
    String previous = paging.page() > 1 ? link(ctx, paging.page() - 1) : null;
    String next = paging.page() < pages ? link(ctx, paging.page() + 1) : null;
    int first = page.rows().isEmpty() ? 0 : page.offset() + 1;
    return new Pager(
        paging.page(),
        pages,
        page.total(),
        first,
        page.offset() + page.rows().size(),
        previous,
        next);
  }

  private static String link(Context ctx, int page) {
    Map<String, String> query = new TreeMap<>();
    ctx.queryParamMap().forEach((key, values) -> query.put(key, values.get(0)));
    query.put("page", Integer.toString(page));
    StringBuilder href = new StringBuilder(ctx.path()).append('?');
    query.forEach(
        (key, value) ->
            href.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    href.setLength(href.length() - 1);
    return href.toString();
  }
}
