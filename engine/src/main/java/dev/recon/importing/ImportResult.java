package dev.recon.importing;

import java.util.List;
import java.util.Map;

/**
 * What an import did. {@code alreadyImported} means the very same bytes were imported before (as
 * {@code earlierImport} describes: name, account, profile, who and when) and nothing was read into
 * the database; {@code duplicates} are rows already stored from an earlier, overlapping file.
 */
public record ImportResult(
    String fileName,
    long fileId,
    boolean alreadyImported,
    String earlierImport,
    int records,
    int added,
    int duplicates,
    int ignored,
    Map<String, Long> totalMinorByCurrency,
    List<String> balanceBreaks) {

  public ImportResult {
    balanceBreaks = List.copyOf(balanceBreaks);
  }

  public String describe() {
    if (alreadyImported) {
      return fileName
          + ": already imported as file #"
          + fileId
          + "; nothing added ("
          + earlierImport
          + ")";
    }
    return fileName
        + ": "
        + records
        + " records, "
        + added
        + " added, "
        + duplicates
        + " already stored"
        + (ignored > 0 ? ", " + ignored + " skipped by the profile's ignore.kinds" : "")
        + balanceBreaks.stream()
            .map(text -> "; BALANCES DO NOT AGREE: " + text)
            .reduce("", String::concat);
  }
}
