package dev.recon.web.reports;

import dev.recon.persistence.Database;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportWriter;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Params;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Downloading the match report as the CLI writes it ({@link ReportWriter}): an XLSX workbook, or
 * its CSV files in one ZIP. A report covers everything, or the items booked in a period, with ages
 * counted to an as-of date. The files are written to a fresh temporary folder and removed once
 * sent.
 */
public final class Reports {
  private final Database database;
  private final Clock clock;

  public Reports(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/reports", Access.VIEWER, this::page),
        Route.get("/reports/download", Access.VIEWER, this::download),
        Route.get("/api/reports/{format}", Access.VIEWER, this::download));
  }

  /** The reports page: the form's defaults. */
  public record View(LocalDate today) {}

  private void page(Context ctx) {
    Pages.render(
        ctx, "reports.jte", Shell.of(ctx, "Reports", "reports"), new View(LocalDate.now(clock)));
  }

  /** What a download asked for. */
  record Request(String format, LocalDate asOf, LocalDate from, LocalDate to) {
    String fileName() {
      String period =
          from == null && to == null
              ? ""
              : "-" + (from == null ? "start" : from) + "_" + (to == null ? "end" : to);
      return "recon-report-" + asOf + period + (format.equals("xlsx") ? ".xlsx" : "-csv.zip");
    }
  }

  private void download(Context ctx) {
    String format =
        ctx.pathParamMap().containsKey("format")
            ? ctx.pathParam("format")
            : ctx.queryParam("format");
    Request request =
        new Request(
            formatOf(format),
            dateOf(ctx, "asOf", LocalDate.now(clock)),
            dateOf(ctx, "from", null),
            dateOf(ctx, "to", null));
    if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
      throw WebError.badRequest(
          "the period starts (" + request.from() + ") after it ends (" + request.to() + ")");
    }
    // Without an end the report is as at the as-of date, like the CLI's --date (unless the period
    // starts after it: then it runs to the last item).
    boolean endAtAsOf =
        request.to() == null && (request.from() == null || !request.from().isAfter(request.asOf()));
    ReportScope scope =
        new ReportScope(
            request.asOf(), request.from(), endAtAsOf ? request.asOf() : request.to(), null);
    byte[] bytes = write(database, scope, request.format());
    ctx.contentType(
        request.format().equals("xlsx")
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "application/zip");
    ctx.header("Content-Disposition", "attachment; filename=\"" + request.fileName() + "\"");
    ctx.result(bytes);
  }

  static String formatOf(String text) {
    if ("xlsx".equals(text) || "csv".equals(text)) {
      return text;
    }
    throw WebError.badRequest("a report is xlsx or csv, not \"" + text + "\"");
  }

  private static LocalDate dateOf(Context ctx, String name, LocalDate fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return Params.date(name, text);
  }

  private static byte[] write(Database database, ReportScope scope, String format) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("recon-report-");
      List<Path> written =
          ReportWriter.write(database, scope, folder.resolve("report." + format)).files();
      return format.equals("xlsx") ? Files.readAllBytes(written.get(0)) : zip(written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    } finally {
      deleteQuietly(folder);
    }
  }

  private static byte[] zip(List<Path> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless; the report was already sent or refused.
    }
  }
}
