package dev.recon.cli;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.Corrections;
import dev.recon.corrections.ExportFile;
import dev.recon.corrections.JournalExport;
import dev.recon.corrections.JournalLine;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.Page;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
      "Proposes, lists, approves, rejects and exports correction entries (balanced journals).",
      "An entry is approved by someone other than who prepared or edited it; --user says who acts."
    },
    subcommands = {
      CorrectionsCommand.Propose.class,
      CorrectionsCommand.ListCommand.class,
      CorrectionsCommand.Show.class,
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
    public Integer call() {
      JournalExport.Format chosen = JournalExport.Format.parse(format);
      return parent.with(
          chart,
          spec,
          (corrections, out) -> {
            ExportFile file = corrections.export(parent.recon.actor(), chosen);
            if (file.empty()) {
              out.println("Nothing new to export: every approved correction was exported before");
              return 0;
            }
            Path target = outDir.resolve(file.fileName());
            write(target, file.content());
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
    }

    /** Writes beside the target and renames, so no half-written file is ever seen. */
    private static void write(Path target, byte[] content) {
      try {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".export-", ".tmp");
        Files.write(temp, content);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot write "
                + target
                + ": "
                + e.getMessage()
                + "; the corrections are marked exported in batch, export again is not possible: see recon corrections list --status approved",
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
