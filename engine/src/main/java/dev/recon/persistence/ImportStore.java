package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.STATEMENT_BALANCE;

import dev.recon.facts.Fact;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/** Imported files and the items they added. */
public final class ImportStore {
  private static final int CHUNK_ROWS = 500;
  private final DSLContext dsl;

  private final ReconciliationTotals totals;

  ImportStore(DSLContext dsl, ReconciliationTotals totals) {
    this.dsl = dsl;
    this.totals = totals;
  }

  /** A file already imported, as the user will want it described. */
  public record ImportedFile(
      long id,
      String fileName,
      String account,
      String profile,
      String importedBy,
      OffsetDateTime importedAt,
      int addedCount) {}

  /** What a new file row records. */
  public record NewFile(
      String sha256,
      String fileName,
      String source,
      String format,
      String profile,
      String account,
      int rowCount,
      int addedCount,
      int duplicateCount,
      String importedBy,
      OffsetDateTime importedAt) {}

  /** A fact with the identity it is stored under. */
  public record IdentifiedFact(Fact fact, String fingerprint, int occurrence) {
    public String identity() {
      return fingerprint + "#" + occurrence;
    }
  }

  public Optional<ImportedFile> findByContent(String sha256) {
    return dsl.selectFrom(IMPORTED_FILE)
        .where(IMPORTED_FILE.CONTENT_SHA256.eq(sha256))
        .fetchOptional(
            r ->
                new ImportedFile(
                    r.getId(),
                    r.getFileName(),
                    r.getAccount(),
                    r.getProfile(),
                    r.getImportedBy(),
                    r.getImportedAt(),
                    r.getAddedCount()));
  }

  /** How many imported files someone other than this actor imported. */
  public int countImportedByOthers(String actor) {
    return dsl.fetchCount(IMPORTED_FILE, IMPORTED_FILE.IMPORTED_BY.ne(actor));
  }

  /** The identities ({@code fingerprint#occurrence}) among these fingerprints that are stored. */
  public Set<String> storedIdentities(Collection<String> fingerprints) {
    Set<String> stored = new HashSet<>();
    List<String> distinct = new ArrayList<>(new HashSet<>(fingerprints));
    for (int from = 0; from < distinct.size(); from += CHUNK_ROWS) {
      List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK_ROWS));
      dsl.select(ITEM.FINGERPRINT, ITEM.OCCURRENCE)
          .from(ITEM)
          .where(ITEM.FINGERPRINT.in(chunk))
          .forEach(r -> stored.add(r.value1() + "#" + r.value2()));
    }
    return stored;
  }

  /** A stored statement's balances (see {@code statement_balance}). */
  public record StatementBalance(
      String account,
      String currency,
      String statementId,
      String fileName,
      int line,
      LocalDate openingDate,
      long openingMinor,
      LocalDate closingDate,
      long closingMinor) {}

  public void insertStatementBalance(long fileId, StatementBalance balance) {
    dsl.insertInto(STATEMENT_BALANCE)
        .set(STATEMENT_BALANCE.FILE_ID, fileId)
        .set(STATEMENT_BALANCE.ACCOUNT, balance.account())
        .set(STATEMENT_BALANCE.CURRENCY, balance.currency())
        .set(STATEMENT_BALANCE.STATEMENT_ID, balance.statementId())
        .set(STATEMENT_BALANCE.LINE, balance.line())
        .set(STATEMENT_BALANCE.OPENING_DATE, balance.openingDate())
        .set(STATEMENT_BALANCE.OPENING_MINOR, balance.openingMinor())
        .set(STATEMENT_BALANCE.CLOSING_DATE, balance.closingDate())
        .set(STATEMENT_BALANCE.CLOSING_MINOR, balance.closingMinor())
        .execute();
  }

  /**
   * The stored statement of the account and currency, other than {@code statementId}, that closed
   * last on or before the date (the latest stored one, by import, among equals), if any.
   */
  public Optional<StatementBalance> previousStatement(
      String account, String currency, String statementId, LocalDate onOrBefore) {
    return dsl.select(STATEMENT_BALANCE.asterisk(), IMPORTED_FILE.FILE_NAME)
        .from(STATEMENT_BALANCE)
        .join(IMPORTED_FILE)
        .on(IMPORTED_FILE.ID.eq(STATEMENT_BALANCE.FILE_ID))
        .where(STATEMENT_BALANCE.ACCOUNT.eq(account))
        .and(STATEMENT_BALANCE.CURRENCY.eq(currency))
        .and(STATEMENT_BALANCE.CLOSING_DATE.le(onOrBefore))
        // The same statement imported again (in an overlapping file) is not its own predecessor.
        .and(STATEMENT_BALANCE.STATEMENT_ID.isDistinctFrom(statementId))
        .orderBy(STATEMENT_BALANCE.CLOSING_DATE.desc(), STATEMENT_BALANCE.ID.desc())
        .limit(1)
        .fetchOptional(
            r ->
                new StatementBalance(
                    r.get(STATEMENT_BALANCE.ACCOUNT),
                    r.get(STATEMENT_BALANCE.CURRENCY),
                    r.get(STATEMENT_BALANCE.STATEMENT_ID),
                    r.get(IMPORTED_FILE.FILE_NAME),
                    r.get(STATEMENT_BALANCE.LINE),
                    r.get(STATEMENT_BALANCE.OPENING_DATE),
                    r.get(STATEMENT_BALANCE.OPENING_MINOR),
                    r.get(STATEMENT_BALANCE.CLOSING_DATE),
                    r.get(STATEMENT_BALANCE.CLOSING_MINOR)));
  }

  public long insertFile(NewFile file) {
    return dsl.insertInto(IMPORTED_FILE)
        .set(IMPORTED_FILE.CONTENT_SHA256, file.sha256())
        .set(IMPORTED_FILE.FILE_NAME, file.fileName())
        .set(IMPORTED_FILE.SOURCE, file.source())
        .set(IMPORTED_FILE.FORMAT, file.format())
        .set(IMPORTED_FILE.PROFILE, file.profile())
        .set(IMPORTED_FILE.ACCOUNT, file.account())
        .set(IMPORTED_FILE.ROW_COUNT, file.rowCount())
        .set(IMPORTED_FILE.ADDED_COUNT, file.addedCount())
        .set(IMPORTED_FILE.DUPLICATE_COUNT, file.duplicateCount())
        .set(IMPORTED_FILE.IMPORTED_BY, file.importedBy())
        .set(IMPORTED_FILE.IMPORTED_AT, file.importedAt())
        .returning(IMPORTED_FILE.ID)
        .fetchOne()
        .getId();
  }

  /**
   * Stores the items whose identity is not stored yet under the file, in the caller's transaction,
   * and returns how many were added. On PostgreSQL the rows go in by {@code COPY} through a staging
   * table ({@link ItemCopy}); elsewhere stored identities are looked up in chunks and the rest
   * inserted in multi-row batches.
   */
  public int insertNew(long fileId, List<IdentifiedFact> items) {
    if (dsl.dialect().family() == SQLDialect.POSTGRES) {
      try {
        return dsl.connectionResult(
            connection -> ItemCopy.insertNew(connection, fileId, items, totals));
      } catch (org.jooq.exception.DataAccessException e) {
        // jOOQ wraps the driver's error in its own words; the database's reason is what says why.
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new org.jooq.exception.DataAccessException(
            "storing the file's items failed: " + cause.getMessage(), e);
      }
    }
    Set<String> stored = storedIdentities(items.stream().map(IdentifiedFact::fingerprint).toList());
    List<IdentifiedFact> fresh =
        items.stream().filter(item -> !stored.contains(item.identity())).toList();
    insertItems(fileId, fresh);
    return fresh.size();
  }

  /**
   * Records how many records a file had, how many were added and how many were stored already
   * (known only once a streamed file has been read to its end).
   */
  public void recordCounts(long fileId, int records, int added, int duplicates) {
    dsl.update(IMPORTED_FILE)
        .set(IMPORTED_FILE.ROW_COUNT, records)
        .set(IMPORTED_FILE.ADDED_COUNT, added)
        .set(IMPORTED_FILE.DUPLICATE_COUNT, duplicates)
        .where(IMPORTED_FILE.ID.eq(fileId))
        .execute();
  }

  private void insertItems(long fileId, List<IdentifiedFact> items) {
    for (int from = 0; from < items.size(); from += CHUNK_ROWS) {
      var insert =
          dsl.insertInto(ITEM)
              .columns(
                  ITEM.FILE_ID,
                  ITEM.LINE_NO,
                  ITEM.SIDE,
                  ITEM.ACCOUNT,
                  ITEM.CURRENCY,
                  ITEM.AMOUNT_MINOR,
                  ITEM.BOOKING_DATE,
                  ITEM.VALUE_DATE,
                  ITEM.REFERENCE,
                  ITEM.REFERENCE_RAW,
                  ITEM.COUNTERPARTY,
                  ITEM.COUNTERPARTY_RAW,
                  ITEM.DESCRIPTION,
                  ITEM.PAYOUT_ID,
                  ITEM.KIND,
                  ITEM.GROSS_MINOR,
                  ITEM.FEE_MINOR,
                  ITEM.FINGERPRINT,
                  ITEM.OCCURRENCE,
                  ITEM.COUNTERPARTY_IBAN,
                  ITEM.BANK_TX_CODE,
                  ITEM.BANK_TX_CODE_PROPRIETARY,
                  ITEM.END_TO_END_ID);
      for (IdentifiedFact item : items.subList(from, Math.min(items.size(), from + CHUNK_ROWS))) {
        Fact f = item.fact();
        totals.itemAdded(f.side(), f.currencyCode(), f.bookingDate(), f.amount().minor());
        insert =
            insert.values(
                fileId,
                f.origin().line(),
                f.side().name(),
                f.account(),
                f.currencyCode(),
                f.amount().minor(),
                f.bookingDate(),
                f.valueDate(),
                f.reference(),
                f.referenceRaw(),
                f.counterparty(),
                f.counterpartyRaw(),
                f.text(),
                f.payoutId(),
                f.kind(),
                f.gross() == null ? null : f.gross().minor(),
                f.fee() == null ? null : f.fee().minor(),
                item.fingerprint(),
                item.occurrence(),
                f.counterpartyIban(),
                f.bankTransactionCode(),
                f.bankTransactionCodeProprietary(),
                f.endToEndId());
      }
      insert.execute();
    }
  }
}
