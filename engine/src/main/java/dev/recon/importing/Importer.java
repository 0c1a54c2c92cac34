package dev.recon.importing;

import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.CloseStore;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import dev.recon.persistence.ImportStore;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import dev.recon.persistence.Transaction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports parsed files: one transaction per file, so a file is stored whole or not at all. A file
 * whose bytes were imported before changes nothing; rows already stored (an overlapping export) are
 * skipped by their content identity.
 */
public final class Importer {
  private final Database database;
  private final Clock clock;
  private final String actor;

  public Importer(Database database, Clock clock, String actor) {
    this.database = database;
    this.clock = clock;
    this.actor = actor;
  }

  /**
   * Records in the audit log that a file was refused, in a transaction of its own: nothing of the
   * file is stored, but an auditor can see that it arrived and why it was turned away.
   */
  public void recordRefusal(String fileName, String sha256, BadInput refusal) {
    database.inTransaction(
        tx -> {
          recordRefusal(tx, fileName, sha256, refusal);
          return null;
        });
  }

  /** As {@link #recordRefusal(String, String, BadInput)}, in the caller's transaction. */
  public void recordRefusal(Transaction tx, String fileName, String sha256, BadInput refusal) {
    String detail =
        fileName
            + (sha256 == null ? "" : " sha256=" + sha256)
            + " refused with "
            + refusal.problems().size()
            + " problem(s); first: "
            + refusal.problems().get(0);
    tx.audit()
        .append(
            new AuditStore.Entry(
                OffsetDateTime.now(clock),
                actor,
                "IMPORT_REFUSED",
                "imported_file",
                null,
                null,
                detail.length() > 4000 ? detail.substring(0, 4000) : detail));
  }

  /** Items a closed period listed before the refusal stops naming them. */
  private static final int CLOSED_DATE_PROBLEMS_MAX = 20;

  /**
   * Refuses the file if any item it would add is booked on a closed date: a closed period's figures
   * and reports must not change behind the close. Items already stored (an overlapping export)
   * change nothing and do not count.
   */
  private static void refuseClosedDates(
      Transaction tx, String fileName, List<IdentifiedFact> identified) {
    Map<LocalDate, CloseStore.LockedDate> locked =
        tx.closes().lockedAmong(identified.stream().map(f -> f.fact().bookingDate()).toList());
    if (locked.isEmpty()) {
      return;
    }
    // Only now (a closed date is rare) are the items already stored looked up and left out.
    List<IdentifiedFact> onClosedDates =
        identified.stream().filter(f -> locked.containsKey(f.fact().bookingDate())).toList();
    Set<String> stored =
        tx.imports()
            .storedIdentities(onClosedDates.stream().map(IdentifiedFact::fingerprint).toList());
    List<IdentifiedFact> fresh =
        onClosedDates.stream().filter(item -> !stored.contains(item.identity())).toList();
    if (fresh.isEmpty()) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    for (IdentifiedFact item : fresh) {
      CloseStore.LockedDate lock = locked.get(item.fact().bookingDate());
      if (lock != null && problems.size() < CLOSED_DATE_PROBLEMS_MAX) {
        problems.add(
            new Problem(
                fileName,
                item.fact().origin().line(),
                null,
                "booked on "
                    + lock.date()
                    + ", a closed period (closed by close run #"
                    + lock.closeRunId()
                    + "); an admin can reopen it with: recon --user ADMIN close reopen --date "
                    + lock.date()
                    + " --reason TEXT"));
      }
    }
    throw new BadInput(problems);
  }

  /** The exception type of a statement whose balances disagree with its entries. */
  public static final String BALANCE_BREAK = "BALANCE_BREAK";

  /** The exception type of a statement whose opening balance is not the previous closing one. */
  public static final String CHAIN_BREAK = "STATEMENT_CHAIN_BREAK";

  /** "statement S of account A (file:line)" */
  private static String statement(BalanceCheck check, String fileName) {
    return "statement "
        + (check.statementId() == null ? "" : check.statementId() + " ")
        + "of account "
        + check.account()
        + " ("
        + fileName
        + ":"
        + check.line()
        + ")";
  }

  private static String describeChainBreak(
      String fileName, BalanceCheck check, ImportStore.StatementBalance previous) {
    Currency currency = Currencies.of(check.currency());
    return statement(check, fileName)
        + " opens at "
        + new Money(check.openingMinor(), currency)
        + " on "
        + check.openingDate()
        + ", but the previous statement "
        + (previous.statementId() == null ? "" : previous.statementId() + " ")
        + "("
        + previous.fileName()
        + ":"
        + previous.line()
        + ") closed at "
        + new Money(previous.closingMinor(), currency)
        + " on "
        + previous.closingDate()
        + "; a statement between them is missing or one was altered";
  }

  private static String describeBreak(String fileName, BalanceCheck check) {
    Currency currency = Currencies.of(check.currency());
    return statement(check, fileName)
        + ": opening balance "
        + new Money(check.openingMinor(), currency)
        + " plus booked entries "
        + new Money(check.movementsMinor(), currency)
        + " is "
        + new Money(check.openingMinor() + check.movementsMinor(), currency)
        + ", but the closing balance is "
        + new Money(check.closingMinor(), currency)
        + " (a difference of "
        + new Money(check.breakMinor(), currency)
        + "); entries are missing or the file was altered";
  }

  public ImportResult importFile(ParsedFile parsed, String accountOverride) {
    return database.inTransaction(tx -> importFile(tx, parsed, accountOverride));
  }

  /**
   * As {@link #importFile(ParsedFile, String)}, in the caller's transaction (a close run records
   * what it did with the file in the same one).
   *
   * @throws BadInput if the file would add an item booked on a closed date; nothing is stored
   */
  public ImportResult importFile(Transaction tx, ParsedFile parsed, String accountOverride) {
    return store(
        tx,
        newFile(
            parsed.file().name(),
            parsed.file().sha256(),
            parsed.format(),
            parsed.profile(),
            accountOverride),
        // A file read whole is stored in one batch: its facts are in memory already.
        Math.max(1, parsed.facts().size()),
        parsed.facts().size(),
        sink -> {
          parsed.facts().forEach(sink);
          return parsed.summary();
        });
  }

  /**
   * Imports a file held in memory, storing its facts while later ones are still being read (see
   * {@link FileParser#stream}): what {@code recon import} does with a table, where a million rows
   * would otherwise be normalized first and stored after. All in one transaction, so a file refused
   * at its end still stores nothing.
   */
  public ImportResult importStreamed(InputFile file, Profile profile, String accountOverride) {
    return database.inTransaction(tx -> importStreamed(tx, file, profile, accountOverride));
  }

  /** As {@link #importStreamed(InputFile, Profile, String)}, in the caller's transaction. */
  public ImportResult importStreamed(
      Transaction tx, InputFile file, Profile profile, String accountOverride) {
    return store(
        tx,
        newFile(file.name(), file.sha256(), file.format(), profile, accountOverride),
        STREAMED_TABLE_BATCH_ITEMS,
        expectedRecords(file),
        sink -> FileParser.stream(file, profile, accountOverride, sink));
  }

  /**
   * About how many records a table holds: a CSV's line count, so that the occurrence count is sized
   * once instead of growing (and holding its old and new tables at once) while a large file loads.
   */
  private static int expectedRecords(InputFile file) {
    if (file.format() != FileFormat.CSV) {
      return STREAMED_TABLE_BATCH_ITEMS;
    }
    int lines = 0;
    for (byte b : file.bytes()) {
      if (b == '\n') {
        lines++;
      }
    }
    return Math.max(STREAMED_TABLE_BATCH_ITEMS, lines);
  }

  /**
   * Imports a camt file from its path without holding it: its facts are read as a stream and stored
   * in batches, all in one transaction, so a file refused at its end (a problem in its last entry)
   * still stores nothing. {@code sha256} is the file's content hash, read beforehand so a file
   * imported before is recognised before anything is stored.
   */
  public ImportResult importCamt(
      java.nio.file.Path path, String sha256, Profile profile, String accountOverride) {
    return database.inTransaction(tx -> importCamt(tx, path, sha256, profile, accountOverride));
  }

  /** As {@link #importCamt(java.nio.file.Path, String, Profile, String)}, in the caller's tx. */
  public ImportResult importCamt(
      Transaction tx,
      java.nio.file.Path path,
      String sha256,
      Profile profile,
      String accountOverride) {
    ImportStore.NewFile file =
        newFile(path.getFileName().toString(), sha256, FileFormat.CAMT, profile, accountOverride);
    return store(
        tx,
        file,
        STREAMED_BATCH_ITEMS,
        STREAMED_BATCH_ITEMS,
        sink -> FileParser.streamCamt(path, profile, accountOverride, sink));
  }

  /** The file row of a file about to be read; its counts are recorded once it has been. */
  private ImportStore.NewFile newFile(
      String name, String sha256, FileFormat format, Profile profile, String accountOverride) {
    return new ImportStore.NewFile(
        sha256,
        name,
        profile.source().label(),
        format.label(),
        profile.name(),
        accountOverride,
        0,
        0,
        0,
        actor,
        OffsetDateTime.now(clock));
  }

  /** Reads a file once, handing each fact to the sink in file order; says what else it found. */
  private interface FactSource {
    FileSummary read(java.util.function.Consumer<dev.recon.facts.Fact> sink);
  }

  private ImportResult store(
      Transaction tx,
      ImportStore.NewFile newFile,
      int batchItems,
      int expectedRecords,
      FactSource source) {
    ImportStore imports = tx.imports();
    String sha256 = newFile.sha256();
    Optional<ImportStore.ImportedFile> earlier = imports.findByContent(sha256);
    if (earlier.isPresent()) {
      // Read all the same: the counts are reported, and a damaged file is still refused.
      return alreadyImported(earlier.get(), source.read(fact -> {}));
    }
    OffsetDateTime now = newFile.importedAt();
    // The file row goes first (items point at it); its counts are recorded once all are read.
    long fileId = imports.insertFile(newFile);
    ItemBatches batches = new ItemBatches(tx, fileId, batchItems, expectedRecords);
    FileSummary file = source.read(batches::add);
    batches.flush();
    int records = Math.toIntExact(file.records());
    int duplicates = records - batches.added;
    imports.recordCounts(fileId, records, batches.added, duplicates);
    tx.audit()
        .append(
            new AuditStore.Entry(
                now,
                actor,
                "IMPORT_FILE",
                "imported_file",
                fileId,
                null,
                file.name()
                    + " sha256="
                    + sha256
                    + " records="
                    + records
                    + " added="
                    + batches.added));
    List<String> breaks = checkStatements(tx, fileId, file, now);
    return new ImportResult(
        file.name(),
        fileId,
        false,
        null,
        records,
        batches.added,
        duplicates,
        file.ignoredRows(),
        file.totalMinorByCurrency(),
        breaks);
  }

  private static ImportResult alreadyImported(ImportStore.ImportedFile first, FileSummary file) {
    String description =
        first.fileName()
            + ", account "
            + (first.account() == null ? "from the file" : first.account())
            + ", profile "
            + first.profile()
            + ", by "
            + first.importedBy()
            + " at "
            + first.importedAt();
    return new ImportResult(
        file.name(),
        first.id(),
        true,
        description,
        Math.toIntExact(file.records()),
        0,
        0,
        file.ignoredRows(),
        file.totalMinorByCurrency(),
        List.of());
  }

  /**
   * Items per batch a table held in memory is stored in while the rest is read: each batch is one
   * bulk load, large enough that its fixed costs vanish, small enough that loading starts early.
   */
  private static final int STREAMED_TABLE_BATCH_ITEMS = 20_000;

  /** Items per batch a streamed file is stored in: few enough that a batch's memory is small. */
  private static final int STREAMED_BATCH_ITEMS = 2_000;

  /**
   * Identifies a file's facts as they come and stores them in batches under the file, refusing any
   * batch with an item booked on a closed date (which rolls the whole import back).
   */
  private final class ItemBatches {
    final Transaction tx;
    final long fileId;
    final FactIdentity identity;
    final int batchItems;
    final List<dev.recon.facts.Fact> batch = new ArrayList<>();
    int added;

    ItemBatches(Transaction tx, long fileId, int batchItems, int expectedRecords) {
      this.tx = tx;
      this.fileId = fileId;
      this.batchItems = batchItems;
      this.identity = new FactIdentity(expectedRecords);
    }

    void add(dev.recon.facts.Fact fact) {
      batch.add(fact);
      if (batch.size() == batchItems) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<IdentifiedFact> identified = identity.next(batch);
      refuseClosedDates(tx, batch.get(0).origin().fileName(), identified);
      added += tx.imports().insertNew(fileId, identified);
      batch.clear();
    }
  }

  /**
   * Checks each statement of the file that carries balances against its entries and against the
   * account's previous statement, opens an exception for each break, stores its balances, and
   * returns the breaks as text.
   */
  private List<String> checkStatements(
      Transaction tx, long fileId, FileSummary file, OffsetDateTime now) {
    ImportStore imports = tx.imports();
    List<String> breaks = new ArrayList<>();
    List<BalanceCheck> statements = new ArrayList<>(file.balanceChecks());
    statements.sort(
        java.util.Comparator.comparing(
                BalanceCheck::openingDate,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparingInt(BalanceCheck::line));
    for (BalanceCheck check : statements) {
      // Exceptions on the account, not on an item: the statement does not add up, or does not
      // continue from the one before it.
      if (!check.agrees()) {
        String reason = describeBreak(file.name(), check);
        breaks.add(reason);
        tx.exceptions()
            .open(
                ExceptionStore.NewException.onAccount(
                    BALANCE_BREAK,
                    reason,
                    check.account(),
                    check.currency(),
                    check.breakMinor(),
                    statementDate(check)),
                null,
                now);
      }
      if (check.openingDate() != null) {
        Optional<ImportStore.StatementBalance> previous =
            imports.previousStatement(
                check.account(), check.currency(), check.statementId(), check.openingDate());
        if (previous.isPresent() && previous.get().closingMinor() != check.openingMinor()) {
          String reason = describeChainBreak(file.name(), check, previous.get());
          breaks.add(reason);
          tx.exceptions()
              .open(
                  ExceptionStore.NewException.onAccount(
                      CHAIN_BREAK,
                      reason,
                      check.account(),
                      check.currency(),
                      check.openingMinor() - previous.get().closingMinor(),
                      statementDate(check)),
                  null,
                  now);
        }
      }
      imports.insertStatementBalance(
          fileId,
          new ImportStore.StatementBalance(
              check.account(),
              check.currency(),
              check.statementId(),
              file.name(),
              check.line(),
              check.openingDate(),
              check.openingMinor(),
              check.closingDate(),
              check.closingMinor()));
    }
    return breaks;
  }

  /** The date an account exception about a statement ages from: its closing, else opening date. */
  private static java.time.LocalDate statementDate(BalanceCheck check) {
    return check.closingDate() != null ? check.closingDate() : check.openingDate();
  }
}
