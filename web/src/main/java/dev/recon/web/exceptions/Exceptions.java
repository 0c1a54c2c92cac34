package dev.recon.web.exceptions;

import dev.recon.exceptions.ExceptionDetail;
import dev.recon.exceptions.ExceptionFilter;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.exceptions.ExceptionRow;
import dev.recon.exceptions.ExceptionSort;
import dev.recon.exceptions.ExceptionStatus;
import dev.recon.exceptions.ManualMatchResult;
import dev.recon.exceptions.MatchPreview;
import dev.recon.facts.Aging;
import dev.recon.facts.Item;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.persistence.Page;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Paging;
import dev.recon.web.Params;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import dev.recon.web.access.Guard;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exception queue's screens and API: a filtered, sorted list paged on the server, one exception
 * with its item, reason (nearest candidates), suggestion, comments and history, and the actions on
 * it. Every decision is the queue's ({@code dev.recon.exceptions.ExceptionQueue}): this class reads
 * the request, calls it as the signed-in user, and shows the result. Viewers read; preparers act.
 */
public final class Exceptions {
  private static final int PAGE_SIZE_DEFAULT = 50;

  /** Candidates shown for a manual match: open items of the currency nearest in amount. */
  private static final int CANDIDATES_MAX = 20;

  /** The filter fields a list takes, as query parameters (the queue parses their values). */
  static final List<String> FILTER_KEYS =
      List.of(
          "status",
          "type",
          "side",
          "account",
          "currency",
          "age",
          "assignee",
          "min",
          "max",
          "text",
          "revisit");

  private final ExceptionQueue queue;

  public Exceptions(ExceptionQueue queue) {
    this.queue = queue;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/exceptions", Access.VIEWER, this::listPage),
        Route.get("/exceptions/{id}", Access.VIEWER, this::detailPage),
        Route.post("/exceptions/{id}/comment", Access.PREPARER, this::commentForm),
        Route.post("/exceptions/{id}/assign", Access.PREPARER, this::assignForm),
        Route.post("/exceptions/{id}/match", Access.PREPARER, this::matchForm),
        Route.post("/exceptions/{id}/write-off", Access.PREPARER, this::writeOffForm),
        Route.post("/exceptions/{id}/timing", Access.PREPARER, this::timingForm),
        Route.post("/exceptions/{id}/suggestion", Access.PREPARER, this::suggestionForm),
        Route.post("/exceptions/{id}/unmatch", Access.PREPARER, this::unmatchForm),
        Route.get("/api/exceptions", Access.VIEWER, this::apiList),
        Route.get("/api/exceptions/{id}", Access.VIEWER, this::apiDetail),
        Route.post("/api/exceptions/{id}/comments", Access.PREPARER, this::apiComment),
        Route.post("/api/exceptions/{id}/assign", Access.PREPARER, this::apiAssign),
        Route.post("/api/exceptions/{id}/write-off", Access.PREPARER, this::apiWriteOff),
        Route.post("/api/matches", Access.PREPARER, this::apiMatch),
        Route.post("/api/matches/preview", Access.PREPARER, this::apiPreview),
        Route.post("/api/groups/{id}/unmatch", Access.PREPARER, this::apiUnmatch),
        Route.post("/api/groups/{id}/accept", Access.PREPARER, this::apiAccept),
        Route.post("/api/groups/{id}/reject", Access.PREPARER, this::apiReject));
  }

  // ------------------------------------------------------------------ list

  /** A list's filter as the form shows it (the raw values) and as the queue takes it. */
  public record Filter(Map<String, String> values, String sort, ExceptionFilter parsed) {
    /** The filter's value of a field, blank when it is not set. */
    public String value(String key) {
      return values.getOrDefault(key, "");
    }
  }

  static Filter filterOf(Context ctx) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> terms = new ArrayList<>();
    for (String key : FILTER_KEYS) {
      String value = ctx.queryParam(key);
      if (value != null && !value.isBlank()) {
        values.put(key, value.strip());
        terms.add(key + "=" + value.strip());
      }
    }
    String sort = ctx.queryParam("sort");
    return new Filter(
        values,
        sort == null || sort.isBlank() ? "priority" : sort.strip(),
        ExceptionFilter.parse(terms));
  }

  /** One row as the list shows it. */
  public record Line(ExceptionRow row, String amount, String href) {}

  /** What the list page shows. */
  public record ListView(
      Filter filter,
      List<Line> lines,
      Paging.Pager pager,
      List<String> statuses,
      List<String> types,
      List<String> buckets,
      List<String> sorts) {}

  private Page<ExceptionRow> page(Context ctx, Filter filter, Paging paging) {
    return queue.list(
        filter.parsed(),
        ExceptionSort.parse(filter.sort()),
        paging.offset(),
        paging.size(),
        queue.today());
  }

  private void listPage(Context ctx) {
    Filter filter = filterOf(ctx);
    Paging paging = Paging.from(ctx, PAGE_SIZE_DEFAULT);
    Page<ExceptionRow> page = page(ctx, filter, paging);
    List<Line> lines =
        page.rows().stream()
            .map(r -> new Line(r, amount(r.amountMinor(), r.currency()), "/exceptions/" + r.id()))
            .toList();
    Pages.render(
        ctx,
        "exceptions.jte",
        Shell.of(ctx, "Exceptions", "exceptions"),
        new ListView(
            filter,
            lines,
            Paging.pager(ctx, page, paging),
            EnumSet.allOf(ExceptionStatus.class).stream()
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                .toList(),
            EnumSet.allOf(dev.recon.exceptions.ExceptionType.class).stream()
                .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                .toList(),
            EnumSet.allOf(Aging.Bucket.class).stream().map(Aging.Bucket::label).toList(),
            List.of("priority", "-priority", "age", "-age", "amount", "-amount", "id", "-id")));
  }

  private void apiList(Context ctx) {
    Filter filter = filterOf(ctx);
    Paging paging = Paging.from(ctx, PAGE_SIZE_DEFAULT);
    ctx.json(page(ctx, filter, paging));
  }

  // ------------------------------------------------------------------ detail

  /** An item as the detail page shows it, ticked for a manual match or not. */
  public record ItemLine(Item item, String amount, boolean ticked) {}

  /** What the detail page shows. */
  public record DetailView(
      ExceptionDetail detail,
      String amount,
      ItemLine item,
      List<Candidate> candidates,
      List<ItemLine> suggestion,
      int scale,
      boolean mayAct,
      String notice) {}

  private void detailPage(Context ctx) {
    showDetail(ctx, ctx.queryParam("done"));
  }

  private void showDetail(Context ctx, String notice) {
    long id = id(ctx);
    ExceptionDetail detail = queue.show(id, queue.today());
    ExceptionRow row = detail.exception();
    ItemLine item = detail.item() == null ? null : line(detail.item(), true);
    List<Candidate> candidates =
        item == null || !row.status().isOpen() ? List.of() : candidates(row);
    List<ItemLine> suggestion =
        detail.suggestion() == null
            ? List.of()
            : detail.suggestion().members().stream().map(i -> line(i, false)).toList();
    Pages.render(
        ctx,
        "exception.jte",
        Shell.of(ctx, "Exception #" + id, "exceptions"),
        new DetailView(
            detail,
            amount(row.amountMinor(), row.currency()),
            item,
            candidates,
            suggestion,
            Currencies.of(row.currency()).getDefaultFractionDigits(),
            Access.PREPARER.allows(Guard.session(ctx).role()),
            notice));
  }

  /** An open item another exception is about, offered for a manual match. */
  public record Candidate(ExceptionRow row, String amount) {}

  /**
   * The open items of the exception's currency nearest to its amount (from half to twice its size,
   * nearest first), other than its own: what a person most likely matches it with. Two indexed
   * reads of the queue, one on each side of the amount.
   */
  private List<Candidate> candidates(ExceptionRow row) {
    long size = Math.abs(row.amountMinor());
    long twice = size > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : size * 2;
    List<ExceptionRow> near = new ArrayList<>();
    near.addAll(nearby(row.currency(), size, twice, "-amount"));
    near.addAll(nearby(row.currency(), size / 2, size, "amount"));
    return near.stream()
        .filter(other -> other.itemId() != null && !other.itemId().equals(row.itemId()))
        .distinct()
        .sorted(
            java.util.Comparator.<ExceptionRow>comparingLong(
                    other -> Math.abs(Math.abs(other.amountMinor()) - size))
                .thenComparingLong(ExceptionRow::id))
        .limit(CANDIDATES_MAX)
        .map(other -> new Candidate(other, amount(other.amountMinor(), other.currency())))
        .toList();
  }

  private List<ExceptionRow> nearby(String currency, long min, long max, String sort) {
    ExceptionFilter filter =
        new ExceptionFilter(
            ExceptionFilter.open().statuses(),
            null,
            null,
            null,
            currency,
            null,
            null,
            min,
            max,
            null,
            false);
    return queue
        .list(filter, ExceptionSort.parse(sort), 0, CANDIDATES_MAX + 1, queue.today())
        .rows();
  }

  private static ItemLine line(Item item, boolean ticked) {
    return new ItemLine(
        item, amount(item.fact().amount().minor(), item.fact().currencyCode()), ticked);
  }

  private void apiDetail(Context ctx) {
    ctx.json(queue.show(id(ctx), queue.today()));
  }

  // ------------------------------------------------------------------ actions

  private void commentForm(Context ctx) {
    queue.comment(id(ctx), user(ctx), ctx.formParam("text"));
    done(ctx, "comment added");
  }

  private void assignForm(Context ctx) {
    String assignee = ctx.formParam("assignee");
    queue.assign(id(ctx), user(ctx), assignee);
    done(ctx, assignee == null || assignee.isBlank() ? "handed back" : "assigned to " + assignee);
  }

  private void matchForm(Context ctx) {
    Set<Long> items = new TreeSet<>();
    for (String value : ctx.formParams("item")) {
      items.add(number(value, "item"));
    }
    if (items.size() < 2) {
      throw WebError.badRequest("tick at least two items to match (the exception's and another)");
    }
    ManualMatchResult result =
        queue.manualMatch(
            user(ctx), items, ctx.formParam("note"), ctx.formParam("bookDifference") != null);
    done(
        ctx,
        "matched in group #"
            + result.groupId()
            + (result.differenceMinor() == 0
                ? ""
                : "; difference "
                    + amount(result.differenceMinor(), result.currency())
                    + " proposed as correction #"
                    + result.correctionId()));
  }

  private void writeOffForm(Context ctx) {
    long correction = queue.writeOff(id(ctx), user(ctx), ctx.formParam("reason"));
    done(ctx, "written off; correction #" + correction + " awaits approval");
  }

  /** A timing difference: the item should match later, so it stays open until a date to look. */
  private void timingForm(Context ctx) {
    java.time.LocalDate revisitOn = Params.date("revisit", ctx.formParam("revisit"));
    queue.markTiming(id(ctx), user(ctx), revisitOn, ctx.formParam("note"));
    done(ctx, "marked as a timing difference; revisit on " + revisitOn);
  }

  private void suggestionForm(Context ctx) {
    long group = number(ctx.formParam("group"), "group");
    if ("accept".equals(ctx.formParam("decision"))) {
      queue.acceptSuggestion(group, user(ctx));
      done(ctx, "suggestion accepted");
    } else {
      queue.rejectSuggestion(group, user(ctx), ctx.formParam("reason"));
      done(ctx, "suggestion rejected");
    }
  }

  private void unmatchForm(Context ctx) {
    long group = number(ctx.formParam("group"), "group");
    var result = queue.unmatch(group, user(ctx), ctx.formParam("reason"));
    done(
        ctx,
        "group #"
            + group
            + " undone; its items are back in the queue"
            + (result.reversalCorrections().isEmpty()
                ? ""
                : "; reversing corrections " + result.reversalCorrections() + " await approval"));
  }

  /** After a form: back to the exception, saying what was done (post, redirect, get). */
  private static void done(Context ctx, String what) {
    ctx.redirect(
        "/exceptions/"
            + id(ctx)
            + "?done="
            + java.net.URLEncoder.encode(what, java.nio.charset.StandardCharsets.UTF_8),
        HttpStatus.SEE_OTHER);
  }

  /** Bodies of the API's actions. */
  public record CommentBody(String text) {}

  public record AssignBody(String assignee) {}

  public record ReasonBody(String reason) {}

  /** A write-off's answer: the exception, and the correction proposed for it. */
  public record WriteOffResult(long exception, long correction) {}

  public record MatchBody(List<Long> items, String note, boolean bookDifference) {}

  private void apiComment(Context ctx) {
    ctx.status(HttpStatus.CREATED)
        .json(queue.comment(id(ctx), user(ctx), ctx.bodyAsClass(CommentBody.class).text()));
  }

  private void apiAssign(Context ctx) {
    ctx.json(queue.assign(id(ctx), user(ctx), ctx.bodyAsClass(AssignBody.class).assignee()));
  }

  private void apiWriteOff(Context ctx) {
    long correction =
        queue.writeOff(id(ctx), user(ctx), ctx.bodyAsClass(ReasonBody.class).reason());
    ctx.json(new WriteOffResult(id(ctx), correction));
  }

  private void apiMatch(Context ctx) {
    MatchBody body = ctx.bodyAsClass(MatchBody.class);
    ctx.status(HttpStatus.CREATED)
        .json(queue.manualMatch(user(ctx), itemSet(body), body.note(), body.bookDifference()));
  }

  private void apiPreview(Context ctx) {
    MatchPreview preview = queue.previewMatch(itemSet(ctx.bodyAsClass(MatchBody.class)));
    ctx.json(preview);
  }

  private static Set<Long> itemSet(MatchBody body) {
    if (body.items() == null || body.items().size() < 2) {
      throw WebError.badRequest("name at least two items: {\"items\": [id, id, ...]}");
    }
    return new TreeSet<>(body.items());
  }

  private void apiUnmatch(Context ctx) {
    ctx.json(queue.unmatch(id(ctx), user(ctx), ctx.bodyAsClass(ReasonBody.class).reason()));
  }

  private void apiAccept(Context ctx) {
    ctx.json(Map.of("group", queue.acceptSuggestion(id(ctx), user(ctx))));
  }

  private void apiReject(Context ctx) {
    queue.rejectSuggestion(id(ctx), user(ctx), ctx.bodyAsClass(ReasonBody.class).reason());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  // ------------------------------------------------------------------ helpers

  private static String user(Context ctx) {
    return Guard.session(ctx).user();
  }

  static long id(Context ctx) {
    return number(ctx.pathParam("id"), "id");
  }

  private static long number(String text, String what) {
    try {
      return Long.parseLong(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      throw WebError.badRequest(what + " must be a whole number, not \"" + text + "\"");
    }
  }

  public static String amount(long minor, String currency) {
    return Money.ofMinor(minor, currency).toDecimal().toPlainString();
  }
}
