package dev.recon.matching;

import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.persistence.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Statement text in the sample layouts, imported into a test database on account OPS. */
final class DatabaseFixture {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-12T02:00:00Z"), ZoneOffset.UTC);
  static final String BANK_HEADER =
      "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n";
  static final String LEDGER_HEADER =
      "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n";

  private DatabaseFixture() {}

  static void importText(
      Database database, String name, String profile, String account, String text) {
    InputFile file = InputFile.of(name, text.getBytes(StandardCharsets.UTF_8));
    new Importer(database, CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load(profile), account), account);
  }

  static MatchRunner.RunSummary automaticRun(Database database) {
    return new MatchRunner(database, CLOCK, "nightly").run(RuleSet.standard());
  }
}
