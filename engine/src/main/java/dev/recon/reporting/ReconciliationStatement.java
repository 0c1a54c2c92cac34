package dev.recon.reporting;

import dev.recon.facts.Side;
import dev.recon.persistence.ReportStore.CashTotal;
import dev.recon.persistence.ReportStore.GroupRemainder;
import dev.recon.persistence.ReportStore.StatementBalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bank reconciliation statement for one account and currency, as at a date: the balance per bank
 * against the balance per ledger, and the items that explain their difference.
 *
 * <p>Recon holds ledger lines, not ledger balances, so the ledger balance is the bank's opening
 * balance (the first imported statement's; zero when no statement with balances was imported) plus
 * every ledger line booked up to the date: the books are taken to agree with the bank where the
 * first statement opens. The bank's closing balance is the last statement's closing balance up to
 * the date, or the opening balance plus the bank lines when no statement carries balances.
 *
 * <p>Every amount is signed as bank minus ledger: an open bank line adds its amount, an open ledger
 * line subtracts it, a matched group whose bank and ledger members differ adds the difference. The
 * unexplained difference is what the listed items do not explain; it is computed, not assumed, and
 * is zero when every bank and ledger line is either open or in a group and the statements agree
 * with the imported lines.
 */
public record ReconciliationStatement(
    String account,
    String currency,
    LocalDate asAt,
    StatementBalance firstStatement,
    StatementBalance lastStatement,
    long openingMinor,
    Line bankLines,
    long bankClosingMinor,
    Line ledgerLines,
    long ledgerBalanceMinor,
    List<Line> reconcilingItems) {

  /** A labelled count and amount (minor units of the statement's currency). */
  public record Line(String label, long count, long amountMinor) {}

  public long differenceMinor() {
    return Math.subtractExact(bankClosingMinor, ledgerBalanceMinor);
  }

  public long reconcilingTotalMinor() {
    long total = 0;
    for (Line line : reconcilingItems) {
      total = Math.addExact(total, line.amountMinor());
    }
    return total;
  }

  public long unexplainedMinor() {
    return Math.subtractExact(differenceMinor(), reconcilingTotalMinor());
  }

  /** What the report's queries found, by account and currency. */
  record Inputs(
      List<StatementBalance> balances,
      List<CashTotal> totals,
      List<CashTotal> open,
      List<CashTotal> withGateway,
      RemainderSums remainders) {}

  /**
   * Sums the matched groups' remainders as the database streams them, by account and currency:
   * differences of groups complete by the date, and remainders of groups with later members.
   */
  static final class RemainderSums implements java.util.function.Consumer<GroupRemainder> {
    private final Map<Key, long[]> differences = new TreeMap<>();
    private final Map<Key, long[]> timing = new TreeMap<>();

    @Override
    public void accept(GroupRemainder remainder) {
      Map<Key, long[]> target = remainder.completeByDate() ? differences : timing;
      long[] sum =
          target.computeIfAbsent(
              new Key(remainder.account(), remainder.currency()), k -> new long[2]);
      sum[0]++;
      sum[1] = Math.addExact(sum[1], remainder.remainderMinor());
    }
  }

  private record Key(String account, String currency) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byAccount = account.compareTo(other.account);
      return byAccount != 0 ? byAccount : currency.compareTo(other.currency);
    }
  }

  /** One statement per account and currency that has bank or ledger lines or balances. */
  static List<ReconciliationStatement> of(Inputs inputs, LocalDate asAt) {
    Map<Key, List<StatementBalance>> balances = new TreeMap<>();
    inputs
        .balances()
        .forEach(
            b ->
                balances
                    .computeIfAbsent(new Key(b.account(), b.currency()), k -> new ArrayList<>())
                    .add(b));
    Map<Key, List<CashTotal>> totals = byKey(inputs.totals());
    Map<Key, List<CashTotal>> open = byKey(inputs.open());
    Map<Key, List<CashTotal>> withGateway = byKey(inputs.withGateway());
    Map<Key, long[]> differences = inputs.remainders().differences;
    Map<Key, long[]> timing = inputs.remainders().timing;
    java.util.Set<Key> keys = new java.util.TreeSet<>(balances.keySet());
    keys.addAll(totals.keySet());
    List<ReconciliationStatement> statements = new ArrayList<>();
    for (Key key : keys) {
      List<Line> reconciling = new ArrayList<>();
      for (CashTotal t : open.getOrDefault(key, List.of())) {
        reconciling.add(openLine(t));
      }
      for (CashTotal t : withGateway.getOrDefault(key, List.of())) {
        reconciling.add(
            t.side() == Side.BANK
                ? new Line("Bank lines settled by gateway payouts", t.count(), t.amountMinor())
                : new Line(
                    "Ledger lines matched to gateway transactions", t.count(), -t.amountMinor()));
      }
      long[] diff = differences.get(key);
      if (diff != null) {
        reconciling.add(new Line("Amount differences in matched groups", diff[0], diff[1]));
      }
      long[] late = timing.get(key);
      if (late != null) {
        reconciling.add(new Line("Matched with lines booked after " + asAt, late[0], late[1]));
      }
      statements.add(
          statement(
              key, asAt, balances.getOrDefault(key, List.of()), totals.get(key), reconciling));
    }
    return statements;
  }

  private static ReconciliationStatement statement(
      Key key,
      LocalDate asAt,
      List<StatementBalance> balances,
      List<CashTotal> totals,
      List<Line> reconciling) {
    Line bank = new Line("Bank lines booked", 0, 0);
    Line ledger = new Line("Ledger lines booked", 0, 0);
    for (CashTotal t : totals == null ? List.<CashTotal>of() : totals) {
      Line line =
          new Line(
              t.side() == Side.BANK ? bank.label() : ledger.label(), t.count(), t.amountMinor());
      if (t.side() == Side.BANK) {
        bank = line;
      } else {
        ledger = line;
      }
    }
    StatementBalance first = balances.isEmpty() ? null : balances.get(0);
    StatementBalance last = balances.isEmpty() ? null : balances.get(balances.size() - 1);
    long opening = first == null ? 0 : first.openingMinor();
    long bankClosing =
        last == null ? Math.addExact(opening, bank.amountMinor()) : last.closingMinor();
    long ledgerBalance = Math.addExact(opening, ledger.amountMinor());
    return new ReconciliationStatement(
        key.account(),
        key.currency(),
        asAt,
        first,
        last,
        opening,
        bank,
        bankClosing,
        ledger,
        ledgerBalance,
        List.copyOf(reconciling));
  }

  private static Line openLine(CashTotal t) {
    String what = category(t.category());
    return t.side() == Side.BANK
        ? new Line("In the bank, not in the ledger: " + what, t.count(), t.amountMinor())
        : new Line("In the ledger, not in the bank: " + what, t.count(), -t.amountMinor());
  }

  /** The open exception's type in words. */
  static String category(String exceptionType) {
    if (exceptionType == null) {
      return "not yet matched (no run since import)";
    }
    return switch (exceptionType) {
      case "UNMATCHED" -> "no matching line";
      case "AMBIGUOUS" -> "several candidates, needs a decision";
      case "SUGGESTED" -> "suggested match awaiting review";
      default -> exceptionType.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private static Map<Key, List<CashTotal>> byKey(List<CashTotal> totals) {
    Map<Key, List<CashTotal>> byKey = new TreeMap<>();
    for (CashTotal t : totals) {
      byKey.computeIfAbsent(new Key(t.account(), t.currency()), k -> new ArrayList<>()).add(t);
    }
    return byKey;
  }
}
