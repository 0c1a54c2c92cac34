package dev.recon.cli;

import dev.recon.matching.RuleExamples;
import dev.recon.matching.RuleSet;
import dev.recon.matching.WhatIf;
import dev.recon.persistence.Database;
import dev.recon.persistence.MatchStore;
import dev.recon.rules.dsl.RuleCompiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recon rules ...}: check, show and trace rule sets. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Check a rule folder, show the DRL it compiles to, or list the versions used.",
    subcommands = {
      RulesCommand.Check.class,
      RulesCommand.ShowDrl.class,
      RulesCommand.Test.class,
      RulesCommand.Diff.class,
      RulesCommand.History.class
    })
final class RulesCommand {
  @ParentCommand ReconCommand recon;

  /** A folder, or one rule file, as a rule set; {@code standard} is the built-in set. */
  static RuleSet load(Path path) {
    if (path.toString().equals(RuleSet.STANDARD) && !Files.exists(path)) {
      return RuleSet.standard();
    }
    if (Files.isDirectory(path)) {
      return RuleSet.fromDirectory(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(path + ": no such rule folder or file");
    }
    return RuleSet.fromFile(path);
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Checks every .rules and .drl file of a folder (or one file): the rule language's errors"
            + " with file, line and column, then Drools' on the compiled result.",
        "Exits 0 when the rules can be used, 1 when not (nothing is loaded)."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "DIR",
        description = "Rule folder or file; 'standard' for the built-in set")
    Path path;

    @Override
    public Integer call() {
      RuleSet ruleSet = load(path);
      ruleSet.requireCompiles();
      PrintWriter out = spec.commandLine().getOut();
      List<RuleCompiler.CompiledRule> rules = ruleSet.rules();
      out.printf(
          Locale.ROOT,
          "%s: %d file(s), %d rule(s) in the rule language, version %s%n",
          ruleSet.name(),
          ruleSet.sources().size(),
          rules.size(),
          ruleSet.shortVersion());
      for (RuleCompiler.CompiledRule rule : rules) {
        out.printf(
            Locale.ROOT,
            "  %3d  %-55s %s, confidence %s  (%s:%d)%n",
            rule.priority(),
            rule.name(),
            rule.automatic() ? "accepted automatically" : "suggested for review",
            rule.confidence().toPlainString(),
            rule.file(),
            rule.line());
      }
      out.println("OK");
      return 0;
    }
  }

  @Command(
      name = "show-drl",
      mixinStandardHelpOptions = true,
      description = "Prints the DRL a rule folder (or file) compiles to, raw DRL files included.")
  static final class ShowDrl implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE",
        description = "Rule file or folder; 'standard' for the built-in set")
    Path path;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (RuleSet.RuleFile file : load(path).files()) {
        out.println("// ---- " + file.name());
        out.println(file.text());
      }
      return 0;
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Runs the example cases (*.examples files) of a rule folder: given these items, expect"
            + " these groups and these unmatched.",
        "Exits 0 when every case holds, 1 when one does not (each failure is listed)."
      })
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Rule folder; 'standard' for the built-in set")
    Path path;

    @Override
    public Integer call() {
      boolean standard = path.toString().equals(RuleSet.STANDARD) && !Files.exists(path);
      RuleSet ruleSet = load(path);
      List<RuleSet.RuleFile> examples =
          standard ? RuleExamples.standard() : RuleExamples.inDirectory(path);
      if (examples.isEmpty()) {
        throw new IllegalArgumentException(path + " holds no .examples file to run");
      }
      RuleExamples.Report report = RuleExamples.run(ruleSet, examples);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      report.failures().forEach(failure -> err.println("FAILED " + failure));
      out.printf(
          Locale.ROOT,
          "%s: %d case(s), %d passed, %d failed%n",
          ruleSet.name(),
          report.cases(),
          report.cases() - report.failures().size(),
          report.failures().size());
      return report.failures().isEmpty() ? 0 : ReconCommand.EXIT_REFUSED;
    }
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = {
        "What-if: matches the stored items (of a period) with the current and a proposed rule"
            + " set, in memory, and lists the groups that would appear, disappear or change rule,"
            + " with counts per rule. Nothing is written.",
        "Items a person matched by hand are left out: automatic runs never touch them."
      })
  static final class Diff implements Callable<Integer> {
    private static final int LISTED_MAX = 50;

    @Spec CommandSpec spec;
    @ParentCommand RulesCommand rules;

    @picocli.CommandLine.Option(
        names = "--rules",
        required = true,
        paramLabel = "DIR",
        description = "The proposed rule folder (or file)")
    Path proposed;

    @picocli.CommandLine.Option(
        names = "--base",
        paramLabel = "DIR",
        description = "The current rule folder (default: the built-in standard rule set)")
    Path base;

    @picocli.CommandLine.Option(
        names = "--period",
        paramLabel = "FROM..TO",
        description =
            "Booking dates to include, inclusive, e.g. 2026-11-01..2026-11-30 (default: all)")
    String period;

    @Override
    public Integer call() {
      java.time.LocalDate from = null;
      java.time.LocalDate to = null;
      if (period != null) {
        String[] bounds = period.split("\\.\\.", -1);
        if (bounds.length != 2) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "--period is FROM..TO, e.g. 2026-11-01..2026-11-30");
        }
        try {
          from = bounds[0].isEmpty() ? null : java.time.LocalDate.parse(bounds[0]);
          to = bounds[1].isEmpty() ? null : java.time.LocalDate.parse(bounds[1]);
        } catch (java.time.format.DateTimeParseException e) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "--period dates are YYYY-MM-DD: " + e.getParsedString());
        }
      }
      RuleSet current = base == null ? RuleSet.standard() : load(base);
      RuleSet next = load(proposed);
      java.time.LocalDate start = from;
      java.time.LocalDate end = to;
      List<dev.recon.facts.Item> items;
      try (Database database = rules.recon.openDatabase()) {
        items = database.inTransaction(tx -> tx.items().automaticScope(start, end));
      }
      WhatIf.Result result = WhatIf.compare(items, current, next);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "What-if on %d stored item(s)%s: current %s (%s), proposed %s (%s)%n",
          result.items(),
          period == null ? "" : " booked " + period,
          current.name(),
          current.shortVersion(),
          next.name(),
          next.shortVersion());
      out.printf(
          Locale.ROOT,
          "  %d group(s) would appear, %d disappear, %d change rule%n",
          result.count(WhatIf.Kind.APPEARS),
          result.count(WhatIf.Kind.DISAPPEARS),
          result.count(WhatIf.Kind.CHANGES));
      out.printf(Locale.ROOT, "  %-55s %8s %8s%n", "groups per rule", "current", "proposed");
      result
          .perRule()
          .forEach(
              (rule, counts) ->
                  out.printf(Locale.ROOT, "  %-55s %8d %8d%n", rule, counts[0], counts[1]));
      result.changes().stream()
          .limit(LISTED_MAX)
          .forEach(
              change ->
                  out.println(
                      "  "
                          + change.kind().name().toLowerCase(Locale.ROOT)
                          + ": "
                          + change.members()
                          + (change.before() == null ? "" : "; was " + change.before())
                          + (change.after() == null ? "" : "; would be " + change.after())));
      if (result.changes().size() > LISTED_MAX) {
        out.println("  ... and " + (result.changes().size() - LISTED_MAX) + " more");
      }
      out.println("Nothing was written.");
      return 0;
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description =
          "Lists the rule-set versions matching runs used, with the dates they were used.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand RulesCommand rules;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = rules.recon.openDatabase()) {
        List<MatchStore.VersionUse> history =
            database.inTransaction(tx -> tx.matches().versionHistory());
        if (history.isEmpty()) {
          out.println("no matching run yet");
        }
        for (MatchStore.VersionUse use : history) {
          out.printf(
              Locale.ROOT,
              "%s  %-20s first %s  last %s  %d run(s), %d group(s)%n",
              use.version().substring(0, 12),
              use.ruleSetName(),
              use.firstUsed(),
              use.lastUsed(),
              use.runs(),
              use.groups());
        }
      }
      return 0;
    }
  }
}
