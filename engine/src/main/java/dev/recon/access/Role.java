package dev.recon.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do, each role including every power of the roles before it: a viewer reads; a
 * preparer also uploads files, starts runs and checks rules; an approver also approves others'
 * corrections; an admin also manages users.
 */
public enum Role {
  VIEWER,
  PREPARER,
  APPROVER,
  ADMIN;

  public boolean atLeast(Role minimum) {
    return compareTo(minimum) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(text.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role \""
            + text
            + "\" (expected "
            + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "))
            + ")");
  }
}
