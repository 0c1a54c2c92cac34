package dev.recon.cli;

import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = {
      "Matches every item not yet in an accepted group, and updates the exception queue.",
      "Running it again with no new items changes nothing."
    })
final class MatchCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--rules",
      description = "Folder of .drl rule files (default: the built-in standard rule set)")
  Path rules;

  @Override
  public Integer call() {
    RuleSet ruleSet = rules == null ? RuleSet.standard() : RuleSet.fromDirectory(rules);
    try (Database database = recon.openDatabase()) {
      Printing.run(
          spec.commandLine().getOut(),
          new MatchRunner(database, recon.clock, recon.actor()).run(ruleSet));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
