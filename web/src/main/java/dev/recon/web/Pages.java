package dev.recon.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte}, compiled to classes at build time. Output is
 * HTML with every {@code ${value}} escaped for where it stands (text, attribute), so text from a
 * file or a user can never become markup.
 */
public final class Pages {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  public static void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    ENGINE.render(template, params, output);
    ctx.html(output.toString());
  }

  /** A page with the layout's shell and one model object named {@code page}. */
  public static void render(Context ctx, String template, Shell shell, Object page) {
    render(ctx, template, Map.of("shell", shell, "page", page));
  }
}
