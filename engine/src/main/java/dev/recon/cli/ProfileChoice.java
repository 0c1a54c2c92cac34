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
   * As {@link #resolve(CommandSpec, String, String)}, except that a file in a format that says what
   * it is (camt, MT940, OFX, BAI2, a gateway report) needs neither option: it is read as a file of
   * its side with that side's default profile.
   */
  static Profile resolve(
      CommandSpec spec, String source, String profileName, dev.recon.importing.FileFormat format) {
    if (source == null && profileName == null && format.selfDescribing()) {
      return Profiles.defaultFor(format.side());
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
            "say what the file is: --source bank|gateway|ledger or --profile NAME (only files"
                + " that say what they are need neither: camt, MT940, OFX, BAI2, Stripe payout,"
                + " PayPal and Adyen reports; "
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
      return format.selfDescribing();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
