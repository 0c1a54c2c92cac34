package dev.recon.web;

import dev.recon.access.Role;
import io.javalin.security.RouteRole;

/**
 * Who may call a route: anyone (the sign-in page, style sheets), or a signed-in user with at least
 * a role. Every route declares one; the guard checks it before any handler runs.
 */
public enum Access implements RouteRole {
  ANYONE(null),
  VIEWER(Role.VIEWER),
  PREPARER(Role.PREPARER),
  APPROVER(Role.APPROVER),
  ADMIN(Role.ADMIN);

  private final Role minimum;

  Access(Role minimum) {
    this.minimum = minimum;
  }

  /** The least role that passes, or null for {@link #ANYONE}. */
  public Role minimum() {
    return minimum;
  }

  public boolean allows(Role role) {
    return minimum == null || (role != null && role.atLeast(minimum));
  }
}
