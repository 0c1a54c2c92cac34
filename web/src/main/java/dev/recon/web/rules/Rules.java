package dev.recon.web.rules;

import dev.recon.matching.RuleSet;
import dev.recon.rules.dsl.RuleCompiler;
import dev.recon.rules.dsl.RuleError;
import dev.recon.rules.dsl.RuleFileException;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import dev.recon.web.WebError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * The rules screen and API: the active rule set with its version and rules, and a check of a
 * changed rule file: the rule language's errors shown in the file where they are, then Drools'
 * build of the result. A check loads nothing; the active set only changes when the server is
 * started with another {@code --rules} folder.
 */
public final class Rules {
  private static final int TEXT_LENGTH_MAX = 500_000;

  private final RuleSet active;

  public Rules(RuleSet active) {
    this.active = active;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/rules", Access.VIEWER, this::page),
        Route.post("/rules/check", Access.PREPARER, this::check),
        Route.get("/api/rules", Access.VIEWER, ctx -> ctx.json(summary())),
        Route.post("/api/rules/check", Access.PREPARER, this::apiCheck));
  }

  /** The active rule set as the page and the API show it. */
  public record Summary(
      String name, String version, List<RuleCompiler.CompiledRule> rules, List<String> files) {}

  Summary summary() {
    return new Summary(
        active.name(),
        active.version(),
        active.rules(),
        active.sources().stream().map(RuleSet.RuleFile::name).toList());
  }

  /** A check's outcome: whether the file can be used, what it holds, and where it is wrong. */
  public record Check(
      String fileName,
      boolean ok,
      String version,
      int rules,
      List<RuleError> errors,
      String buildError) {}

  /** The rules page: the active set, the text being checked and the check's outcome if any. */
  public record View(
      Summary active,
      String fileName,
      String text,
      Check check,
      RuleListing listing,
      boolean mayCheck) {}

  private void page(Context ctx) {
    // The rule-language file first: that is what people change; raw DRL is the exception.
    RuleSet.RuleFile first =
        active.sources().stream()
            .filter(file -> file.name().endsWith(".rules"))
            .findFirst()
            .orElse(active.sources().get(0));
    String requested = ctx.queryParam("file");
    RuleSet.RuleFile shown =
        active.sources().stream()
            .filter(file -> file.name().equals(requested))
            .findFirst()
            .orElse(first);
    render(ctx, shown.name(), shown.text(), null);
  }

  private void check(Context ctx) {
    String fileName = fileNameOf(ctx.formParam("fileName"));
    String text = textOf(ctx.formParam("text"));
    Check check = run(fileName, text);
    if (!check.ok()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
    }
    render(ctx, fileName, text, check);
  }

  private void render(Context ctx, String fileName, String text, Check check) {
    boolean mayCheck =
        dev.recon.web.access.Guard.session(ctx).role().atLeast(dev.recon.access.Role.PREPARER);
    Pages.render(
        ctx,
        "rules.jte",
        Shell.of(ctx, "Rules", "rules"),
        new View(
            summary(),
            fileName,
            text,
            check,
            check == null ? null : RuleListing.of(text, check.errors()),
            mayCheck));
  }

  /** The body of an API check. */
  public record CheckRequest(String fileName, String text) {}

  private void apiCheck(Context ctx) {
    CheckRequest request = ctx.bodyAsClass(CheckRequest.class);
    Check check = run(fileNameOf(request.fileName()), textOf(request.text()));
    ctx.status(check.ok() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).json(check);
  }

  static Check run(String fileName, String text) {
    RuleSet ruleSet;
    try {
      ruleSet = RuleSet.of(baseName(fileName), List.of(new RuleSet.RuleFile(fileName, text)));
    } catch (RuleFileException e) {
      return new Check(fileName, false, null, 0, e.errors(), null);
    }
    try {
      ruleSet.requireCompiles();
    } catch (IllegalArgumentException e) {
      return new Check(fileName, false, null, ruleSet.rules().size(), List.of(), e.getMessage());
    }
    return new Check(
        fileName, true, ruleSet.shortVersion(), ruleSet.rules().size(), List.of(), null);
  }

  private static String baseName(String fileName) {
    return fileName.substring(0, fileName.lastIndexOf('.'));
  }

  static String fileNameOf(String text) {
    String name = text == null || text.isBlank() ? "changed.rules" : text.strip();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
        || !(name.endsWith(".rules") || name.endsWith(".drl"))) {
      throw WebError.badRequest(
          "a rule file is named like standard.rules or extra.drl (letters, digits, . _ -), not \""
              + name
              + "\"");
    }
    return name;
  }

  static String textOf(String text) {
    if (text == null || text.isBlank()) {
      throw WebError.badRequest("paste the rule file's text to check it");
    }
    if (text.length() > TEXT_LENGTH_MAX) {
      throw new WebError(
          HttpStatus.CONTENT_TOO_LARGE,
          "a rule file to check may have at most " + TEXT_LENGTH_MAX + " characters");
    }
    return text;
  }
}
