package dev.recon.matching;

import dev.recon.rules.GroupSpec;
import dev.recon.rules.dsl.RuleCompiler;
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
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A named set of rule files and its version. Rules are written in Recon's rule language ({@code
 * .rules} files, compiled to DRL here) or, for what the language cannot say, in raw DRL ({@code
 * .drl}). The version is the SHA-256 of the normalized content: of a {@code .rules} file its words
 * and numbers (comments and layout do not count), of a {@code .drl} file its lines without line
 * endings and trailing blanks; files in name order. Every match records the version that made it.
 *
 * @param sources the files as written
 * @param files the DRL Drools compiles: compiled rule-language files, then raw DRL files
 * @param groupSpecs the group keys the engine inserts for the compiled grouped rules
 * @param rules the compiled rules, in order (none for a set of raw DRL only)
 * @param partitionable whether every rule joins only within the partitions {@code Partitions}
 *     makes, so the set may be matched partition by partition: true when every matching rule is
 *     written in the rule language and pairs bank lines with gateway transactions only by payout
 */
public record RuleSet(
    String name,
    String version,
    List<RuleFile> sources,
    List<RuleFile> files,
    List<GroupSpec> groupSpecs,
    List<RuleCompiler.CompiledRule> rules,
    boolean partitionable) {
  public static final String STANDARD = "standard";

  /** A file's name and text. */
  public record RuleFile(String name, String text) {}

  /** Raw DRL files ending in this hold the near-miss rules that explain unmatched items. */
  public static final String WHY_SUFFIX = "-why.drl";

  static final String RULES_SUFFIX = ".rules";
  static final String DRL_SUFFIX = ".drl";

  public RuleSet {
    sources = List.copyOf(sources);
    files = List.copyOf(files);
    groupSpecs = List.copyOf(groupSpecs);
    rules = List.copyOf(rules);
  }

  /** The matching rules' DRL: every file but the near-miss ones. */
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
    for (String name : List.of(STANDARD + RULES_SUFFIX, STANDARD + WHY_SUFFIX)) {
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
    return of(STANDARD, files);
  }

  /**
   * Every {@code .rules} and {@code .drl} file in a folder, as one rule set named after the folder.
   *
   * @throws dev.recon.rules.dsl.RuleFileException when a rule file has errors (nothing is loaded)
   */
  public static RuleSet fromDirectory(Path directory) {
    List<RuleFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path path :
          paths
              .filter(p -> p.toString().endsWith(RULES_SUFFIX) || p.toString().endsWith(DRL_SUFFIX))
              .sorted()
              .toList()) {
        files.add(new RuleFile(path.getFileName().toString(), Files.readString(path)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read rule folder " + directory + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "rule folder " + directory + " holds no .rules or .drl file");
    }
    return of(directory.getFileName().toString(), files);
  }

  /** One {@code .rules} or {@code .drl} file as a rule set named after the file. */
  public static RuleSet fromFile(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(RULES_SUFFIX) && !name.endsWith(DRL_SUFFIX)) {
      throw new IllegalArgumentException(file + ": a rule file ends in .rules or .drl");
    }
    try {
      String base = name.substring(0, name.lastIndexOf('.'));
      return of(base, List.of(new RuleFile(name, Files.readString(file))));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read rule file " + file + ": " + e.getMessage());
    }
  }

  /** Compiles the rule-language files; raw DRL files are taken as they are. */
  public static RuleSet of(String name, List<RuleFile> sources) {
    List<RuleFile> sorted =
        sources.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    List<RuleCompiler.Source> ruleSources =
        sorted.stream()
            .filter(f -> f.name().endsWith(RULES_SUFFIX))
            .map(f -> new RuleCompiler.Source(f.name(), f.text()))
            .toList();
    List<RuleFile> drl = sorted.stream().filter(f -> f.name().endsWith(DRL_SUFFIX)).toList();
    List<RuleFile> files = new ArrayList<>();
    List<GroupSpec> groupSpecs = List.of();
    List<RuleCompiler.CompiledRule> rules = List.of();
    boolean partitionable = drl.stream().allMatch(f -> f.name().endsWith(WHY_SUFFIX));
    String compiledVersion = "";
    if (!ruleSources.isEmpty()) {
      RuleCompiler.Compiled compiled = RuleCompiler.compile(packageOf(name), ruleSources);
      files.add(new RuleFile(name + "-compiled.drl", compiled.drl()));
      groupSpecs = compiled.groupSpecs();
      rules = compiled.rules();
      partitionable &= compiled.partitionable();
      compiledVersion = compiled.version();
    } else {
      partitionable = false;
    }
    files.addAll(drl);
    return new RuleSet(
        name, version(compiledVersion, drl), sorted, files, groupSpecs, rules, partitionable);
  }

  /** A Java package name for a rule set's compiled DRL. */
  private static String packageOf(String name) {
    String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    return "dev.recon.rules.compiled." + (Character.isDigit(clean.charAt(0)) ? "_" : "") + clean;
  }

  private static String version(String compiledVersion, List<RuleFile> drl) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(compiledVersion.getBytes(StandardCharsets.UTF_8));
      for (RuleFile file : drl) {
        digest.update(file.name().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        for (String line : file.text().split("\\R")) {
          digest.update(line.stripTrailing().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) '\n');
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /**
   * Builds the rule set with Drools (matching and near-miss rules), so a raw DRL file's errors show
   * before any run.
   *
   * @throws IllegalArgumentException naming each file and error Drools reports
   */
  public void requireCompiles() {
    RuleBase.of(this);
    RuleBase.whyOf(this);
  }

  public String shortVersion() {
    return version.substring(0, 12);
  }
}
