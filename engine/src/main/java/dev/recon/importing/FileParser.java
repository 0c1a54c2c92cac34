package dev.recon.importing;

import dev.recon.facts.Side;
import dev.recon.importing.bai2.Bai2Reader;
import dev.recon.importing.camt.CamtReader;
import dev.recon.importing.gateway.AdyenReader;
import dev.recon.importing.gateway.PayPalReader;
import dev.recon.importing.gateway.StripePayoutReader;
import dev.recon.importing.ofx.OfxReader;
import dev.recon.importing.swift.Mt940Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and normalizes one file by a profile, touching nothing but the file. */
public final class FileParser {
  private FileParser() {}

  public static ParsedFile parse(Path path, Profile profile, String accountOverride) {
    return parse(InputFile.read(path), profile, accountOverride);
  }

  public static ParsedFile parse(InputFile file, Profile profile, String accountOverride) {
    if (file.bytes().length == 0) {
      throw new BadInput(Problem.ofFile(file.name(), "is empty (0 bytes)"));
    }
    FileFormat format = file.format();
    if (format.selfDescribing()) {
      if (profile.source() != format.side()) {
        throw new BadInput(
            Problem.ofFile(
                file.name(),
                "is a "
                    + (format.side() == Side.BANK ? "bank statement" : "gateway report")
                    + " ("
                    + format.label()
                    + "); import it as a "
                    + format.side().label()
                    + " file (--source "
                    + format.side().label()
                    + "), not with the "
                    + profile.source().label()
                    + " profile "
                    + profile.name()));
      }
      return selfDescribing(file, format, profile, accountOverride);
    }
    Table table =
        format == FileFormat.XLSX
            ? XlsxTableReader.read(file, profile)
            : CsvTableReader.read(file, profile);
    RowNormalizer.Result result =
        new RowNormalizer(profile, file.name(), accountOverride).normalize(table);
    return new ParsedFile(file, format, profile, result.facts(), result.ignoredRows(), List.of());
  }

  private static ParsedFile selfDescribing(
      InputFile file, FileFormat format, Profile profile, String accountOverride) {
    Pattern pattern = profile.referencePattern();
    return switch (format) {
      case CAMT -> {
        CamtReader.Result camt = CamtReader.read(file, pattern, accountOverride);
        yield new ParsedFile(
            file, format, profile, camt.facts(), camt.skippedEntries(), camt.checks());
      }
      case OFX ->
          new ParsedFile(
              file, format, profile, OfxReader.read(file, pattern, accountOverride), 0, List.of());
      case MT940 -> {
        Mt940Reader.Result mt940 = Mt940Reader.read(file, pattern, accountOverride);
        yield new ParsedFile(file, format, profile, mt940.facts(), 0, mt940.checks());
      }
      case BAI2 -> {
        Bai2Reader.Result bai2 = Bai2Reader.read(file, pattern, accountOverride);
        yield new ParsedFile(file, format, profile, bai2.facts(), bai2.skipped(), bai2.checks());
      }
      case STRIPE_PAYOUT -> {
        StripePayoutReader.Result stripe = StripePayoutReader.read(file, pattern, accountOverride);
        yield new ParsedFile(file, format, profile, stripe.facts(), stripe.ignored(), List.of());
      }
      case PAYPAL -> {
        PayPalReader.Result paypal = PayPalReader.read(file, pattern, accountOverride);
        yield new ParsedFile(file, format, profile, paypal.facts(), paypal.ignored(), List.of());
      }
      case ADYEN -> {
        AdyenReader.Result adyen = AdyenReader.read(file, pattern, accountOverride);
        yield new ParsedFile(file, format, profile, adyen.facts(), adyen.ignored(), List.of());
      }
      case CSV, XLSX -> throw new AssertionError(format + " is read by a profile");
    };
  }
}
