package dev.recon.importing;

import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.normalizing.DateText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Finds and reads column-mapping profiles. A profile is named after a built-in one shipped in this
 * jar ({@code bank}, {@code ledger}, {@code gateway}, {@code stripe-balance}) or is a path to a
 * {@code .properties} file. The keys are documented in README.md under "Profiles".
 */
public final class Profiles {
  public static final List<String> BUILT_IN =
      List.of("bank", "ledger", "gateway", "stripe-balance");
  private static final String RESOURCE_DIR = "/dev/recon/profiles/";

  private Profiles() {}

  /** The default profile of a source, used when the user names none. */
  public static Profile defaultFor(Side source) {
    return load(source.label());
  }

  public static Profile load(String nameOrPath) {
    Properties properties = new Properties();
    String name;
    if (nameOrPath.endsWith(".properties")) {
      Path path = Path.of(nameOrPath);
      name = path.getFileName().toString().replaceFirst("\\.properties$", "");
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read profile " + nameOrPath + ": " + e.getMessage());
      }
    } else {
      name = nameOrPath;
      try (InputStream in =
          Profiles.class.getResourceAsStream(RESOURCE_DIR + name + ".properties")) {
        if (in == null) {
          throw new IllegalArgumentException(
              "unknown profile \""
                  + name
                  + "\"; built-in profiles are "
                  + String.join(", ", BUILT_IN)
                  + ", or give a path to a .properties file");
        }
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("built-in profile " + name + " is unreadable", e);
      }
    }
    return parse(name, properties);
  }

  static Profile parse(String name, Properties p) {
    Map<Column, String> columns = new EnumMap<>(Column.class);
    for (Column column : Column.values()) {
      String header = p.getProperty(column.key());
      if (header != null && !header.isBlank()) {
        columns.put(column, header.strip());
      }
    }
    Profile profile =
        new Profile(
            name,
            Side.parse(required(name, p, "source")),
            delimiter(name, p.getProperty("delimiter", ",")),
            charset(name, p.getProperty("encoding", "UTF-8")),
            skipRows(name, p.getProperty("skip.rows", "0")),
            dateText(name, p.getProperty("date.format", "yyyy-MM-dd").strip()),
            oneOf(name, "decimal.comma", p.getProperty("decimal.comma", "false"), "true", "false")
                .equals("true"),
            columns,
            currency(name, blankToNull(p.getProperty("default.currency"))),
            blankToNull(p.getProperty("default.account")),
            oneOf(name, "amount.sign", p.getProperty("amount.sign", "normal"), "normal", "inverted")
                    .equals("inverted")
                ? -1
                : 1,
            pattern(name, p.getProperty("reference.pattern")),
            kinds(p.getProperty("ignore.kinds", "")),
            oneOf(name, "kind.names", p.getProperty("kind.names", "as-given"), "as-given", "stripe")
                    .equals("stripe")
                ? Profile.KindNames.STRIPE
                : Profile.KindNames.AS_GIVEN);
    validate(profile);
    return profile;
  }

  private static void validate(Profile profile) {
    boolean single = profile.hasColumn(Column.AMOUNT);
    boolean pair = profile.hasColumn(Column.MONEY_IN) || profile.hasColumn(Column.MONEY_OUT);
    if (single == pair) {
      throw new IllegalArgumentException(
          "profile "
              + profile.name()
              + ": map either column.amount or the pair column.money_in / column.money_out");
    }
    if (!profile.hasColumn(Column.BOOKING_DATE)) {
      throw new IllegalArgumentException(
          "profile " + profile.name() + ": column.booking_date is required");
    }
    if (!profile.hasColumn(Column.CURRENCY) && profile.defaultCurrency() == null) {
      throw new IllegalArgumentException(
          "profile " + profile.name() + ": map column.currency or set default.currency");
    }
  }

  private static String required(String name, Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("profile " + name + ": " + key + " is required");
    }
    return value.strip();
  }

  /**
   * The value, lower-cased, if it is one of the allowed words; a typo is an error, not a default.
   */
  private static String oneOf(String name, String key, String value, String... allowed) {
    String word = value.strip().toLowerCase(Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.equals(word)) {
        return word;
      }
    }
    throw new IllegalArgumentException(
        "profile "
            + name
            + ": "
            + key
            + " must be "
            + String.join(" or ", allowed)
            + ", not \""
            + value.strip()
            + "\"");
  }

  private static int skipRows(String name, String value) {
    try {
      int rows = Integer.parseInt(value.strip());
      if (rows >= 0) {
        return rows;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "profile "
            + name
            + ": skip.rows must be a whole number of rows (0 or more), not \""
            + value.strip()
            + "\"");
  }

  private static DateText dateText(String name, String pattern) {
    try {
      return new DateText(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "profile "
              + name
              + ": date.format \""
              + pattern
              + "\" is not a date pattern: "
              + e.getMessage());
    }
  }

  private static String currency(String name, String code) {
    if (code == null) {
      return null;
    }
    try {
      return Currencies.of(code).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "profile " + name + ": default.currency: " + e.getMessage());
    }
  }

  private static char delimiter(String name, String value) {
    // A stray blank after "delimiter = ;" must not matter; a delimiter that is itself blank must.
    String stripped = value.strip();
    String v = "tab".equalsIgnoreCase(stripped) ? "\t" : stripped.isEmpty() ? value : stripped;
    if (v.length() != 1) {
      throw new IllegalArgumentException(
          "profile " + name + ": delimiter must be one character or 'tab', not \"" + value + "\"");
    }
    return v.charAt(0);
  }

  private static Charset charset(String name, String value) {
    try {
      return Charset.forName(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "profile " + name + ": unknown encoding \"" + value + "\"");
    }
  }

  private static Pattern pattern(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(value.strip());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "profile " + name + ": reference.pattern is not a valid regex: " + e.getDescription());
    }
  }

  private static Set<String> kinds(String value) {
    return Arrays.stream(value.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
