package dev.recon.closing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a close run takes new files from. Files directly in it are read for what they say they
 * are (camt, MT940, OFX; a CSV or XLSX by the one built-in profile its header fits); a file in a
 * subfolder belongs to the account the subfolder is named after. Once dealt with, a file moves to
 * {@code processed/} or {@code rejected/} (keeping its subfolder), a rejected one with {@code
 * NAME.reason.txt} beside it. Files are taken in the order of their paths, so a close imports the
 * same files in the same order whatever order they arrived in. Names starting with a dot are left
 * alone (a file still being copied in should be written under such a name and then renamed).
 */
final class Inbox {
  static final String PROCESSED = "processed";
  static final String REJECTED = "rejected";
  static final String REASON_SUFFIX = ".reason.txt";

  private final Path root;

  Inbox(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** Files waiting, in path order. */
  List<Path> waiting() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "inbox " + root + " is not a folder; create it or pass another --inbox");
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(this::isWaiting)
          .sorted((a, b) -> relative(a).compareTo(relative(b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list inbox " + root + ": " + e.getMessage(), e);
    }
  }

  private boolean isWaiting(Path file) {
    Path relative = root.relativize(file);
    String first = relative.getName(0).toString();
    if (relative.getNameCount() > 1 && (first.equals(PROCESSED) || first.equals(REJECTED))) {
      return false;
    }
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** The file's path in the inbox, with forward slashes: how runs record and report it. */
  String relative(Path file) {
    return String.join(
        "/",
        Arrays.stream(root.relativize(file).toString().split("[/\\\\]"))
            .filter(part -> !part.isEmpty())
            .toList());
  }

  /** The account a subfolder names, or null for a file directly in the inbox. */
  String accountOf(Path file) {
    Path relative = root.relativize(file);
    return relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
  }

  void moveToProcessed(Path file) {
    move(file, root.resolve(PROCESSED).resolve(root.relativize(file)));
  }

  /** Writes the reason beside where the file goes, then moves the file there. */
  void moveToRejected(Path file, String reason) {
    Path target = root.resolve(REJECTED).resolve(root.relativize(file));
    try {
      Files.createDirectories(target.getParent());
      Path reasonFile = target.resolveSibling(target.getFileName() + REASON_SUFFIX);
      Path partial = target.resolveSibling("." + target.getFileName() + REASON_SUFFIX + ".partial");
      Files.writeString(partial, reason, StandardCharsets.UTF_8);
      Files.move(
          partial, reasonFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reason for rejecting " + file, e);
    }
    move(file, target);
  }

  /**
   * Moves a file in one rename. A file of the same name already there (an earlier file with the
   * same name) is kept: the newcomer gets a numbered name beside it.
   */
  private static void move(Path file, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path free = target;
      for (int n = 2; Files.exists(free); n++) {
        free = target.resolveSibling(target.getFileName() + "." + n);
      }
      Files.move(file, free, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " to " + target + ": " + e, e);
    }
  }
}
