package dev.recon.benchmarking;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.money.Money;
import dev.recon.normalizing.References;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic bank, ledger and gateway items with their ground truth, for measuring
 * speed and accuracy. The same size and seed always give the same data. Mix per bank line: exact
 * pairs, tolerant pairs (amount and date drift, garbled references), gateway payouts of 2 to 50
 * charges, keyless splits of 2 to 4 ledger lines, same-amount collisions (up to ten cheques of one
 * amount on one day, told apart only by their numbers), duplicate rows, and true exceptions.
 */
public final class SyntheticData {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final int ACCOUNTS = 20;
  private static final int DAYS = 120;

  /** What a true group is. */
  public enum Kind {
    EXACT,
    TOLERANT,
    PAYOUT,
    SPLIT,
    COLLISION,
    DUPLICATE
  }

  /** A group that should be found, by its members' natural keys. */
  public record TruthGroup(Kind kind, List<String> naturalKeys) {}

  public record Dataset(List<Item> items, List<TruthGroup> truth) {
    public long count(Side side) {
      return items.stream().filter(i -> i.fact().side() == side).count();
    }
  }

  private final Random random;
  private final List<Item> items = new ArrayList<>();
  private final List<TruthGroup> truth = new ArrayList<>();
  private long sequence;

  private SyntheticData(long seed) {
    this.random = new Random(seed);
  }

  /** About {@code size} bank lines, as many ledger lines, and gateway transactions for payouts. */
  public static Dataset generate(int size, long seed) {
    SyntheticData data = new SyntheticData(seed);
    while (data.count(Side.BANK) < size) {
      data.next();
    }
    return new Dataset(List.copyOf(data.items), List.copyOf(data.truth));
  }

  private int bankCount;

  private long count(Side side) {
    return side == Side.BANK ? bankCount : 0;
  }

  private void next() {
    int draw = random.nextInt(100);
    if (draw < 58) {
      exactPair();
    } else if (draw < 68) {
      tolerantPair();
    } else if (draw < 72) {
      payout();
    } else if (draw < 77) {
      keylessSplit();
    } else if (draw < 80) {
      collisions();
    } else if (draw < 83) {
      duplicates();
    } else {
      exception();
    }
  }

  private void exactPair() {
    String account = account();
    long amount = amount();
    int day = random.nextInt(DAYS);
    String ref = "INV-" + (++sequence);
    Item bank = add(Side.BANK, account, amount, day, ref, null, null);
    Item ledger =
        add(
            Side.LEDGER,
            account,
            amount,
            day + random.nextInt(4) - random.nextInt(2),
            ref,
            null,
            null);
    truth(Kind.EXACT, bank, ledger);
  }

  private void tolerantPair() {
    String account = account();
    long amount = amount();
    int day = random.nextInt(DAYS);
    String ref = "INV-" + (++sequence);
    Item bank = add(Side.BANK, account, amount, day, ref, null, null);
    long drift = 1 + random.nextInt(50);
    Item ledger =
        add(
            Side.LEDGER,
            account,
            amount + (random.nextBoolean() ? drift : -drift),
            day + random.nextInt(6),
            garble(ref),
            null,
            null);
    truth(Kind.TOLERANT, bank, ledger);
  }

  private void payout() {
    String payoutId = "po_" + Long.toString(++sequence, 36) + "x" + random.nextInt(1000);
    int charges = 2 + random.nextInt(49);
    int day = random.nextInt(DAYS);
    List<Item> members = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < charges; i++) {
      long net =
          random.nextInt(10) == 0 ? -(100 + random.nextInt(5_000)) : 500 + random.nextInt(50_000);
      total += net;
      members.add(
          add(
              Side.GATEWAY,
              "STRIPE",
              net,
              day - 2 - random.nextInt(3),
              "ch_" + (++sequence),
              payoutId,
              null));
    }
    if (total <= 0) {
      long topUp = 1 - total + random.nextInt(10_000);
      members.add(
          add(Side.GATEWAY, "STRIPE", topUp, day - 2, "ch_" + (++sequence), payoutId, null));
      total += topUp;
    }
    members.add(0, add(Side.BANK, account(), total, day, payoutId, null, null));
    truth.add(new TruthGroup(Kind.PAYOUT, members.stream().map(Item::naturalKey).toList()));
  }

  private void keylessSplit() {
    String account = account();
    String payer = "Customer " + (++sequence);
    int parts = 2 + random.nextInt(3);
    int day = random.nextInt(DAYS);
    List<Item> members = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < parts; i++) {
      long part = 1_000 + random.nextInt(200_000);
      total += part;
      members.add(add(Side.LEDGER, account, part, day - random.nextInt(3), null, null, payer));
    }
    members.add(0, add(Side.BANK, account, total, day, null, null, payer));
    truth.add(new TruthGroup(Kind.SPLIT, members.stream().map(Item::naturalKey).toList()));
  }

  private void collisions() {
    String account = account();
    long amount = 100 * (10 + random.nextInt(90));
    int day = random.nextInt(DAYS);
    int cheques = 2 + random.nextInt(9);
    for (int i = 0; i < cheques; i++) {
      String ref = "CHQ-" + (++sequence);
      Item bank = add(Side.BANK, account, amount, day, ref, null, null);
      Item ledger = add(Side.LEDGER, account, amount, day, ref, null, null);
      truth(Kind.COLLISION, bank, ledger);
    }
  }

  private void duplicates() {
    String account = account();
    long amount = -(100 + random.nextInt(900));
    int day = random.nextInt(DAYS);
    String ref = "FEE-" + (++sequence);
    String bankContent = "dup-b" + sequence;
    String ledgerContent = "dup-l" + sequence;
    for (int i = 1; i <= 2; i++) {
      Item bank = add(Side.BANK, account, amount, day, ref, null, null, bankContent + "#" + i);
      Item ledger =
          add(Side.LEDGER, account, amount, day, ref, null, null, ledgerContent + "#" + i);
      truth(Kind.DUPLICATE, bank, ledger);
    }
  }

  private void exception() {
    Side side = random.nextBoolean() ? Side.BANK : Side.LEDGER;
    add(side, account(), amount(), random.nextInt(DAYS), "MISC-" + (++sequence), null, null);
  }

  /** A reference with one typing error: a dropped, doubled or swapped character. */
  private String garble(String ref) {
    int at = 1 + random.nextInt(ref.length() - 2);
    return switch (random.nextInt(3)) {
      case 0 -> ref.substring(0, at) + ref.substring(at + 1);
      case 1 -> ref.substring(0, at) + ref.charAt(at) + ref.substring(at);
      default -> ref.substring(0, at) + ref.charAt(at + 1) + ref.charAt(at) + ref.substring(at + 2);
    };
  }

  /** One string per account, shared by its items, as a statement import shares its account. */
  private static final String[] ACCOUNT_NAMES =
      java.util.stream.IntStream.range(0, ACCOUNTS).mapToObj(i -> "ACC" + i).toArray(String[]::new);

  private String account() {
    return ACCOUNT_NAMES[random.nextInt(ACCOUNTS)];
  }

  private long amount() {
    return 100 + (long) random.nextInt(5_000_000);
  }

  private void truth(Kind kind, Item... members) {
    truth.add(
        new TruthGroup(kind, java.util.Arrays.stream(members).map(Item::naturalKey).toList()));
  }

  private Item add(
      Side side, String account, long amount, int day, String ref, String payoutId, String payer) {
    return add(side, account, amount, day, ref, payoutId, payer, "s" + (items.size() + 1) + "#1");
  }

  private Item add(
      Side side,
      String account,
      long amount,
      int day,
      String ref,
      String payoutId,
      String payer,
      String naturalKey) {
    long id = items.size() + 1L;
    Fact fact =
        new Fact(
            side,
            account,
            new Money(amount, EUR),
            START.plusDays(day),
            null,
            References.clean(ref),
            ref,
            payer == null ? null : payer.toUpperCase(java.util.Locale.ROOT),
            payer,
            null,
            payoutId,
            side == Side.GATEWAY ? "charge" : null,
            null,
            null,
            new Origin("synthetic", (int) id));
    Item item = new Item(id, naturalKey, fact);
    items.add(item);
    if (side == Side.BANK) {
      bankCount++;
    }
    return item;
  }
}
