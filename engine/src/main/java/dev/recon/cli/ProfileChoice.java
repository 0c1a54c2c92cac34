package dev.recon.cli;

import dev.recon.facts.Side;
import dev.recon.importing.Profile;
import dev.recon.importing.Profiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Picks the profile from --source and --profile: either may imply the other, both must agree. */
final class ProfileChoice {
  private ProfileChoice() {}

  static Profile resolve(CommandSpec spec, String source, String profileName) {
    if (profileName == null && source == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "say what the file is: --source bank|gateway|ledger or --profile NAME");
    }
    Profile profile =
        profileName != null ? Profiles.load(profileName) : Profiles.defaultFor(Side.parse(source));
    if (source != null && Side.parse(source) != profile.source()) {
      throw new IllegalArgumentException(
          "profile "
              + profile.name()
              + " reads "
              + profile.source().label()
              + " files, but --source says "
              + source);
    }
    return profile;
  }

  /**
   * As {@link #resolve(CommandSpec, String, String)}, except that a bank statement in a format that
   * says what it is (camt, MT940) needs neither option: it is read as a bank file.
   */
  static Profile resolve(
      CommandSpec spec, String source, String profileName, dev.recon.importing.FileFormat format) {
    if (source == null
        && profileName == null
        && (format == dev.recon.importing.FileFormat.CAMT
            || format == dev.recon.importing.FileFormat.MT940
            || format == dev.recon.importing.FileFormat.OFX)) {
      return Profiles.defaultFor(Side.BANK);
    }
    return resolve(spec, source, profileName);
  }

  /**
   * Fails as a usage mistake, before anything is read or stored, when neither --source nor
   * --profile is given and a file is not a bank statement that says what it is.
   */
  static void requireKnown(
      CommandSpec spec,
      String source,
      String profileName,
      java.util.List<java.nio.file.Path> files) {
    if (source != null || profileName != null) {
      return;
    }
    for (java.nio.file.Path file : files) {
      if (!selfDescribing(file)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "say what the file is: --source bank|gateway|ledger or --profile NAME (only camt and"
                + " MT940 bank statements need neither; "
                + file.getFileName()
                + " is not one)");
      }
    }
  }

  private static boolean selfDescribing(java.nio.file.Path file) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      dev.recon.importing.FileFormat format =
          dev.recon.importing.InputFile.of(file.getFileName().toString(), in.readNBytes(4096))
              .format();
      return format == dev.recon.importing.FileFormat.CAMT
          || format == dev.recon.importing.FileFormat.MT940
          || format == dev.recon.importing.FileFormat.OFX;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
