package dev.recon.exceptions;

import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.facts.Item;
import dev.recon.importing.FileParser;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.Profiles;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** A test database with statement text imported, matched, and the queue and corrections on it. */
final class QueueFixture {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-12T02:00:00Z"), ZoneOffset.UTC);
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 12);
  static final String BANK_HEADER =
      "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n";
  static final String LEDGER_HEADER =
      "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n";

  final Database database;
  final Corrections corrections;
  final ExceptionQueue queue;

  QueueFixture(Database database) {
    this.database = database;
    this.corrections = new Corrections(database, CLOCK, ChartOfAccounts.defaults());
    this.queue = new ExceptionQueue(database, CLOCK, corrections);
  }

  void bank(String name, String rows) {
    importText(name, "bank", BANK_HEADER + rows);
  }

  void ledger(String name, String rows) {
    importText(name, "ledger", LEDGER_HEADER + rows);
  }

  void importText(String name, String profile, String text) {
    InputFile file = InputFile.of(name, text.getBytes(StandardCharsets.UTF_8));
    new Importer(database, CLOCK, "tester")
        .importFile(FileParser.parse(file, Profiles.load(profile), "OPS"), "OPS");
  }

  MatchRunner.RunSummary run() {
    return run(RuleSet.standard());
  }

  MatchRunner.RunSummary run(RuleSet rules) {
    return new MatchRunner(database, CLOCK, "nightly").run(rules);
  }

  List<ExceptionRow> open() {
    return queue.list(ExceptionFilter.open(), ExceptionSort.DEFAULT, 0, 500, AS_OF).rows();
  }

  ExceptionRow openOf(String side, long amountMinor) {
    return open().stream()
        .filter(r -> side.equals(r.side()) && r.amountMinor() == amountMinor)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no open exception on " + side + " of " + amountMinor));
  }

  Item unmatched(String side, long amountMinor) {
    return database.inTransaction(tx -> tx.items().unmatched()).stream()
        .filter(
            i -> i.fact().side().name().equals(side) && i.fact().amount().minor() == amountMinor)
        .findFirst()
        .orElseThrow();
  }

  /** The id of the item on a side with an amount, matched or not. */
  long itemId(String side, long amountMinor) {
    return database
        .inTransaction(
            tx -> {
              List<Item> all = new java.util.ArrayList<>(tx.items().unmatched());
              all.addAll(tx.items().matched());
              return all;
            })
        .stream()
        .filter(
            i -> i.fact().side().name().equals(side) && i.fact().amount().minor() == amountMinor)
        .findFirst()
        .orElseThrow()
        .id();
  }

  int audits(String action) {
    return database.inTransaction(tx -> tx.audit().count(action));
  }
}
