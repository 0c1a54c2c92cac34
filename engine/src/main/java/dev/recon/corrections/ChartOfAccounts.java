package dev.recon.corrections;

import dev.recon.money.Currencies;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The accounts correction entries book to, and the correction policy: the defaults in {@code
 * chart-of-accounts.properties} beside this class, overridden key by key by a properties file of
 * the user's (UTF-8). Recon accounts (an import's {@code --account}) map to general-ledger accounts
 * through {@code account.NAME}; an unlisted account is booked under its own name.
 */
public final class ChartOfAccounts {
  private static final String DEFAULTS = "chart-of-accounts.properties";

  private final Properties properties;

  private ChartOfAccounts(Properties properties) {
    this.properties = properties;
  }

  /** The built-in defaults. */
  public static ChartOfAccounts defaults() {
    return load(null);
  }

  /** The defaults overridden by a file, or the defaults alone when {@code file} is null. */
  public static ChartOfAccounts load(Path file) {
    Properties properties = new Properties();
    try (InputStream in = ChartOfAccounts.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the default chart of accounts is missing from the build");
      }
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default chart of accounts", e);
    }
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the chart of accounts " + file + ": " + e.getMessage());
      }
    }
    return new ChartOfAccounts(properties);
  }

  /** The general-ledger account that books a Recon account. */
  public String ledgerAccount(String reconAccount) {
    return properties.getProperty("account." + reconAccount, reconAccount);
  }

  /** The account a correction kind books its other side to (key {@code gateway.fees} etc.). */
  public String account(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the chart of accounts has no account for \"" + key + "\"; add " + key + "=ACCOUNT");
    }
    return value.strip();
  }

  /**
   * Corrections below this many minor units of the currency, from groups a rule accepted
   * automatically, post without approval.
   */
  public long autoPostBelowMinor(String currency) {
    return minor("autopost.below", currency);
  }

  /** How far a manual match's sides may differ without booking the difference (inclusive). */
  public long manualToleranceMinor(String currency) {
    return minor("manual.match.tolerance", currency);
  }

  private long minor(String key, String currency) {
    String text = properties.getProperty(key, "0").strip();
    BigDecimal major;
    try {
      major = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " in the chart of accounts is not an amount: \"" + text + "\"");
    }
    int scale = Currencies.scale(Currencies.of(currency));
    return major.movePointRight(scale).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
  }

  public List<String> bankChargeWords() {
    return words("bank.charge.words");
  }

  public List<String> interestWords() {
    return words("interest.words");
  }

  private List<String> words(String key) {
    return Arrays.stream(properties.getProperty(key, "").split(","))
        .map(w -> w.strip().toLowerCase(Locale.ROOT))
        .filter(w -> !w.isEmpty())
        .toList();
  }
}
