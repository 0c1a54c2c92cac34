package dev.recon.importing;

import dev.recon.facts.Fact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A file read and normalized, not yet stored: its identity, its facts and what was skipped. */
public record ParsedFile(
    InputFile file,
    FileFormat format,
    Profile profile,
    List<Fact> facts,
    int ignoredRows,
    List<BalanceCheck> balanceChecks) {

  public ParsedFile {
    facts = List.copyOf(facts);
    balanceChecks = List.copyOf(balanceChecks);
  }

  /** The statements whose balances do not agree with their entries. */
  public List<BalanceCheck> balanceBreaks() {
    return balanceChecks.stream().filter(check -> !check.agrees()).toList();
  }

  public FileSummary summary() {
    return new FileSummary(
        file.name(),
        file.sha256(),
        format,
        profile,
        facts.size(),
        ignoredRows,
        totalMinorByCurrency(),
        balanceChecks);
  }

  /** Sum of amounts per currency in minor units, sorted by currency code. */
  public Map<String, Long> totalMinorByCurrency() {
    Map<String, Long> totals = new TreeMap<>();
    for (Fact fact : facts) {
      totals.merge(fact.currencyCode(), fact.amount().minor(), Math::addExact);
    }
    return totals;
  }
}
