package dev.recon.web;

import dev.recon.web.access.Guard;
import dev.recon.web.access.Session;
import io.javalin.http.Context;
import java.util.List;

/**
 * What the layout around every page needs: the title, which menu entry is current, the signed-in
 * user with their role and CSRF token, the menu entries their role may open, and whether the page
 * reloads itself (while a run is in progress).
 */
public record Shell(
    String title,
    String active,
    String user,
    String role,
    String csrf,
    List<Navigation.Entry> menu,
    int refreshSeconds) {

  public static Shell of(Context ctx, String title, String active) {
    Session session = Guard.sessionOrNull(ctx);
    if (session == null) {
      return new Shell(title, active, null, null, "", List.of(), 0);
    }
    return new Shell(
        title,
        active,
        session.user(),
        session.role().label(),
        session.csrfToken(),
        Navigation.menuFor(session.role()),
        0);
  }

  public Shell refreshingEvery(int seconds) {
    return new Shell(title, active, user, role, csrf, menu, seconds);
  }

  public boolean signedIn() {
    return user != null;
  }
}
