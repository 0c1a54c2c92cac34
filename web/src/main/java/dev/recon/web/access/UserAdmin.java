package dev.recon.web.access;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.web.Access;
import dev.recon.web.Pages;
import dev.recon.web.Route;
import dev.recon.web.Shell;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;

/** The users screen, for admins: who may sign in with which role, and adding someone. */
public final class UserAdmin {
  private final Users users;

  public UserAdmin(Users users) {
    this.users = users;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/users", Access.ADMIN, ctx -> show(ctx, null, null)),
        Route.post("/users", Access.ADMIN, this::add));
  }

  /** The page: the users, the roles to choose from, and what the last action did. */
  public record View(List<Users.User> users, List<String> roles, String added, String error) {}

  private void show(Context ctx, String added, String error) {
    Pages.render(
        ctx,
        "users.jte",
        Shell.of(ctx, "Users", "users"),
        new View(
            users.list(), Arrays.stream(Role.values()).map(Role::label).toList(), added, error));
  }

  private void add(Context ctx) {
    String name = ctx.formParam("name");
    try {
      Role role = Role.parse(String.valueOf(ctx.formParam("role")));
      users.add(name, role, ctx.formParam("password"), Guard.session(ctx).user());
      show(ctx, name + " can now sign in as " + role.label(), null);
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, e.getMessage());
    }
  }
}
