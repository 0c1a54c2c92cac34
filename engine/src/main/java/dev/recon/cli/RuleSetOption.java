package dev.recon.cli;

import dev.recon.matching.RuleSet;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option of the commands that match, as a picocli mixin. */
final class RuleSetOption {
  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description =
          "Folder of .rules files (Recon's rule language) and raw .drl files, with *-why.drl"
              + " files for near-miss explanations (default: the built-in standard rule set)")
  Path rules;

  RuleSet ruleSet() {
    return rules == null ? RuleSet.standard() : RuleSet.fromDirectory(rules);
  }
}
