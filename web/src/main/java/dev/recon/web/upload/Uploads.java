package dev.recon.web.upload;

import dev.recon.importing.BadInput;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profile;
import dev.recon.importing.ProfileDetection;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import dev.recon.persistence.OverviewStore;
import dev.recon.persistence.Page;
import dev.recon.web.Access;
import dev.recon.web.ErrorMapper;
import dev.recon.web.Pages;
import dev.recon.web.Paging;
import dev.recon.web.Route;
import dev.recon.web.ServerSettings;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import dev.recon.web.access.Guard;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploading statements, gateway reports and ledger exports: one or more files per request, each
 * imported whole or refused whole by the engine's {@link Importer}. The source is chosen (a
 * built-in profile, never a path) or detected. A file's name is kept only as text, for messages and
 * the import record: the bytes are read in memory and never written under that name.
 */
public final class Uploads {
  public static final String DETECT = "detect";
  private static final int NAME_LENGTH_MAX = 200;
  private static final int ACCOUNT_LENGTH_MAX = 100;
  private static final int PAGE_SIZE = 20;

  private final Database database;
  private final Clock clock;
  private final ServerSettings settings;

  public Uploads(Database database, Clock clock, ServerSettings settings) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/upload", Access.PREPARER, this::page),
        Route.post("/upload", Access.PREPARER, this::submit),
        Route.post("/api/uploads", Access.PREPARER, this::apiSubmit),
        Route.get("/api/imports", Access.VIEWER, this::apiImports));
  }

  /** What happened to one uploaded file. */
  public record FileResult(
      String fileName,
      String status,
      String source,
      int records,
      int added,
      int duplicates,
      int ignored,
      String note,
      List<ErrorMapper.Problem> problems,
      List<String> balanceBreaks) {
    public boolean refused() {
      return "refused".equals(status);
    }
  }

  /** The upload page: the form, the results of what was just sent, and earlier imports. */
  public record View(
      List<String> sources,
      String uploadLimit,
      List<FileResult> results,
      List<OverviewStore.ImportRow> imports,
      Paging.Pager pager) {}

  private void page(Context ctx) {
    show(ctx, List.of());
  }

  private void show(Context ctx, List<FileResult> results) {
    Paging paging = Paging.from(ctx, PAGE_SIZE);
    Page<OverviewStore.ImportRow> imports =
        database.inTransaction(tx -> tx.overview().imports(paging.offset(), paging.size()));
    List<String> sources = new ArrayList<>();
    sources.add(DETECT);
    sources.addAll(Profiles.BUILT_IN);
    Pages.render(
        ctx,
        "upload.jte",
        Shell.of(ctx, "Upload", "upload"),
        new View(
            sources,
            dev.recon.web.access.Guard.megabytes(settings.uploadBytesMax()),
            results,
            imports.rows(),
            Paging.pager(ctx, imports, paging)));
  }

  private void submit(Context ctx) {
    show(ctx, importAll(ctx));
  }

  /** The API's answer: every file's result; 422 when any file was refused. */
  public record UploadResponse(List<FileResult> files) {}

  private void apiSubmit(Context ctx) {
    List<FileResult> results = importAll(ctx);
    boolean anyRefused = results.stream().anyMatch(FileResult::refused);
    ctx.status(anyRefused ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK);
    ctx.json(new UploadResponse(results));
  }

  private void apiImports(Context ctx) {
    Paging paging = Paging.from(ctx, PAGE_SIZE);
    ctx.json(database.inTransaction(tx -> tx.overview().imports(paging.offset(), paging.size())));
  }

  private List<FileResult> importAll(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      throw WebError.badRequest("send the files as multipart/form-data in the field \"files\"");
    }
    List<UploadedFile> files = ctx.uploadedFiles("files");
    if (files.isEmpty()) {
      throw WebError.badRequest("no file was sent; choose one or more files to upload");
    }
    String source = sourceOf(ctx.formParam("source"));
    String account = accountOf(ctx.formParam("account"));
    Importer importer = new Importer(database, clock, Guard.session(ctx).user());
    List<FileResult> results = new ArrayList<>();
    for (UploadedFile file : files) {
      results.add(
          importOne(
              importer, InputFile.of(displayName(file.filename()), bytes(file)), source, account));
    }
    return results;
  }

  private static FileResult importOne(
      Importer importer, InputFile file, String source, String account) {
    try {
      Profile profile =
          DETECT.equals(source) ? ProfileDetection.detect(file) : Profiles.load(source);
      // Stored while read, as recon import does: a large table is loaded while later rows are
      // still being normalized.
      ImportResult result = importer.importStreamed(file, profile, account);
      return new FileResult(
          file.name(),
          result.alreadyImported() ? "already imported" : "imported",
          profile.name(),
          result.records(),
          result.added(),
          result.duplicates(),
          result.ignored(),
          result.alreadyImported()
              ? "the same bytes were imported before, so nothing was added: "
                  + result.earlierImport()
              : "",
          List.of(),
          result.balanceBreaks());
    } catch (BadInput refusal) {
      importer.recordRefusal(file.name(), file.sha256(), refusal);
      return new FileResult(
          file.name(),
          "refused",
          DETECT.equals(source) ? "" : source,
          0,
          0,
          0,
          0,
          "nothing from this file was stored; fix the problems and upload it again",
          refusal.problems().stream()
              .map(p -> new ErrorMapper.Problem(p.fileName(), p.line(), columnOf(p), p.message()))
              .toList(),
          List.of());
    }
  }

  private static String columnOf(dev.recon.importing.Problem problem) {
    return problem.column() == null ? null : "column \"" + problem.column() + "\"";
  }

  /** A built-in profile or {@value #DETECT}; a path to a profile file is never accepted here. */
  static String sourceOf(String text) {
    String source = text == null || text.isBlank() ? DETECT : text.strip();
    if (!source.equals(DETECT) && !Profiles.BUILT_IN.contains(source)) {
      throw WebError.badRequest(
          "unknown source \""
              + source
              + "\"; choose detect or one of "
              + String.join(", ", Profiles.BUILT_IN));
    }
    return source;
  }

  static String accountOf(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String account = text.strip();
    if (account.length() > ACCOUNT_LENGTH_MAX
        || account.chars().anyMatch(Character::isISOControl)) {
      throw WebError.badRequest(
          "an account is at most "
              + ACCOUNT_LENGTH_MAX
              + " characters, without control characters");
    }
    return account;
  }

  /**
   * The name to show for an uploaded file: what follows its last slash or backslash, without
   * control characters, at most 200 characters. It is only ever text (messages, the import record).
   */
  static String displayName(String submitted) {
    String name = submitted == null ? "" : submitted;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name =
        name.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "upload";
    }
    return name.length() > NAME_LENGTH_MAX ? name.substring(0, NAME_LENGTH_MAX) : name;
  }

  private static byte[] bytes(UploadedFile file) {
    try (InputStream in = file.content()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file " + file.filename(), e);
    }
  }
}
