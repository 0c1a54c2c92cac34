package dev.recon.corrections;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Side;
import dev.recon.money.Money;
import dev.recon.persistence.MatchStore.StoredGroup;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The journal entry for each kind of correction, as pure functions of what it corrects. Signs
 * follow Recon's convention (money in is positive): the "home" account of an item is the ledger
 * account that books its Recon account (a bank account's GL account, a gateway's clearing account).
 */
final class Journals {
  private Journals() {}

  /**
   * A payout's gateway fees (gross minus net of its transactions, and the gateway's own fee rows):
   * debit the gateway-fee expense, credit the gateway's clearing account, where the sales were
   * booked at their gross.
   */
  static Optional<Journal> gatewayFee(
      StoredGroup group, List<Item> members, ChartOfAccounts chart) {
    long fee = group.feeTotalMinor();
    Optional<Item> gateway =
        members.stream().filter(i -> i.fact().side() == Side.GATEWAY).findFirst();
    if (fee == 0 || gateway.isEmpty()) {
      return Optional.empty();
    }
    String clearing = chart.ledgerAccount(gateway.get().fact().account());
    String expense = chart.account("gateway.fees");
    String payout = gateway.get().fact().payoutId();
    long charged =
        members.stream().filter(i -> i.fact().fee() != null && i.fact().fee().minor() != 0).count();
    long feeRows = members.stream().filter(i -> i.fact().isGatewayFeeRow()).count();
    String description =
        "Gateway fees of payout "
            + (payout == null ? "in group #" + group.id() : payout)
            + " ("
            + charged
            + " transaction(s) with fees"
            + (feeRows == 0 ? "" : ", " + feeRows + " fee row(s)")
            + "): "
            + money(Math.abs(fee), group.currency());
    List<JournalLine> lines =
        fee > 0
            ? List.of(
                JournalLine.debit(expense, fee, "gateway fees"),
                JournalLine.credit(clearing, fee, "gateway fees withheld from the payout"))
            : List.of(
                JournalLine.debit(clearing, -fee, "gateway fees refunded"),
                JournalLine.credit(expense, -fee, "gateway fees refunded"));
    return Optional.of(
        new Journal(
            "gateway-fee:" + group.memberKey(),
            CorrectionKind.GATEWAY_FEE,
            group.currency(),
            bookingDate(members),
            description,
            lines,
            members.stream().map(Item::id).toList(),
            group.id(),
            group.automatic() ? group.ruleName() : null));
  }

  /**
   * The difference between the sides of a group: what the bank (or the gateway) holds minus what
   * the books hold. More money than booked debits the home account; less credits it. The other side
   * goes to rounding (a difference a rule tolerated) or to the manual-difference account.
   */
  static Optional<Journal> difference(
      StoredGroup group, List<Item> members, CorrectionKind kind, ChartOfAccounts chart) {
    Side home =
        members.stream().anyMatch(i -> i.fact().side() == Side.BANK) ? Side.BANK : Side.GATEWAY;
    boolean sales = group.scope() == dev.recon.facts.Scope.SALES;
    long delta = 0;
    String homeAccount = null;
    for (Item item : members) {
      Fact f = item.fact();
      long amount = sales && f.gross() != null ? f.gross().minor() : f.amount().minor();
      if (f.side() == home) {
        delta = Math.addExact(delta, amount);
        homeAccount = homeAccount == null ? f.account() : homeAccount;
      } else {
        delta = Math.subtractExact(delta, amount);
      }
    }
    if (delta == 0 || homeAccount == null) {
      return Optional.empty();
    }
    String gl = chart.ledgerAccount(homeAccount);
    String other = chart.account(kind == CorrectionKind.ROUNDING ? "rounding" : "match.difference");
    String memo = kind.label() + " of group #" + group.id();
    List<JournalLine> lines =
        delta > 0
            ? List.of(JournalLine.debit(gl, delta, memo), JournalLine.credit(other, delta, memo))
            : List.of(JournalLine.debit(other, -delta, memo), JournalLine.credit(gl, -delta, memo));
    String description =
        (kind == CorrectionKind.ROUNDING
                ? "Difference tolerated by rule \"" + group.ruleName() + "\""
                : "Difference booked with the manual match")
            + " in group #"
            + group.id()
            + ": the "
            + home.label()
            + " side holds "
            + money(Math.abs(delta), group.currency())
            + (delta > 0 ? " more" : " less")
            + " than the books";
    return Optional.of(
        new Journal(
            "difference:" + group.memberKey(),
            kind,
            group.currency(),
            bookingDate(members),
            description,
            lines,
            members.stream().map(Item::id).toList(),
            group.id(),
            group.automatic() ? group.ruleName() : null));
  }

  /**
   * A bank line the ledger lacks that is a charge or interest, by the words in its text or
   * counterparty; empty for any other line.
   */
  static Optional<Journal> bankLine(Item item, ChartOfAccounts chart) {
    Fact f = item.fact();
    if (f.side() != Side.BANK || f.amount().minor() == 0) {
      return Optional.empty();
    }
    String text =
        ((f.text() == null ? "" : f.text())
                + " "
                + (f.counterpartyRaw() == null ? "" : f.counterpartyRaw()))
            .toLowerCase(Locale.ROOT);
    long amount = f.amount().minor();
    String gl = chart.ledgerAccount(f.account());
    String memo = (f.text() == null ? "" : f.text()) + " (" + f.origin() + ")";
    CorrectionKind kind;
    List<JournalLine> lines;
    if (chart.interestWords().stream().anyMatch(text::contains)) {
      kind = CorrectionKind.BANK_INTEREST;
      lines =
          amount > 0
              ? List.of(
                  JournalLine.debit(gl, amount, memo),
                  JournalLine.credit(chart.account("interest.income"), amount, memo))
              : List.of(
                  JournalLine.debit(chart.account("interest.expense"), -amount, memo),
                  JournalLine.credit(gl, -amount, memo));
    } else if (amount < 0 && chart.bankChargeWords().stream().anyMatch(text::contains)) {
      kind = CorrectionKind.BANK_CHARGE;
      lines =
          List.of(
              JournalLine.debit(chart.account("bank.charges"), -amount, memo),
              JournalLine.credit(gl, -amount, memo));
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new Journal(
            "bank-line:" + item.naturalKey(),
            kind,
            f.currencyCode(),
            f.bookingDate(),
            (kind == CorrectionKind.BANK_CHARGE ? "Bank charge" : "Bank interest")
                + " not in the ledger: "
                + (f.text() == null ? "" : f.text())
                + " "
                + f.amount()
                + " on "
                + f.bookingDate()
                + " ("
                + f.origin()
                + ")",
            lines,
            List.of(item.id()),
            null,
            null));
  }

  /**
   * Writes off what an exception is about. Money the bank or gateway holds that the books lack is
   * booked to its home account against the write-off account; an amount the ledger holds that never
   * arrived is reversed out of it. The caller has checked that there is an account and an amount.
   */
  static Journal writeOff(WriteOff w, String idempotencyKey, ChartOfAccounts chart) {
    if (w.amountMinor() == 0 || w.account() == null) {
      throw new AssertionError("a write-off needs an account and an amount: " + w);
    }
    long effect = Side.LEDGER.name().equals(w.side()) ? -w.amountMinor() : w.amountMinor();
    String gl = chart.ledgerAccount(w.account());
    String writeOff = chart.account("write.off");
    String memo = "write-off of exception #" + w.exceptionId() + ": " + w.reason();
    List<JournalLine> lines =
        effect > 0
            ? List.of(
                JournalLine.debit(gl, effect, memo), JournalLine.credit(writeOff, effect, memo))
            : List.of(
                JournalLine.debit(writeOff, -effect, memo), JournalLine.credit(gl, -effect, memo));
    return new Journal(
        idempotencyKey,
        CorrectionKind.WRITE_OFF,
        w.currency(),
        w.date(),
        "Write-off of exception #"
            + w.exceptionId()
            + (w.itemId() == null ? "" : " (item #" + w.itemId() + ")")
            + " ("
            + money(w.amountMinor(), w.currency())
            + "): "
            + w.reason(),
        lines,
        w.itemId() == null ? List.of() : List.of(w.itemId()),
        null,
        null);
  }

  /**
   * The entry that takes a posted one back out of the books: its lines with debit and credit
   * swapped, dated the day it is made.
   */
  static Journal reversal(CorrectionEntry posted, LocalDate date, String why) {
    String memo = "reversal of correction #" + posted.id();
    return new Journal(
        "reversal:" + posted.id(),
        posted.kind(),
        posted.currency(),
        date,
        "Reversal of correction #" + posted.id() + " (" + posted.kind().label() + "): " + why,
        posted.lines().stream()
            .map(l -> new JournalLine(l.account(), l.creditMinor(), l.debitMinor(), memo))
            .toList(),
        posted.itemIds(),
        posted.matchGroupId(),
        null);
  }

  private static LocalDate bookingDate(List<Item> members) {
    return members.stream()
        .map(i -> i.fact().bookingDate())
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  static String money(long minor, String currency) {
    return Money.ofMinor(minor, currency).toString();
  }
}
