package dev.recon.web;

import dev.recon.access.Role;
import java.util.List;

/**
 * The menu. An entry appears only for roles that may open it; the routes check the role again, so
 * hiding an entry is a courtesy, never the protection.
 */
public final class Navigation {
  private Navigation() {}

  public record Entry(String key, String label, String href, Access access) {}

  public static final List<Entry> ENTRIES =
      List.of(
          new Entry("dashboard", "Dashboard", "/", Access.VIEWER),
          new Entry("exceptions", "Exceptions", "/exceptions", Access.VIEWER),
          new Entry("corrections", "Corrections", "/corrections", Access.VIEWER),
          new Entry("upload", "Upload", "/upload", Access.PREPARER),
          new Entry("runs", "Runs", "/runs", Access.VIEWER),
          new Entry("reports", "Reports", "/reports", Access.VIEWER),
          new Entry("rules", "Rules", "/rules", Access.VIEWER),
          new Entry("users", "Users", "/users", Access.ADMIN));

  public static List<Entry> menuFor(Role role) {
    return ENTRIES.stream().filter(entry -> entry.access().allows(role)).toList();
  }
}
