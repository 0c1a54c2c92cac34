package dev.recon.reporting;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.money.Money;
import dev.recon.persistence.ReportStore;
import dev.recon.persistence.ReportStore.CorrectionRow;
import dev.recon.persistence.Transaction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A sheet whose rows come from the database one at a time and go straight to the file: the matched
 * groups, the open exceptions and the corrections. Each row is a list of typed cells as in {@link
 * SummarySheet}; nothing keeps the rows once written.
 */
enum StreamedSheet {
  GROUPS("Matched groups", "groups") {
    @Override
    List<String> header() {
      List<String> header =
          new ArrayList<>(
              List.of(
                  "Group",
                  "Rule",
                  "Rule-set version",
                  "Confidence",
                  "Decided by",
                  "Run",
                  "Scope",
                  "Group difference"));
      header.addAll(ITEM_HEADER);
      return header;
    }

    @Override
    void rows(Transaction tx, ReportScope scope, Consumer<List<Object>> sink) {
      tx.reports()
          .streamGroupMembers(
              scope.period(),
              row -> {
                ReportStore.GroupMember member = row.member();
                List<Object> cells = new ArrayList<>(ITEM_HEADER.size() + 8);
                cells.add(member.groupId());
                cells.add(member.ruleName());
                cells.add(member.ruleSetVersion() == null ? "" : member.ruleSetVersion());
                cells.add(member.confidence());
                cells.add(row.decidedBy());
                cells.add(row.runId() == null ? "" : row.runId());
                cells.add(row.scope().toLowerCase(java.util.Locale.ROOT));
                cells.add(
                    Money.ofMinor(member.differenceMinor(), member.item().fact().currencyCode()));
                cells.addAll(itemCells(member.item()));
                sink.accept(cells);
              });
    }
  },

  EXCEPTIONS("Open exceptions", "exceptions") {
    @Override
    List<String> header() {
      List<String> header = new ArrayList<>(ITEM_HEADER);
      header.addAll(5, List.of("Age (days)", "Aging bucket"));
      header.addAll(List.of("Exception", "Why open", "Assignee", "Opened at"));
      return header;
    }

    @Override
    void rows(Transaction tx, ReportScope scope, Consumer<List<Object>> sink) {
      tx.reports()
          .streamOpenItems(
              scope.period(),
              open -> {
                long age =
                    Math.max(
                        0, ChronoUnit.DAYS.between(open.item().fact().bookingDate(), scope.asOf()));
                List<Object> cells = itemCells(open.item());
                cells.addAll(5, List.of(age, AgingBucket.of(age).label()));
                cells.add(open.exceptionType() == null ? "" : open.exceptionType());
                cells.add(
                    open.reason() == null ? ReconciliationStatement.category(null) : open.reason());
                cells.add(open.assignee() == null ? "" : open.assignee());
                cells.add(timestamp(open.openedAt()));
                sink.accept(cells);
              });
      // Exceptions about an account (a statement whose balances do not add up) have no item.
      for (ReportStore.AccountException e : tx.reports().openAccountExceptions()) {
        List<Object> cells = new ArrayList<>();
        cells.add("account");
        cells.add("");
        cells.add(e.currency());
        cells.add(Money.ofMinor(e.amountMinor(), e.currency()));
        cells.addAll(java.util.Collections.nCopies(ITEM_HEADER.size() + 2 - cells.size(), ""));
        cells.addAll(List.of(e.type(), e.reason(), "", timestamp(e.openedAt())));
        sink.accept(cells);
      }
    }
  },

  CORRECTIONS("Corrections", "corrections") {
    @Override
    List<String> header() {
      return List.of(
          "Correction",
          "Kind",
          "Approval state",
          "Currency",
          "Amount",
          "Description",
          "Group",
          "Proposed by",
          "Proposed at",
          "Journal lines");
    }

    @Override
    void rows(Transaction tx, ReportScope scope, Consumer<List<Object>> sink) {
      List<CorrectionRow> lines = new ArrayList<>();
      tx.reports()
          .streamCorrectionLines(
              line -> {
                if (!lines.isEmpty() && lines.get(0).id() != line.id()) {
                  sink.accept(correction(lines));
                  lines.clear();
                }
                lines.add(line);
              });
      if (!lines.isEmpty()) {
        sink.accept(correction(lines));
      }
    }
  };

  private final String sheetName;
  private final String fileSuffix;

  StreamedSheet(String sheetName, String fileSuffix) {
    this.sheetName = sheetName;
    this.fileSuffix = fileSuffix;
  }

  String sheetName() {
    return sheetName;
  }

  /** The CSV file's name ends in "-" + this + ".csv". */
  String fileSuffix() {
    return fileSuffix;
  }

  abstract List<String> header();

  abstract void rows(Transaction tx, ReportScope scope, Consumer<List<Object>> sink);

  static final List<String> ITEM_HEADER =
      List.of(
          "Side",
          "Account",
          "Currency",
          "Amount",
          "Booking date",
          "Value date",
          "Reference",
          "Counterparty",
          "Text",
          "File",
          "Line");

  static List<Object> itemCells(Item item) {
    Fact f = item.fact();
    List<Object> cells = new ArrayList<>(ITEM_HEADER.size() + 8);
    cells.add(f.side().label());
    cells.add(f.account());
    cells.add(f.currencyCode());
    cells.add(f.amount());
    cells.add(f.bookingDate());
    cells.add(f.valueDate() == null ? "" : f.valueDate());
    cells.add(nullToEmpty(f.referenceRaw() != null ? f.referenceRaw() : f.reference()));
    cells.add(nullToEmpty(f.counterpartyRaw()));
    cells.add(nullToEmpty(f.text()));
    cells.add(f.origin().fileName());
    cells.add(f.origin().line());
    return cells;
  }

  /** One correction's row: its debit total as the amount, its journal lines in words. */
  private static List<Object> correction(List<CorrectionRow> lines) {
    CorrectionRow first = lines.get(0);
    long debits = 0;
    StringBuilder journal = new StringBuilder();
    for (CorrectionRow line : lines) {
      if (line.accountCode() == null) {
        continue;
      }
      debits = Math.addExact(debits, line.debitMinor());
      if (journal.length() > 0) {
        journal.append("; ");
      }
      boolean debit = line.debitMinor() != 0;
      journal
          .append(debit ? "Dr " : "Cr ")
          .append(line.accountCode())
          .append(' ')
          .append(
              Money.ofMinor(debit ? line.debitMinor() : line.creditMinor(), first.currency())
                  .toDecimal()
                  .toPlainString());
    }
    List<Object> cells = new ArrayList<>();
    cells.add(first.id());
    cells.add(first.kind());
    cells.add(first.status().toLowerCase(java.util.Locale.ROOT));
    cells.add(first.currency());
    cells.add(Money.ofMinor(debits, first.currency()));
    cells.add(first.description());
    cells.add(first.matchGroupId() == null ? "" : first.matchGroupId());
    cells.add(first.proposedBy());
    cells.add(timestamp(first.proposedAt()));
    cells.add(journal.toString());
    return cells;
  }

  private static String timestamp(OffsetDateTime at) {
    return at == null
        ? ""
        : at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
