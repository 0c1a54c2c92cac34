package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Example cases kept beside rules ({@code *.examples} files): given these items, expect these
 * groups and these unmatched. {@code recon rules test} runs them, so a rule change that breaks an
 * agreed outcome shows before it reaches the books.
 *
 * <pre>
 * case "Exact pair three days apart"
 *   name side   account ccy amount date       ref   payout counterparty gross
 *   b1   bank   OPS     EUR 100.00 2026-11-02 INV-1
 *   l1   ledger OPS     EUR 100.00 2026-11-05 INV-1
 * expect b1+l1 by "Exact bank to ledger"
 * expect unmatched none
 * </pre>
 *
 * Columns after {@code date} may be left off or written {@code -}; {@code gross} is a gateway
 * transaction's gross (its fee is gross minus amount). A group expectation may say {@code
 * suggested} or {@code ambiguous} before {@code by}; {@code expect unmatched} lists the names left
 * over (or {@code none}). Groups are compared as a set: every group found must be expected.
 */
public final class RuleExamples {
  private static final Pattern CASE = Pattern.compile("case\\s+\"([^\"]+)\"\\s*");
  private static final Pattern GROUP =
      Pattern.compile("expect\\s+(\\S+)\\s+(?:(suggested|ambiguous)\\s+)?by\\s+\"([^\"]+)\"\\s*");
  private static final Pattern UNMATCHED = Pattern.compile("expect\\s+unmatched\\s+(.+)");
  private static final String EXTENSION = ".examples";

  private RuleExamples() {}

  /** A case that did not turn out as written. */
  public record Failure(String file, int line, String caseName, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": case \"" + caseName + "\": " + message;
    }
  }

  public record Report(int cases, List<Failure> failures) {}

  private record Case(
      String file,
      int line,
      String name,
      List<Item> items,
      TreeSet<String> groups,
      TreeSet<String> unmatched) {}

  /** Runs every case of the files with the rule set. */
  public static Report run(RuleSet ruleSet, List<RuleSet.RuleFile> exampleFiles) {
    List<Case> cases = new ArrayList<>();
    for (RuleSet.RuleFile file : exampleFiles) {
      cases.addAll(parse(file));
    }
    List<Failure> failures = new ArrayList<>();
    for (Case example : cases) {
      MatchOutcome outcome = Matcher.match(example.items(), ruleSet);
      TreeSet<String> groups = new TreeSet<>();
      for (ProposedGroup group : outcome.groups()) {
        TreeSet<String> names = new TreeSet<>();
        group.items().forEach(item -> names.add(item.naturalKey()));
        String status =
            group.accepted() ? "" : " " + group.status().name().toLowerCase(java.util.Locale.ROOT);
        groups.add(String.join("+", names) + status + " by \"" + group.ruleName() + "\"");
      }
      TreeSet<String> unmatched = new TreeSet<>();
      outcome.unmatched().forEach(item -> unmatched.add(item.naturalKey()));
      List<String> problems = new ArrayList<>();
      if (!groups.equals(example.groups())) {
        problems.add(difference("groups", example.groups(), groups));
      }
      if (example.unmatched() != null && !unmatched.equals(example.unmatched())) {
        problems.add(difference("unmatched", example.unmatched(), unmatched));
      }
      if (!problems.isEmpty()) {
        failures.add(
            new Failure(
                example.file(), example.line(), example.name(), String.join("; ", problems)));
      }
    }
    return new Report(cases.size(), failures);
  }

  private static String difference(String what, TreeSet<String> expected, TreeSet<String> actual) {
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    TreeSet<String> unexpected = new TreeSet<>(actual);
    unexpected.removeAll(expected);
    StringBuilder text = new StringBuilder(what + " differ:");
    if (!missing.isEmpty()) {
      text.append(" expected but not found ").append(missing);
    }
    if (!unexpected.isEmpty()) {
      text.append(missing.isEmpty() ? "" : ",")
          .append(" found but not expected ")
          .append(unexpected);
    }
    return text.toString();
  }

  /** The {@code *.examples} files of a folder, in name order. */
  public static List<RuleSet.RuleFile> inDirectory(Path directory) {
    List<RuleSet.RuleFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(EXTENSION)).sorted().toList()) {
        files.add(new RuleSet.RuleFile(path.getFileName().toString(), Files.readString(path)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + directory + ": " + e.getMessage());
    }
    return files;
  }

  /** The examples shipped with the standard rule set. */
  public static List<RuleSet.RuleFile> standard() {
    String resource = "/dev/recon/rules/" + RuleSet.STANDARD + EXTENSION;
    try (InputStream in = RuleExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the class path: " + resource);
      }
      return List.of(
          new RuleSet.RuleFile(
              RuleSet.STANDARD + EXTENSION, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private static List<Case> parse(RuleSet.RuleFile file) {
    List<Case> cases = new ArrayList<>();
    String[] lines = file.text().split("\\R", -1);
    Case current = null;
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      java.util.regex.Matcher start = CASE.matcher(line);
      if (start.matches()) {
        current =
            new Case(file.name(), n, start.group(1), new ArrayList<>(), new TreeSet<>(), null);
        cases.add(current);
        continue;
      }
      if (current == null) {
        throw bad(file, n, "expected 'case \"NAME\"' before items and expectations");
      }
      if (line.startsWith("expect")) {
        current = expectation(file, n, line, current);
        cases.set(cases.size() - 1, current);
      } else if (!line.startsWith("name ")) {
        current.items().add(item(file, n, line, current.items().size() + 1));
      }
    }
    return cases;
  }

  private static Case expectation(RuleSet.RuleFile file, int n, String line, Case current) {
    java.util.regex.Matcher unmatched = UNMATCHED.matcher(line);
    if (unmatched.matches()) {
      TreeSet<String> names = new TreeSet<>();
      String list = unmatched.group(1).strip();
      if (!list.equals("none")) {
        names.addAll(List.of(list.split("\\s+")));
      }
      return new Case(
          current.file(), current.line(), current.name(), current.items(), current.groups(), names);
    }
    java.util.regex.Matcher group = GROUP.matcher(line);
    if (!group.matches()) {
      throw bad(
          file,
          n,
          "expected 'expect a+b by \"RULE\"', 'expect a+b suggested by \"RULE\"' or 'expect unmatched"
              + " a b' (or none)");
    }
    TreeSet<String> names = new TreeSet<>(List.of(group.group(1).split("\\+")));
    String status = group.group(2) == null ? "" : " " + group.group(2);
    current.groups().add(String.join("+", names) + status + " by \"" + group.group(3) + "\"");
    return current;
  }

  private static Item item(RuleSet.RuleFile file, int n, String line, long id) {
    String[] f = line.split("\\s+");
    if (f.length < 6) {
      throw bad(file, n, "an item needs at least: name side account ccy amount date");
    }
    try {
      return item(id, f, new Origin(file.name(), n));
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw bad(file, n, e.getMessage());
    }
  }

  /**
   * An item from a row of columns: name, side, account, currency, amount, booking date, then
   * optional reference, payout id, counterparty and gross ({@code -} for none).
   */
  static Item item(long id, String[] f, Origin origin) {
    Side side = Side.parse(f[1]);
    Money amount = Money.ofDecimal(new BigDecimal(f[4]), Currencies.of(f[3]));
    String reference = field(f, 6);
    String counterparty = field(f, 8);
    String grossText = field(f, 9);
    Money gross =
        grossText == null ? null : Money.ofDecimal(new BigDecimal(grossText), amount.currency());
    Money fee = gross == null ? null : new Money(gross.minor() - amount.minor(), amount.currency());
    Fact fact =
        new Fact(
            side,
            f[2],
            amount,
            LocalDate.parse(f[5]),
            null,
            References.clean(reference),
            reference,
            Counterparties.normalize(counterparty),
            counterparty,
            null,
            field(f, 7),
            null,
            gross,
            fee,
            origin);
    return new Item(id, f[0], fact);
  }

  private static String field(String[] f, int index) {
    return index < f.length && !f[index].equals("-") ? f[index] : null;
  }

  private static IllegalArgumentException bad(RuleSet.RuleFile file, int line, String message) {
    return new IllegalArgumentException(file.name() + ":" + line + ": " + message);
  }
}
