package dev.recon.cli;

import dev.recon.persistence.AuditStore;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recon audit ...}: the audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Checks the audit trail.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand {
  @ParentCommand ReconCommand recon;

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Recomputes the audit trail's hash chain from its first event and names the first event"
            + " that was edited, deleted or slipped in.",
        "Exits 0 when the trail is intact, 1 when it is not."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AuditCommand audit;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = audit.recon.openDatabase()) {
        AuditStore.Verification result = database.inTransaction(tx -> tx.audit().verify());
        if (result.intact()) {
          out.printf(
              Locale.ROOT,
              "audit trail intact: %d event(s); head #%d %s%n",
              result.eventsChecked(),
              result.headSeq(),
              result.headHash());
          out.flush();
          return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("AUDIT TRAIL BROKEN: " + result.problem());
        err.printf(
            Locale.ROOT,
            "events #1 to #%d verified; nothing after the break can be trusted%n",
            result.eventsChecked());
        err.flush();
        return ReconCommand.EXIT_REFUSED;
      }
    }
  }
}
