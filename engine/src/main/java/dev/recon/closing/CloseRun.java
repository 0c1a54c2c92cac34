package dev.recon.closing;

import dev.recon.persistence.CloseStore;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code recon close} did: the run (resumed when an earlier process of it died), the steps
 * it has finished with what each did, the inbox files it dealt with, and the reports it wrote. A
 * close of a date already closed does nothing and says so ({@link #nothingToDo}).
 */
public record CloseRun(
    CloseStore.CloseRunRow run,
    boolean nothingToDo,
    boolean resumed,
    List<CloseStore.Step> steps,
    List<CloseStore.InboxFile> files,
    List<Path> reports) {

  public long rejectedFiles() {
    return files.stream().filter(f -> f.outcome().equals(CloseRunner.REJECTED)).count();
  }
}
