package dev.recon.cli;

import dev.recon.importing.BadInput;
import dev.recon.importing.FileFormat;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profile;
import dev.recon.persistence.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports statement, gateway or ledger files: CSV or XLSX with a profile; ISO 20022 camt,"
          + " SWIFT MT940/MT942, OFX, BAI2 statements and Stripe payout, PayPal and Adyen"
          + " reports as they are (their format is detected from the content).",
      "Each file is stored whole or not at all. A file imported before adds nothing; rows already"
          + " stored from an overlapping file are skipped."
    })
final class ImportCommand implements Callable<Integer> {
  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(names = "--source", description = "bank, gateway or ledger (implied by --profile)")
  String source;

  @Option(
      names = "--profile",
      description =
          "Column-mapping profile: a built-in name (bank, ledger, gateway, stripe-balance) or a .properties file")
  String profileName;

  @Option(
      names = "--account",
      description = "Account the records belong to (overrides the file and profile)")
  String account;

  @picocli.CommandLine.Mixin FormatOption format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import, in order")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int refused = 0;
    try (Database database = recon.openDatabase()) {
      Importer importer = new Importer(database, recon.clock, recon.actor());
      for (Path path : files) {
        String sha256 = null;
        try {
          ImportResult result;
          if (FileParser.formatOf(path) == FileFormat.CAMT) {
            // camt is streamed into the import's transaction; the file is never held whole.
            FileFormat detected = format.check(path.getFileName().toString(), FileFormat.CAMT);
            Profile profile = ProfileChoice.resolve(spec, source, profileName, detected);
            sha256 = FileParser.sha256(path);
            result = importer.importCamt(path, sha256, profile, account);
          } else {
            InputFile file = InputFile.read(path);
            sha256 = file.sha256();
            FileFormat detected = format.check(file);
            Profile profile = ProfileChoice.resolve(spec, source, profileName, file, detected);
            result = importer.importStreamed(file, profile, account);
          }
          out.println(result.describe());
        } catch (BadInput e) {
          e.problems().forEach(problem -> err.println("error: " + problem));
          err.println(path.getFileName() + ": refused; nothing from this file was stored");
          importer.recordRefusal(path.getFileName().toString(), sha256, e);
          refused++;
        }
      }
    }
    out.flush();
    err.flush();
    return refused == 0 ? 0 : ReconCommand.EXIT_REFUSED;
  }
}
