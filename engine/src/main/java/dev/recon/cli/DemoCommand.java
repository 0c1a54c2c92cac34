package dev.recon.cli;

import dev.recon.access.Role;
import dev.recon.access.Users;
import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.CorrectionEntry;
import dev.recon.corrections.Corrections;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.money.Money;
import dev.recon.persistence.Database;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The whole job on the sample data: a fresh embedded database, every file listed in {@code
 * samples/manifest.csv} imported, one matching run, and the report written to {@code recon-out/}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Recon end to end on the sample files: fresh embedded database, import, match, report.",
      "It refuses to reset a database that holds anything but earlier demo data."
    })
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_ACTOR = "demo";

  /** Everyone who reads README knows this password: it is for the demo database only. */
  static final String DEMO_PASSWORD = "recon-demo-only";

  @ParentCommand ReconCommand recon;
  @Spec CommandSpec spec;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "Sample folder (default: $RECON_HOME/samples, else ./samples)")
  Path samples;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "recon-out",
      description = "Report folder (default: ${DEFAULT-VALUE})")
  Path outDir;

  /** One line of the manifest: which file, read how. */
  record Entry(Path file, String source, String profile, String account) {}

  @Override
  public Integer call() throws IOException {
    Path sampleDir =
        samples != null
            ? samples
            : Path.of(recon.environment.getOrDefault("RECON_HOME", "."), "samples");
    List<Entry> entries = manifest(sampleDir);
    String url = recon.databaseUrl();
    resetDemoDatabase(url);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Recon demo on " + sampleDir + " (database " + url + ")");
    try (Database database = Database.open(url)) {
      Importer importer = new Importer(database, recon.clock, DEMO_ACTOR);
      for (Entry entry : entries) {
        ImportResult result =
            importer.importFile(
                FileParser.parse(entry.file(), Profiles.load(entry.profile()), entry.account()),
                entry.account());
        out.println("  imported " + result.describe());
      }
      Printing.run(out, new MatchRunner(database, recon.clock, DEMO_ACTOR).run(RuleSet.standard()));
      proposeCorrections(database, out);
      ReportScope scope = ReportScope.upTo(database.inTransaction(DemoCommand::latestBookingDate));
      ReportWriter.Written report =
          ReportWriter.write(database, scope, outDir.resolve("demo-report.xlsx"));
      Printing.summary(out, report.summary());
      for (Path written : report.files()) {
        out.println("Report: " + written);
      }
      ReportWriter.write(database, scope, outDir.resolve("demo-report.csv"));
      addDemoUsers(database, out);
    }
    out.flush();
    return 0;
  }

  /** The corrections the demo's matches call for: the Stripe payout's fees among them. */
  private void proposeCorrections(Database database, PrintWriter out) {
    Corrections.ProposalRun run =
        new Corrections(database, recon.clock, ChartOfAccounts.defaults()).proposeAll(DEMO_ACTOR);
    out.println(CorrectionsCommand.summary(run) + ":");
    for (CorrectionEntry entry : run.proposed()) {
      StringBuilder lines = new StringBuilder();
      for (var line : entry.lines()) {
        lines
            .append(lines.length() == 0 ? "" : ", ")
            .append(line.debitMinor() > 0 ? "Dr " : "Cr ")
            .append(line.account())
            .append(' ')
            .append(
                Money.ofMinor(line.debitMinor() + line.creditMinor(), entry.currency())
                    .toDecimal()
                    .toPlainString());
      }
      out.printf(
          java.util.Locale.ROOT,
          "  #%d %s %s %s [%s]: %s%n",
          entry.id(),
          entry.status().toLowerCase(java.util.Locale.ROOT),
          entry.kind().label(),
          Money.ofMinor(entry.amountMinor(), entry.currency()),
          lines,
          entry.description());
    }
  }

  /** One user per role, so that {@code ./recon serve} can be tried at once. */
  private void addDemoUsers(Database database, PrintWriter out) {
    Users users = new Users(database, recon.clock);
    for (Role role : List.of(Role.ADMIN, Role.APPROVER, Role.PREPARER, Role.VIEWER)) {
      users.add(role.label(), role, DEMO_PASSWORD, DEMO_ACTOR);
    }
    out.println(
        "Demo users for ./recon serve: admin, approver, preparer, viewer; password "
            + DEMO_PASSWORD
            + " (DEMO ONLY: anyone who read the README knows it)");
  }

  private static LocalDate latestBookingDate(dev.recon.persistence.Transaction tx) {
    return tx.items()
        .latestBookingDate()
        .orElseThrow(() -> new IllegalStateException("the demo imported no items"));
  }

  static List<Entry> manifest(Path sampleDir) throws IOException {
    Path manifest = sampleDir.resolve("manifest.csv");
    if (!Files.exists(manifest)) {
      throw new IllegalArgumentException(
          "no sample manifest at " + manifest + "; run from the Recon folder or pass --samples");
    }
    try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setCommentMarker('#')
          .get()
          .parse(reader)
          .getRecords()
          .stream()
          .map(
              (CSVRecord r) ->
                  new Entry(
                      sampleDir.resolve(r.get("file")),
                      r.get("source"),
                      r.get("profile"),
                      r.get("account")))
          .toList();
    }
  }

  /** Deletes the embedded demo database, unless it holds data someone else imported. */
  private static void resetDemoDatabase(String url) throws IOException {
    String prefix = "jdbc:h2:file:";
    if (!url.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "the demo runs on an embedded H2 file database (jdbc:h2:file:...), not " + url);
    }
    Path base = Path.of(url.substring(prefix.length()).split(";", 2)[0]);
    Path dataFile = base.resolveSibling(base.getFileName() + ".mv.db");
    if (!Files.exists(dataFile)) {
      return;
    }
    try (Database existing = Database.open(url)) {
      int others = existing.inTransaction(tx -> tx.imports().countImportedByOthers(DEMO_ACTOR));
      if (others > 0) {
        throw new IllegalArgumentException(
            "the database at "
                + dataFile
                + " holds "
                + others
                + " files imported by someone other than the demo;"
                + " the demo will not reset it. Run it elsewhere: --db jdbc:h2:file:./recon-data/demo");
      }
    }
    Files.deleteIfExists(dataFile);
    Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".trace.db"));
  }
}
