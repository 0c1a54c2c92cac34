package dev.recon.cli;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.Corrections;
import dev.recon.corrections.ExportFile;
import dev.recon.corrections.JournalExport;
import dev.recon.corrections.JournalLine;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.Page;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recon corrections ...}: correction entries, their approval and export. */
@Command(
    name = "corrections",
    mixinStandardHelpOptions = true,
    description = {
      "Proposes, lists, edits, approves, rejects and exports correction entries (balanced"
          + " journals).",
      "An entry is approved by someone other than who prepared or edited it; --user says who acts."
    },
    subcommands = {
      CorrectionsCommand.Propose.class,
      CorrectionsCommand.ListCommand.class,
      CorrectionsCommand.Show.class,
      CorrectionsCommand.Edit.class,
      CorrectionsCommand.Approve.class,
      CorrectionsCommand.Reject.class,
      CorrectionsCommand.Export.class
    })
final class CorrectionsCommand {
  @ParentCommand ReconCommand recon;

  <T> T with(ChartOption chart, CommandSpec spec, BiFunction<Corrections, PrintWriter, T> work) {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      T result = work.apply(chart.corrections(recon, database), out);
      out.flush();
      return result;
    }
  }

  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description =
          "Proposes the corrections the stored matches and unmatched bank lines call for (each once).")
  static final class Propose implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Override
    public Integer call() {
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            Corrections.ProposalRun run = corrections.proposeAll(parent.recon.actor());
            run.proposed().forEach(c -> print(out, c));
            out.println(summary(run));
            return 0;
          });
    }
  }

  static String summary(Corrections.ProposalRun run) {
    return run.proposed().size()
        + " correction(s) proposed, "
        + run.autoPosted()
        + " posted automatically below the threshold";
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists corrections, newest first.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Option(
        names = "--status",
        split = ",",
        paramLabel = "STATUS",
        description = "proposed, approved, rejected (default: all)")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--page", defaultValue = "1")
    int page;

    @Option(names = "--size", defaultValue = "50")
    int size;

    @Override
    public Integer call() {
      List<String> wanted = statuses.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
      for (String s : wanted) {
        if (!List.of("PROPOSED", "APPROVED", "REJECTED").contains(s)) {
          throw new IllegalArgumentException(
              "unknown status \""
                  + s.toLowerCase(Locale.ROOT)
                  + "\" (expected proposed, approved or rejected)");
        }
      }
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            Page<CorrectionEntry> rows =
                corrections.list(
                    wanted, (Math.max(page, 1) - 1) * size, Math.min(Math.max(size, 1), 500));
            rows.rows().forEach(c -> print(out, c));
            out.println(rows.rows().size() + " of " + rows.total() + " correction(s)");
            return 0;
          });
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows one correction with its lines.")
  static final class Show implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Override
    public Integer call() {
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            CorrectionEntry c = corrections.show(id);
            print(out, c);
            out.println(
                "  items "
                    + c.itemIds()
                    + "; prepared by "
                    + c.proposedBy()
                    + " at "
                    + c.proposedAt()
                    + "; authors "
                    + c.authors());
            if (c.decidedBy() != null) {
              out.println(
                  "  "
                      + c.status().toLowerCase(Locale.ROOT)
                      + " by "
                      + c.decidedBy()
                      + " at "
                      + c.decidedAt()
                      + (c.decisionReason() == null ? "" : ": " + c.decisionReason()));
            }
            if (c.exportBatch() != null) {
              out.println("  exported in batch " + c.exportBatch() + " at " + c.exportedAt());
            }
            return 0;
          });
    }
  }

  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = {
        "Replaces a proposed correction's lines (and description); they must balance.",
        "The editor joins the entry's authors, so may no longer approve it."
      })
  static final class Edit implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(
        names = "--debit",
        required = true,
        paramLabel = "ACCOUNT=AMOUNT",
        description = "A debit line, e.g. 6820=52.84 (repeatable)")
    List<String> debits = new ArrayList<>();

    @Option(
        names = "--credit",
        required = true,
        paramLabel = "ACCOUNT=AMOUNT",
        description = "A credit line, e.g. 1361=52.84 (repeatable)")
    List<String> credits = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "Default: unchanged")
    String description;

    @Option(
        names = "--memo",
        paramLabel = "TEXT",
        description = "Memo of every line (default: edited by the user)")
    String memo;

    @Override
    public Integer call() {
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            String user = parent.recon.actor();
            Currency currency = Currencies.of(corrections.show(id).currency());
            String lineMemo = memo == null || memo.isBlank() ? "edited by " + user : memo;
            List<JournalLine> lines = new ArrayList<>();
            debits.forEach(d -> lines.add(line("--debit", d, true, currency, lineMemo)));
            credits.forEach(c -> lines.add(line("--credit", c, false, currency, lineMemo)));
            CorrectionEntry edited = corrections.edit(id, user, lines, description);
            print(out, edited);
            out.println(
                "Correction #"
                    + edited.id()
                    + " edited by "
                    + user
                    + ", who may no longer approve it; authors "
                    + edited.authors());
            return 0;
          });
    }

    /** One ACCOUNT=AMOUNT term as a line, the amount exact in the entry's currency. */
    static JournalLine line(
        String option, String term, boolean debit, Currency currency, String memo) {
      int eq = term.lastIndexOf('=');
      if (eq <= 0 || eq == term.length() - 1) {
        throw new IllegalArgumentException(
            option + " \"" + term + "\" is not ACCOUNT=AMOUNT (e.g. " + option + " 6820=52.84)");
      }
      String account = term.substring(0, eq).strip();
      String amount = term.substring(eq + 1).strip();
      BigDecimal decimal;
      try {
        decimal = new BigDecimal(amount);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " " + term + ": \"" + amount + "\" is not an amount (e.g. 52.84)");
      }
      long minor = Money.ofDecimal(decimal, currency).minor();
      return debit
          ? JournalLine.debit(account, minor, memo)
          : JournalLine.credit(account, minor, memo);
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approves (posts) a proposed correction; not by its preparer or editors.")
  static final class Approve implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Override
    public Integer call() {
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            CorrectionEntry c = corrections.approve(id, parent.recon.actor());
            out.println("Correction #" + c.id() + " approved by " + c.decidedBy());
            return 0;
          });
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Rejects a proposed correction; it returns to the exception queue with the reason.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            CorrectionEntry c = corrections.reject(id, parent.recon.actor(), reason);
            out.println(
                "Correction #"
                    + c.id()
                    + " rejected; exception #"
                    + c.exceptionId()
                    + " opened with the reason");
            return 0;
          });
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes the approved corrections not exported before as a journal import file (CSV or XLSX).")
  static final class Export implements Callable<Integer> {
    @ParentCommand CorrectionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Option(
        names = "--format",
        defaultValue = "csv",
        description = "csv or xlsx (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "recon-out",
        description = "Folder for the file (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Override
    public Integer call() throws IOException {
      JournalExport.Format chosen = JournalExport.Format.parse(format);
      // The folder must take the file before any entry is marked exported.
      Path dir = outDir.toAbsolutePath();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".export-", ".tmp");
      try {
        return parent.with(
            chart,
            spec,
            (corrections, out) -> {
              ExportFile file = corrections.export(parent.recon.actor(), chosen);
              if (file.empty()) {
                out.println("Nothing new to export: every approved correction was exported before");
                return 0;
              }
              Path target = dir.resolve(file.fileName());
              write(temp, target, file);
              out.println(
                  "Exported "
                      + file.correctionIds().size()
                      + " correction(s), "
                      + file.lineCount()
                      + " line(s), batch "
                      + file.batch()
                      + ": "
                      + target);
              return 0;
            });
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    /** Writes beside the target and renames, so no half-written file is ever seen. */
    private static void write(Path temp, Path target, ExportFile file) {
      try {
        Files.write(temp, file.content());
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot write "
                + target
                + ": "
                + e.getMessage()
                + "; export batch "
                + file.batch()
                + " (corrections "
                + file.correctionIds()
                + ") is marked exported, so import those entries from recon corrections show",
            e);
      }
    }
  }

  static void print(PrintWriter out, CorrectionEntry c) {
    out.printf(
        Locale.ROOT,
        "#%d %-16s %-8s %14s %s%n",
        c.id(),
        c.kind().name(),
        c.status(),
        Money.ofMinor(c.amountMinor(), c.currency()),
        c.description());
    for (JournalLine line : c.lines()) {
      out.printf(
          Locale.ROOT,
          "     %-8s %-10s %14s%n",
          line.debitMinor() > 0 ? "debit" : "credit",
          line.account(),
          Money.ofMinor(line.debitMinor() + line.creditMinor(), c.currency())
              .toDecimal()
              .toPlainString());
    }
  }
}
