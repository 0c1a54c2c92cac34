package dev.recon.corrections;

import java.util.List;

/**
 * One export of approved corrections as a journal import file.
 *
 * @param batch the export's number (0 when there was nothing new to export)
 * @param content the file's bytes (a CSV with only its header when nothing was new)
 * @param correctionIds the corrections it holds, now marked exported
 */
public record ExportFile(
    long batch,
    String fileName,
    String contentType,
    byte[] content,
    List<Long> correctionIds,
    int lineCount) {

  public boolean empty() {
    return correctionIds.isEmpty();
  }
}
