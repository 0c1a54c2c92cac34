package dev.recon.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tells which built-in profile reads a file whose source the user did not name: a bank statement in
 * a format that says what it is (camt, MT940, OFX, BAI2) is a bank file, a gateway report in one
 * (Stripe payout reconciliation, PayPal, Adyen) a gateway file; a table is read by the one built-in
 * profile whose every mapped column its header has. When none or several fit, the file is refused
 * with a request to choose, rather than read by a guess.
 */
public final class ProfileDetection {
  private ProfileDetection() {}

  public static Profile detect(InputFile file) {
    FileFormat format = file.format();
    if (format.selfDescribing()) {
      return Profiles.defaultFor(format.side());
    }
    List<Profile> fitting = new ArrayList<>();
    for (String name : Profiles.BUILT_IN) {
      Profile profile = Profiles.load(name);
      if (headerFits(file, format, profile)) {
        fitting.add(profile);
      }
    }
    if (fitting.size() == 1) {
      return fitting.get(0);
    }
    String choose =
        "; choose the source (bank, ledger, gateway or stripe-balance): --source or --profile on"
            + " the command line, the source field when uploading";
    if (fitting.isEmpty()) {
      throw new BadInput(
          Problem.ofFile(
              file.name(),
              "Recon cannot tell what this file is: its header has the columns of none of the"
                  + " built-in profiles"
                  + choose));
    }
    throw new BadInput(
        Problem.ofFile(
            file.name(),
            "its header fits the profiles "
                + fitting.stream().map(Profile::name).collect(Collectors.joining(" and "))
                + choose));
  }

  private static boolean headerFits(InputFile file, FileFormat format, Profile profile) {
    List<String> header;
    try {
      // A CSV file's header is all that is read, not its rows.
      header = FileParser.rowsOf(file, format, profile).header();
    } catch (BadInput notThisProfile) {
      return false;
    }
    return profile.columns().values().stream()
        .allMatch(column -> header.stream().anyMatch(column::equalsIgnoreCase));
  }
}
