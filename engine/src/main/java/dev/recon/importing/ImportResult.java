package dev.recon.importing;

import java.util.Map;

/**
 * What an import did. {@code alreadyImported} means the very same bytes were imported before and
 * nothing was read into the database; {@code duplicates} are rows already stored from an earlier,
 * overlapping file.
 */
public record ImportResult(
    String fileName,
    long fileId,
    boolean alreadyImported,
    int records,
    int added,
    int duplicates,
    int ignored,
    Map<String, Long> totalMinorByCurrency) {

  public String describe() {
    if (alreadyImported) {
      return fileName + ": already imported as file #" + fileId + "; nothing added";
    }
    return fileName
        + ": "
        + records
        + " records, "
        + added
        + " added, "
        + duplicates
        + " already stored"
        + (ignored > 0 ? ", " + ignored + " skipped by the profile's ignore.kinds" : "");
  }
}
