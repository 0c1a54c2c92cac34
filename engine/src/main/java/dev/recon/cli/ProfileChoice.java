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
}
