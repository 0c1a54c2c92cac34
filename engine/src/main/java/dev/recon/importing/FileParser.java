package dev.recon.importing;

import dev.recon.facts.Side;
import dev.recon.importing.camt.CamtReader;
import dev.recon.importing.ofx.OfxReader;
import dev.recon.importing.swift.Mt940Reader;
import java.nio.file.Path;
import java.util.List;

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
    if (format == FileFormat.CAMT || format == FileFormat.MT940 || format == FileFormat.OFX) {
      if (profile.source() != Side.BANK) {
        throw new BadInput(
            Problem.ofFile(
                file.name(),
                "is a bank statement ("
                    + format.label()
                    + "); import it as a bank file (--source bank), not with the "
                    + profile.source().label()
                    + " profile "
                    + profile.name()));
      }
      if (format == FileFormat.CAMT) {
        CamtReader.Result camt = CamtReader.read(file, profile.referencePattern(), accountOverride);
        return new ParsedFile(
            file, format, profile, camt.facts(), camt.skippedEntries(), camt.checks());
      }
      if (format == FileFormat.OFX) {
        return new ParsedFile(
            file,
            format,
            profile,
            OfxReader.read(file, profile.referencePattern(), accountOverride),
            0,
            List.of());
      }
      Mt940Reader.Result mt940 =
          Mt940Reader.read(file, profile.referencePattern(), accountOverride);
      return new ParsedFile(file, format, profile, mt940.facts(), 0, mt940.checks());
    }
    Table table =
        format == FileFormat.XLSX
            ? XlsxTableReader.read(file, profile)
            : CsvTableReader.read(file, profile);
    RowNormalizer.Result result =
        new RowNormalizer(profile, file.name(), accountOverride).normalize(table);
    return new ParsedFile(file, format, profile, result.facts(), result.ignoredRows(), List.of());
  }
}
