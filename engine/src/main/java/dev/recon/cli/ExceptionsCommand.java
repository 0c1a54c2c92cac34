package dev.recon.cli;

import dev.recon.corrections.CorrectionEntry;
import dev.recon.exceptions.BulkAction;
import dev.recon.exceptions.BulkResult;
import dev.recon.exceptions.ExceptionDetail;
import dev.recon.exceptions.ExceptionFilter;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.exceptions.ExceptionRow;
import dev.recon.exceptions.ExceptionSort;
import dev.recon.exceptions.UnmatchResult;
import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.persistence.Page;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recon exceptions ...}: the exception queue on the command line. */
@Command(
    name = "exceptions",
    mixinStandardHelpOptions = true,
    description = "Lists, shows and works the exception queue.",
    subcommands = {
      ExceptionsCommand.ListCommand.class,
      ExceptionsCommand.Show.class,
      ExceptionsCommand.Assign.class,
      ExceptionsCommand.Review.class,
      ExceptionsCommand.CommentCommand.class,
      ExceptionsCommand.Timing.class,
      ExceptionsCommand.WriteOff.class,
      ExceptionsCommand.Resolve.class,
      ExceptionsCommand.Unmatch.class,
      ExceptionsCommand.Accept.class,
      ExceptionsCommand.Reject.class,
      ExceptionsCommand.Bulk.class
    })
final class ExceptionsCommand {
  @ParentCommand ReconCommand recon;

  /** Runs work on the queue of the database the options name. */
  <T> T withQueue(
      ChartOption chart, BiFunction<ExceptionQueue, PrintWriter, T> work, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = recon.openDatabase()) {
      T result = work.apply(chart.queue(recon, database), out);
      out.flush();
      return result;
    }
  }

  static final class AsOf {
    @Option(
        names = "--as-of",
        paramLabel = "DATE",
        description = "Date ages are counted to (default: today)")
    LocalDate asOf;

    LocalDate or(ExceptionQueue queue) {
      return asOf != null ? asOf : queue.today();
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists exceptions, a page at a time, highest priority first.",
        "Filters (repeat --filter): status=open,assigned,in_review,resolved,written_off|all"
            + " (default: the open ones), type=unmatched|ambiguous|suggested|balance_break|"
            + "statement_chain_break|correction_rejected, side=bank|gateway|ledger, account=NAME,"
            + " currency=EUR, age=0-2|3-7|8-30|over 30, assignee=NAME, min=AMOUNT, max=AMOUNT,"
            + " text=WORDS, revisit=due (timing differences to look at again by the as-of date).",
        "Priority = age in days + 10 x the number of digits of the amount in whole units."
      })
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;
    @Mixin AsOf asOf;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "A filter (repeatable)")
    List<String> filters = new ArrayList<>();

    @Option(
        names = "--sort",
        defaultValue = "priority",
        description =
            "priority, age, amount or id; a leading - reverses (default: ${DEFAULT-VALUE})")
    String sort;

    @Option(names = "--page", defaultValue = "1", description = "Page number, from 1")
    int page;

    @Option(
        names = "--size",
        defaultValue = "50",
        description = "Exceptions per page (at most 500)")
    int size;

    @Override
    public Integer call() {
      ExceptionFilter filter = ExceptionFilter.parse(filters);
      ExceptionSort order = ExceptionSort.parse(sort);
      if (page < 1) {
        throw new IllegalArgumentException("--page starts at 1");
      }
      return parent.withQueue(
          chart,
          (queue, out) -> {
            LocalDate day = asOf.or(queue);
            Page<ExceptionRow> rows = queue.list(filter, order, (page - 1) * size, size, day);
            out.printf(
                Locale.ROOT,
                "%6s %-21s %-9s %-8s %-14s %16s %4s %-8s %5s %-10s %-10s %s%n",
                "id",
                "type",
                "status",
                "side",
                "account",
                "amount",
                "age",
                "bucket",
                "prio",
                "assignee",
                "revisit",
                "reason");
            for (ExceptionRow r : rows.rows()) {
              out.printf(
                  Locale.ROOT,
                  "%6d %-21s %-9s %-8s %-14s %16s %4d %-8s %5d %-10s %-10s %s%n",
                  r.id(),
                  r.type().name(),
                  r.status().name(),
                  r.side() == null ? "-" : r.side().toLowerCase(Locale.ROOT),
                  r.account() == null ? "-" : r.account(),
                  Money.ofMinor(r.amountMinor(), r.currency()),
                  r.ageDays(),
                  r.bucket().label(),
                  r.priority(),
                  r.assignee() == null ? "-" : r.assignee(),
                  r.revisitOn() == null ? "-" : r.revisitOn(),
                  oneLine(r.reason(), 100));
            }
            out.printf(
                Locale.ROOT,
                "%d of %d exception(s), page %d of %d, aged as of %s%n",
                rows.rows().size(),
                rows.total(),
                page,
                Math.max(1, (rows.total() + size - 1) / size),
                day);
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows one exception in full.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;
    @Mixin AsOf asOf;

    @Parameters(paramLabel = "ID", description = "Exception id")
    long id;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            ExceptionDetail d = queue.show(id, asOf.or(queue));
            ExceptionRow r = d.exception();
            out.printf(
                Locale.ROOT,
                "Exception #%d: %s, %s%n",
                r.id(),
                r.type().label(),
                r.status().label());
            out.printf(
                Locale.ROOT,
                "  amount %s, %s %s, aging from %s: %d day(s) (%s), priority %d%n",
                Money.ofMinor(r.amountMinor(), r.currency()),
                r.side() == null ? "-" : r.side().toLowerCase(Locale.ROOT),
                r.account() == null ? "-" : r.account(),
                r.agingDate(),
                r.ageDays(),
                r.bucket().label(),
                r.priority());
            out.println("  reason: " + r.reason());
            if (r.assignee() != null) {
              out.println("  assignee: " + r.assignee());
            }
            if (r.revisitOn() != null) {
              out.println("  expected timing difference: revisit on " + r.revisitOn());
            }
            if (r.closedAt() != null) {
              out.println("  closed " + r.closedAt() + ": " + r.closeReason());
            }
            if (d.item() != null) {
              out.println("  item: " + describe(d.item()));
            }
            if (d.suggestion() != null) {
              ExceptionDetail.Suggestion s = d.suggestion();
              out.printf(
                  Locale.ROOT,
                  "  suggestion: group #%d by rule \"%s\" (%s): %s%n",
                  s.groupId(),
                  s.ruleName(),
                  s.status().toLowerCase(Locale.ROOT),
                  s.explanation());
              s.members().forEach(m -> out.println("    " + describe(m)));
            }
            if (d.correction() != null) {
              printCorrection(out, d.correction());
            }
            for (ExceptionDetail.Comment c : d.comments()) {
              out.printf(Locale.ROOT, "  comment by %s at %s: %s%n", c.author(), c.at(), c.text());
            }
            for (ExceptionDetail.HistoryEntry h : d.history()) {
              out.printf(
                  Locale.ROOT, "  %s %s by %s: %s%n", h.at(), h.action(), h.actor(), h.detail());
            }
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description = "Assigns an exception to someone (--to '' hands it back).")
  static final class Assign implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "Who works it")
    String assignee;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            ExceptionRow r = queue.assign(id, parent.recon.actor(), assignee);
            out.println(
                "Exception #"
                    + r.id()
                    + " is "
                    + r.status().label()
                    + (r.assignee() == null ? "" : " to " + r.assignee()));
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description = "Marks an exception as in review.")
  static final class Review implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.startReview(id, parent.recon.actor());
            out.println("Exception #" + id + " is in review");
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "comment",
      mixinStandardHelpOptions = true,
      description = "Adds a comment to an exception.")
  static final class CommentCommand implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.comment(id, parent.recon.actor(), text);
            out.println("Commented on exception #" + id);
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "timing",
      mixinStandardHelpOptions = true,
      description = "Marks an expected timing difference with a date to revisit it.")
  static final class Timing implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(
        names = "--revisit",
        required = true,
        paramLabel = "DATE",
        description = "When to look again")
    LocalDate revisit;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why the timing is expected")
    String note;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.markTiming(id, parent.recon.actor(), revisit, note);
            out.println(
                "Exception #" + id + " is an expected timing difference; revisit on " + revisit);
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "write-off",
      mixinStandardHelpOptions = true,
      description = "Writes an exception off with a reason and proposes the write-off entry.")
  static final class WriteOff implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            long correction = queue.writeOff(id, parent.recon.actor(), reason);
            out.println(
                "Exception #"
                    + id
                    + " written off; correction #"
                    + correction
                    + " proposed for approval");
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description =
          "Closes a statement-break or rejected-correction exception a person dealt with.")
  static final class Resolve implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--note", required = true, paramLabel = "TEXT")
    String note;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.resolve(id, parent.recon.actor(), note);
            out.println("Exception #" + id + " resolved");
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "unmatch",
      mixinStandardHelpOptions = true,
      description = "Undoes an accepted match group; its items return to the queue.")
  static final class Unmatch implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "GROUP")
    long groupId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            UnmatchResult result = queue.unmatch(groupId, parent.recon.actor(), reason);
            out.println(
                "Group #"
                    + groupId
                    + " unmatched; exceptions opened: "
                    + result.reopenedExceptions()
                    + (result.reversalCorrections().isEmpty()
                        ? ""
                        : "; reversing corrections proposed for approval: "
                            + result.reversalCorrections()));
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Accepts a suggested match group.")
  static final class Accept implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "GROUP")
    long groupId;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.acceptSuggestion(groupId, parent.recon.actor());
            out.println("Suggestion #" + groupId + " accepted");
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Rejects a suggested match group; runs do not suggest it again.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;

    @Parameters(paramLabel = "GROUP")
    long groupId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      return parent.withQueue(
          chart,
          (queue, out) -> {
            queue.rejectSuggestion(groupId, parent.recon.actor(), reason);
            out.println("Suggestion #" + groupId + " rejected");
            return 0;
          },
          spec);
    }
  }

  @Command(
      name = "bulk",
      mixinStandardHelpOptions = true,
      description = "Takes one action on every exception a filter selects (at most 10,000).")
  static final class Bulk implements Callable<Integer> {
    @ParentCommand ExceptionsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ChartOption chart;
    @Mixin AsOf asOf;

    @Option(
        names = "--filter",
        paramLabel = "KEY=VALUE",
        description = "A filter, as for list (repeatable)")
    List<String> filters = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
      @Option(names = "--assign", paramLabel = "NAME")
      String assign;

      @Option(names = "--comment", paramLabel = "TEXT")
      String comment;

      @Option(names = "--timing", paramLabel = "DATE")
      LocalDate timing;

      @Option(names = "--write-off", paramLabel = "REASON")
      String writeOff;

      @Option(names = "--review")
      boolean review;

      BulkAction toAction() {
        if (assign != null) {
          return new BulkAction.Assign(assign);
        }
        if (comment != null) {
          return new BulkAction.Comment(comment);
        }
        if (timing != null) {
          return new BulkAction.Timing(timing, null);
        }
        if (writeOff != null) {
          return new BulkAction.WriteOff(writeOff);
        }
        return new BulkAction.StartReview();
      }
    }

    @Override
    public Integer call() {
      ExceptionFilter filter = ExceptionFilter.parse(filters);
      return parent.withQueue(
          chart,
          (queue, out) -> {
            BulkResult result =
                queue.bulk(filter, action.toAction(), parent.recon.actor(), asOf.or(queue));
            out.println(
                "Done on "
                    + result.done().size()
                    + " exception(s)"
                    + (result.refused().isEmpty() ? "" : "; refused:"));
            result.refused().forEach(r -> out.println("  " + r));
            return result.refused().isEmpty() ? 0 : ReconCommand.EXIT_REFUSED;
          },
          spec);
    }
  }

  static String describe(Item item) {
    Fact f = item.fact();
    return "#"
        + item.id()
        + " "
        + f.side().label()
        + " "
        + f.account()
        + " "
        + f.amount()
        + " booked "
        + f.bookingDate()
        + (f.referenceRaw() == null ? "" : " ref " + f.referenceRaw())
        + (f.counterpartyRaw() == null ? "" : " from/to " + f.counterpartyRaw())
        + (f.text() == null ? "" : " \"" + f.text() + "\"")
        + " ("
        + f.origin()
        + ")";
  }

  static void printCorrection(PrintWriter out, CorrectionEntry c) {
    out.printf(
        Locale.ROOT,
        "  correction #%d %s %s %s: %s%n",
        c.id(),
        c.kind().name(),
        c.status(),
        Money.ofMinor(c.amountMinor(), c.currency()),
        c.description());
  }

  static String oneLine(String text, int max) {
    String flat = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
