package dev.recon.cli;

import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Mixin RuleSetOption rules;

  @Override
  public Integer call() {
    RuleSet ruleSet = rules.ruleSet();
    try (Database database = recon.openDatabase()) {
      Printing.run(
          spec.commandLine().getOut(),
          new MatchRunner(database, recon.clock, recon.actor()).run(ruleSet));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
