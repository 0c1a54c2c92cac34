package dev.recon.importing;

import dev.recon.facts.Side;
import java.util.Locale;

/**
 * The format of a file as its content shows it. CSV and XLSX are read by a column profile; the
 * others say what they are and are read by their own reader, bank statements as bank files and
 * gateway reports as gateway files.
 */
public enum FileFormat {
  CSV(null),
  XLSX(null),
  /** An ISO 20022 camt.052, camt.053 or camt.054 XML message. */
  CAMT(Side.BANK),
  /** A SWIFT MT940 statement, MT942 interim report or MT950 statement. */
  MT940(Side.BANK),
  /** An OFX or QFX statement, 1.x SGML or 2.x XML. */
  OFX(Side.BANK),
  /** A BAI2 cash management balance report. */
  BAI2(Side.BANK),
  /** Stripe's itemized payout reconciliation report. */
  STRIPE_PAYOUT(Side.GATEWAY),
  /** PayPal's settlement (STL) or transaction detail (TRR) report. */
  PAYPAL(Side.GATEWAY),
  /** Adyen's settlement details report. */
  ADYEN(Side.GATEWAY);

  private final Side side;

  FileFormat(Side side) {
    this.side = side;
  }

  /** The side a self-describing format's records are on; null for CSV and XLSX (profile says). */
  public Side side() {
    return side;
  }

  public boolean selfDescribing() {
    return side != null;
  }

  /** The name users type after {@code --format}: csv, camt, bai2, stripe-payout... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The format of a {@code --format} label, or null. */
  public static FileFormat ofLabel(String label) {
    // MT942 and MT950 are read by the MT940 reader: the same tags, other message types.
    if (label.strip().equalsIgnoreCase("mt942") || label.strip().equalsIgnoreCase("mt950")) {
      return MT940;
    }
    for (FileFormat format : values()) {
      if (format.label().equalsIgnoreCase(label.strip())) {
        return format;
      }
    }
    return null;
  }

  public static String labels() {
    StringBuilder labels = new StringBuilder();
    for (FileFormat format : values()) {
      labels.append(labels.isEmpty() ? "" : ", ").append(format.label());
    }
    return labels.toString();
  }
}
