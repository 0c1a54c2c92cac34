package dev.recon.closing;

import dev.recon.access.Role;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.UserStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reopens a closed date so imports may change it again and a new close may run: only an admin may,
 * with a reason, and the reopening is audited ({@code PERIOD_REOPENED}). The earlier close run
 * stays on record, marked reopened.
 */
public final class PeriodReopening {
  private PeriodReopening() {}

  public static void reopen(
      Database database, Clock clock, String actor, LocalDate date, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "say why the date is reopened: --reason TEXT (it goes into the audit log)");
    }
    database.inTransaction(
        tx -> {
          UserStore.StoredUser user =
              tx.users()
                  .find(actor)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "only an admin may reopen a closed date, and there is no user "
                                  + actor
                                  + "; pass --user with an admin's name (recon users list shows"
                                  + " them)"));
          if (Role.parse(user.role()) != Role.ADMIN) {
            throw new IllegalArgumentException(
                "only an admin may reopen a closed date; "
                    + actor
                    + " is a "
                    + Role.parse(user.role()).label()
                    + " (pass --user with an admin's name)");
          }
          if (!tx.closes().reopen(date)) {
            throw new IllegalStateException(date + " is not closed; there is nothing to reopen");
          }
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      OffsetDateTime.now(clock),
                      actor,
                      "PERIOD_REOPENED",
                      "period_lock",
                      null,
                      null,
                      "reopened " + date + ": " + reason.strip()));
          return null;
        });
  }
}
