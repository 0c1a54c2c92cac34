package dev.recon.web.corrections;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.Corrections;
import dev.recon.corrections.ExportFile;
import dev.recon.corrections.JournalExport;
import dev.recon.persistence.Page;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Paging;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import dev.recon.web.access.Guard;
import dev.recon.web.exceptions.Exceptions;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The corrections screen and API: proposed journal entries with their lines, approved or rejected
 * by an approver who is not one of their authors (the service refuses that, and the page shows its
 * refusal), and the export of the approved ones as a journal import file. The rules are the
 * service's ({@code dev.recon.corrections.Corrections}); this class only carries requests to it.
 */
public final class CorrectionsPage {
  private static final int PAGE_SIZE_DEFAULT = 25;

  private final Corrections corrections;

  public CorrectionsPage(Corrections corrections) {
    this.corrections = corrections;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/corrections", Access.VIEWER, this::page),
        Route.post("/corrections/{id}/approve", Access.APPROVER, this::approveForm),
        Route.post("/corrections/{id}/reject", Access.APPROVER, this::rejectForm),
        Route.post("/corrections/export", Access.APPROVER, this::export),
        Route.get("/api/corrections", Access.VIEWER, this::apiList),
        Route.get("/api/corrections/{id}", Access.VIEWER, this::apiShow),
        Route.post("/api/corrections/{id}/approve", Access.APPROVER, this::apiApprove),
        Route.post("/api/corrections/{id}/reject", Access.APPROVER, this::apiReject),
        Route.post("/api/corrections/export", Access.APPROVER, this::export));
  }

  /** An entry as the page shows it: amounts as text, and whether this user may decide it. */
  public record Entry(CorrectionEntry entry, String amount, List<Line> lines, boolean mayDecide) {}

  public record Line(String account, String debit, String credit, String memo) {}

  public record View(
      String status, List<Entry> entries, Paging.Pager pager, boolean approver, String notice) {}

  private Page<CorrectionEntry> list(Context ctx, Paging paging, String status) {
    List<String> statuses =
        status.equals("all") ? List.of() : List.of(status.toUpperCase(Locale.ROOT));
    return corrections.list(statuses, paging.offset(), paging.size());
  }

  private static String status(Context ctx) {
    String status = ctx.queryParam("status");
    if (status == null || status.isBlank()) {
      return "proposed";
    }
    String s = status.strip().toLowerCase(Locale.ROOT);
    if (!List.of("proposed", "approved", "rejected", "all").contains(s)) {
      throw WebError.badRequest(
          "status \"" + status + "\" is not one of proposed, approved, rejected, all");
    }
    return s;
  }

  private void page(Context ctx) {
    String status = status(ctx);
    Paging paging = Paging.from(ctx, PAGE_SIZE_DEFAULT);
    Page<CorrectionEntry> page = list(ctx, paging, status);
    boolean approver = Access.APPROVER.allows(Guard.session(ctx).role());
    String user = Guard.session(ctx).user();
    List<Entry> entries =
        page.rows().stream()
            .map(
                e ->
                    new Entry(
                        e,
                        Exceptions.amount(e.amountMinor(), e.currency()),
                        e.lines().stream()
                            .map(
                                l ->
                                    new Line(
                                        l.account(),
                                        l.debitMinor() == 0
                                            ? ""
                                            : Exceptions.amount(l.debitMinor(), e.currency()),
                                        l.creditMinor() == 0
                                            ? ""
                                            : Exceptions.amount(l.creditMinor(), e.currency()),
                                        l.memo()))
                            .toList(),
                        approver && e.status().equals("PROPOSED")))
            .toList();
    Pages.render(
        ctx,
        "corrections.jte",
        Shell.of(ctx, "Corrections", "corrections"),
        new View(status, entries, Paging.pager(ctx, page, paging), approver, notice(ctx, user)));
  }

  private static String notice(Context ctx, String user) {
    String done = ctx.queryParam("done");
    return done == null || done.isBlank() ? null : done;
  }

  private void approveForm(Context ctx) {
    CorrectionEntry entry = corrections.approve(id(ctx), user(ctx));
    back(ctx, "correction #" + entry.id() + " approved");
  }

  private void rejectForm(Context ctx) {
    CorrectionEntry entry = corrections.reject(id(ctx), user(ctx), ctx.formParam("reason"));
    back(ctx, "correction #" + entry.id() + " rejected; it is back in the exception queue");
  }

  private static void back(Context ctx, String what) {
    ctx.redirect(
        "/corrections?status=all&done=" + URLEncoder.encode(what, StandardCharsets.UTF_8),
        HttpStatus.SEE_OTHER);
  }

  /**
   * Downloads the approved corrections not exported before as a journal import file (CSV or XLSX),
   * marking them exported; a second export holds only what was approved since.
   */
  private void export(Context ctx) {
    String format = ctx.formParam("format");
    if (format == null) {
      format = ctx.queryParam("format");
    }
    ExportFile file =
        corrections.export(user(ctx), JournalExport.Format.parse(format == null ? "csv" : format));
    ctx.header("Content-Disposition", "attachment; filename=\"" + safeName(file.fileName()) + "\"");
    ctx.contentType(file.contentType());
    ctx.result(file.content());
  }

  /** The service names its files; keep only characters harmless in a header. */
  static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  public record ReasonBody(String reason) {}

  private void apiList(Context ctx) {
    Paging paging = Paging.from(ctx, PAGE_SIZE_DEFAULT);
    ctx.json(list(ctx, paging, status(ctx)));
  }

  private void apiShow(Context ctx) {
    ctx.json(corrections.show(id(ctx)));
  }

  private void apiApprove(Context ctx) {
    ctx.json(corrections.approve(id(ctx), user(ctx)));
  }

  private void apiReject(Context ctx) {
    ctx.json(corrections.reject(id(ctx), user(ctx), ctx.bodyAsClass(ReasonBody.class).reason()));
  }

  private static String user(Context ctx) {
    return Guard.session(ctx).user();
  }

  private static long id(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw WebError.badRequest("id must be a whole number, not \"" + text + "\"");
    }
  }
}
