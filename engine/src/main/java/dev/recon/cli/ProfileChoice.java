package dev.recon.cli;

import dev.recon.facts.Side;
import dev.recon.importing.Profile;
import dev.recon.importing.ProfileDetection;
import dev.recon.importing.Profiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picks the profile from --source and --profile: either may imply the other, both must agree;
 * without either, the file's content says (its format, or for a table its header).
 */
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
   * As {@link #resolve(CommandSpec, String, String, dev.recon.importing.FileFormat)}, except that a
   * table (CSV, XLSX) given neither option is read by the one built-in profile its header fits
   * ({@link ProfileDetection}); a file none or several fit is refused, asking which it is.
   */
  static Profile resolve(
      CommandSpec spec,
      String source,
      String profileName,
      dev.recon.importing.InputFile file,
      dev.recon.importing.FileFormat format) {
    if (source == null && profileName == null && !format.selfDescribing()) {
      return ProfileDetection.detect(file);
    }
    return resolve(spec, source, profileName, format);
  }
}
