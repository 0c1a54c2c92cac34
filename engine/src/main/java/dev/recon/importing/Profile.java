package dev.recon.importing;

import dev.recon.facts.Side;
import dev.recon.normalizing.DateText;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one layout of export maps to facts: which column holds what, how dates and decimals are
 * written, and what to assume when the file does not say. Loaded from a small properties file; see
 * {@link Profiles} for the keys.
 *
 * @param amountSign +1 when the file's single amount column already uses Recon's sign convention
 *     (money in is positive), -1 when it is the other way round
 * @param ignoredKinds values of the kind column whose rows are skipped (e.g. Stripe's {@code
 *     payout} rows, which Recon reconciles as the sum of their charges), after {@code kindNames}
 * @param kindNames how the kind column's values become Recon's kinds
 */
public record Profile(
    String name,
    Side source,
    char delimiter,
    Charset encoding,
    int skipRows,
    DateText dates,
    boolean decimalComma,
    Map<Column, String> columns,
    String defaultCurrency,
    String defaultAccount,
    int amountSign,
    Pattern referencePattern,
    Set<String> ignoredKinds,
    KindNames kindNames) {

  /** How a profile's kind column names kinds. */
  public enum KindNames {
    /** As the file writes them, in lower case. */
    AS_GIVEN,
    /**
     * Stripe's balance transaction types, read as Stripe's payout reconciliation report's
     * categories are: charge, refund, chargeback, fee, adjustment and payout.
     */
    STRIPE;

    /** The kind of a value of the kind column (already in lower case), or null for none. */
    public String kindOf(String value) {
      return value == null || this == AS_GIVEN
          ? value
          : dev.recon.importing.gateway.StripePayoutReader.kind(value);
    }
  }

  public Profile {
    // In Column order, so a message listing columns reads the same on every run.
    EnumMap<Column, String> ordered = new EnumMap<>(Column.class);
    ordered.putAll(columns);
    columns = Collections.unmodifiableMap(ordered);
    ignoredKinds = Set.copyOf(ignoredKinds);
  }

  public Optional<String> column(Column column) {
    return Optional.ofNullable(columns.get(column));
  }

  public boolean hasColumn(Column column) {
    return columns.containsKey(column);
  }
}
