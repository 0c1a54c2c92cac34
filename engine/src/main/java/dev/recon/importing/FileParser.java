package dev.recon.importing;

import dev.recon.facts.Fact;
import dev.recon.facts.Side;
import dev.recon.importing.bai2.Bai2Reader;
import dev.recon.importing.camt.CamtReader;
import dev.recon.importing.gateway.AdyenReader;
import dev.recon.importing.gateway.PayPalReader;
import dev.recon.importing.gateway.StripePayoutReader;
import dev.recon.importing.ofx.OfxReader;
import dev.recon.importing.swift.Mt940Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
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
      requireSide(file.name(), format, profile);
      return selfDescribing(file, format, profile, accountOverride);
    }
    List<Fact> facts = new ArrayList<>();
    FileSummary table = stream(file, profile, accountOverride, facts::add);
    return new ParsedFile(file, format, profile, facts, table.ignoredRows(), List.of());
  }

  /** A table's rows as they are read: a workbook is read whole, a CSV file row by row. */
  static RowSource rowsOf(InputFile file, FileFormat format, Profile profile) {
    return format == FileFormat.XLSX
        ? RowSource.of(XlsxTableReader.read(file, profile))
        : CsvTableReader.open(file, profile);
  }

  /**
   * Reads a file held in memory, handing each fact to {@code sink} in file order. A table's facts
   * are handed on while later rows are still being read (see {@link
   * RowNormalizer#normalize(RowSource, Consumer)}), so storing them overlaps reading them; a table
   * with problems is refused after facts were handed on, so a sink that stores them must do so in a
   * transaction it can roll back. Other formats are read whole first.
   */
  public static FileSummary stream(
      InputFile file, Profile profile, String accountOverride, Consumer<Fact> sink) {
    FileFormat format = file.format();
    if (file.bytes().length == 0 || format.selfDescribing()) {
      ParsedFile parsed = parse(file, profile, accountOverride);
      parsed.facts().forEach(sink);
      return parsed.summary();
    }
    RowSource rows = rowsOf(file, format, profile);
    Map<String, Long> totals = new TreeMap<>();
    long[] records = {0};
    int ignored =
        new RowNormalizer(profile, file.name(), accountOverride)
            .normalize(
                rows,
                fact -> {
                  totals.merge(fact.currencyCode(), fact.amount().minor(), Math::addExact);
                  records[0]++;
                  sink.accept(fact);
                });
    return new FileSummary(
        file.name(), file.sha256(), format, profile, records[0], ignored, totals, List.of());
  }

  /** A self-describing format's records are on its side; a profile of another side is a mistake. */
  private static void requireSide(String fileName, FileFormat format, Profile profile) {
    if (profile.source() != format.side()) {
      throw new BadInput(
          Problem.ofFile(
              fileName,
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
  }

  /** Bytes of a file's start its format is told from: more than any format's marker needs. */
  private static final int HEAD_BYTES = 65_536;

  /**
   * The format of a file as its first bytes show it, without reading the rest: what decides whether
   * a file is streamed (camt) or read whole.
   */
  public static FileFormat formatOf(Path path) {
    try (InputStream in = open(path)) {
      return InputFile.of(path.getFileName().toString(), in.readNBytes(HEAD_BYTES)).format();
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  /** The SHA-256 of a file's content, read as a stream (the identity of a file not held whole). */
  public static String sha256(Path path) {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(open(path), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw unreadable(path, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Reads a camt file from its path as a stream, handing each fact to {@code sink} as its entry
   * ends and hashing the bytes as they pass: neither the file nor its facts are held, so memory
   * does not grow with the file. A file with problems is refused when its end is reached, after
   * facts have been handed on: a sink that stores them must do so in a transaction it can roll
   * back.
   */
  public static FileSummary streamCamt(
      Path path, Profile profile, String accountOverride, Consumer<Fact> sink) {
    String name = path.getFileName().toString();
    requireSide(name, FileFormat.CAMT, profile);
    MessageDigest digest = sha256();
    Map<String, Long> totals = new TreeMap<>();
    CamtReader.Streamed camt;
    try (InputStream in = new DigestInputStream(open(path), digest)) {
      camt =
          CamtReader.stream(
              // The XML reader closes its input at the document's end; the rest is still hashed.
              new java.io.FilterInputStream(in) {
                @Override
                public void close() {}
              },
              name,
              profile.referencePattern(),
              accountOverride,
              fact -> {
                totals.merge(fact.currencyCode(), fact.amount().minor(), Math::addExact);
                sink.accept(fact);
              });
      // Whatever follows the document's end is part of the file's identity too.
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw unreadable(path, e);
    }
    return new FileSummary(
        name,
        HexFormat.of().formatHex(digest.digest()),
        FileFormat.CAMT,
        profile,
        camt.facts(),
        camt.skippedEntries(),
        totals,
        camt.checks());
  }

  private static InputStream open(Path path) {
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new BadInput(Problem.ofFile(path.toString(), "no such file"));
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  private static BadInput unreadable(Path path, IOException e) {
    return new BadInput(Problem.ofFile(path.toString(), "cannot be read: " + e.getMessage()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
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
