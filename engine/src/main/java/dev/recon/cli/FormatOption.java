package dev.recon.cli;

import dev.recon.importing.BadInput;
import dev.recon.importing.FileFormat;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of the commands that read files. Recon always tells the format from
 * the content, never the name; naming one makes a file of another format a refusal, with what it
 * looks like instead.
 */
final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "FORMAT",
      description =
          "auto (default: detected from the content), csv, xlsx, camt (ISO 20022 camt.052/053/054)"
              + ", mt940 (SWIFT MT940/MT942), ofx (OFX/QFX), bai2, stripe-payout (Stripe payout"
              + " reconciliation), paypal (PayPal settlement/TRR) or adyen (Adyen settlement"
              + " details)")
  String format;

  /** The file's format, checked against the one asked for. */
  FileFormat check(InputFile file) {
    return check(file.name(), file.format());
  }

  /** The format detected in a file (by its first bytes), checked against the one asked for. */
  FileFormat check(String fileName, FileFormat detected) {
    if (format == null || format.equalsIgnoreCase("auto")) {
      return detected;
    }
    FileFormat wanted = FileFormat.ofLabel(format);
    if (wanted == null) {
      throw new IllegalArgumentException(
          "--format " + format + " is not one of auto, " + FileFormat.labels());
    }
    if (wanted != detected) {
      throw new BadInput(
          Problem.ofFile(
              fileName,
              "is not "
                  + wanted.label()
                  + " as --format says: its content reads as "
                  + detected.label()
                  + "; leave --format out to read it as that"));
    }
    return detected;
  }
}
