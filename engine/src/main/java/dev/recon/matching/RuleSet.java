package dev.recon.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A named set of rule files and its version: the SHA-256 of its normalized content (line endings
 * and trailing blanks ignored, files in name order), so the same rules have the same version
 * wherever they are loaded from, and every match records exactly which rules made it.
 */
public record RuleSet(String name, String version, List<RuleFile> files, boolean partitionable) {
  public static final String STANDARD = "standard";

  public record RuleFile(String name, String drl) {}

  /** Files ending in this hold the near-miss rules that explain why items stayed unmatched. */
  public static final String WHY_SUFFIX = "-why.drl";

  public RuleSet {
    files = List.copyOf(files);
  }

  /** The matching rules: every file but the near-miss ones. */
  public List<RuleFile> matchingFiles() {
    return files.stream().filter(f -> !f.name().endsWith(WHY_SUFFIX)).toList();
  }

  /** The near-miss rules run on unmatched items ({@code *-why.drl}); may be empty. */
  public List<RuleFile> whyFiles() {
    return files.stream().filter(f -> f.name().endsWith(WHY_SUFFIX)).toList();
  }

  /** The built-in standard rule set shipped in the rules module, with its near-miss rules. */
  public static RuleSet standard() {
    List<RuleFile> files = new ArrayList<>();
    for (String name : List.of(STANDARD + ".drl", STANDARD + WHY_SUFFIX)) {
      String resource = "/dev/recon/rules/" + name;
      try (InputStream in = RuleSet.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "built-in rule set missing from the class path: " + resource);
        }
        files.add(new RuleFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
    return of(STANDARD, files, true);
  }

  /** Every {@code .drl} file in a folder, as one rule set named after the folder. */
  public static RuleSet fromDirectory(Path directory) {
    List<RuleFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
        files.add(new RuleFile(path.getFileName().toString(), Files.readString(path)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read rule folder " + directory + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("rule folder " + directory + " holds no .drl file");
    }
    return of(directory.getFileName().toString(), files, false);
  }

  /**
   * @param partitionable whether every rule joins only within the partitions {@code Partitions}
   *     makes, so the set may be matched partition by partition; true only for the shipped set
   */
  static RuleSet of(String name, List<RuleFile> files, boolean partitionable) {
    List<RuleFile> sorted = files.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    return new RuleSet(name, version(sorted), sorted, partitionable);
  }

  private static String version(List<RuleFile> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (RuleFile file : files) {
        digest.update(file.name().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        for (String line : file.drl().split("\\R")) {
          digest.update(line.stripTrailing().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) '\n');
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  public String shortVersion() {
    return version.substring(0, 12);
  }
}
