package dev.recon.importing;

import java.util.List;
import java.util.Map;

/**
 * What reading a file found besides its facts: its identity, format, how many records it gave and
 * what they add up to, what was skipped and the statements' balance checks. A file read whole
 * ({@link ParsedFile#summary()}) and one streamed ({@link FileParser#streamCamt}) say the same.
 */
public record FileSummary(
    String name,
    String sha256,
    FileFormat format,
    Profile profile,
    long records,
    int ignoredRows,
    Map<String, Long> totalMinorByCurrency,
    List<BalanceCheck> balanceChecks) {

  public FileSummary {
    // Sorted by currency code, so output is the same every time.
    totalMinorByCurrency =
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(totalMinorByCurrency));
    balanceChecks = List.copyOf(balanceChecks);
  }
}
