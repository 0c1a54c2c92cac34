package dev.recon.benchmarking;

import dev.recon.corrections.ChartOfAccounts;
import dev.recon.corrections.Corrections;
import dev.recon.exceptions.ExceptionFilter;
import dev.recon.exceptions.ExceptionQueue;
import dev.recon.exceptions.ExceptionSort;
import dev.recon.persistence.Database;
import dev.recon.persistence.ExceptionStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times the exception queue's list on a database holding many open exceptions: deterministic
 * synthetic exceptions (sides, 20 accounts, 50 assignees, amounts from cents to a million, booking
 * dates over 120 days) are added, then each list a screen asks for (first page, a deep page, each
 * filter, each sort) is run repeatedly and its median and slowest time printed. Reads the clock
 * only to time.
 */
public final class QueueBench {
  private static final int REPEATS = 15;
  private static final int PAGE_SIZE = 50;
  private static final int INSERT_BATCH = 5_000;

  private QueueBench() {}

  /** One timed list: what it asked, how many rows matched, median and slowest milliseconds. */
  public record Timing(String name, long total, double medianMs, double maxMs) {}

  public static List<Timing> run(
      Database database, int exceptions, long seed, Clock clock, PrintWriter out) {
    LocalDate asOf = LocalDate.now(clock);
    long start = System.nanoTime();
    addExceptions(database, exceptions, seed, asOf, clock);
    out.printf(
        Locale.ROOT,
        "added %d open exceptions in %.1f s (%s)%n",
        exceptions,
        (System.nanoTime() - start) / 1e9,
        database.url());
    ExceptionQueue queue =
        new ExceptionQueue(
            database, clock, new Corrections(database, clock, ChartOfAccounts.defaults()));
    List<Timing> timings = new ArrayList<>();
    timings.add(time(queue, "open, by priority, page 1", List.of(), "priority", 0, asOf));
    timings.add(
        time(queue, "open, by priority, page 101", List.of(), "priority", 100 * PAGE_SIZE, asOf));
    timings.add(time(queue, "open, by age, page 1", List.of(), "age", 0, asOf));
    timings.add(time(queue, "open, by amount, page 1", List.of(), "amount", 0, asOf));
    timings.add(time(queue, "side=bank, by priority", List.of("side=bank"), "priority", 0, asOf));
    timings.add(time(queue, "age=8-30, by priority", List.of("age=8-30"), "priority", 0, asOf));
    timings.add(time(queue, "account=ACC-07, by age", List.of("account=ACC-07"), "age", 0, asOf));
    timings.add(
        time(
            queue,
            "assignee=user-3, by priority",
            List.of("assignee=user-3"),
            "priority",
            0,
            asOf));
    timings.add(
        time(
            queue,
            "currency=EUR min=1000 max=5000, by amount",
            List.of("currency=EUR", "min=1000", "max=5000"),
            "amount",
            0,
            asOf));
    timings.add(
        time(queue, "type=ambiguous, by priority", List.of("type=ambiguous"), "priority", 0, asOf));
    timings.add(
        time(
            queue,
            "text=customer 4711, by priority",
            List.of("text=customer 4711"),
            "priority",
            0,
            asOf));
    out.printf(
        Locale.ROOT,
        "%-44s %8s %10s %10s%n",
        "list (50 a page)",
        "matching",
        "median ms",
        "max ms");
    for (Timing t : timings) {
      out.printf(
          Locale.ROOT, "%-44s %8d %10.1f %10.1f%n", t.name(), t.total(), t.medianMs(), t.maxMs());
    }
    out.flush();
    return timings;
  }

  private static Timing time(
      ExceptionQueue queue,
      String name,
      List<String> filter,
      String sort,
      int offset,
      LocalDate asOf) {
    ExceptionFilter f = ExceptionFilter.parse(filter);
    ExceptionSort s = ExceptionSort.parse(sort);
    queue.list(f, s, offset, PAGE_SIZE, asOf); // warm up
    double[] ms = new double[REPEATS];
    long total = 0;
    for (int i = 0; i < REPEATS; i++) {
      long t0 = System.nanoTime();
      total = queue.list(f, s, offset, PAGE_SIZE, asOf).total();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return new Timing(name, total, ms[REPEATS / 2], ms[REPEATS - 1]);
  }

  private static void addExceptions(
      Database database, int count, long seed, LocalDate asOf, Clock clock) {
    Random random = new Random(seed);
    String[] sides = {"BANK", "LEDGER", "GATEWAY"};
    String[] types = {"UNMATCHED", "UNMATCHED", "UNMATCHED", "UNMATCHED", "AMBIGUOUS", "SUGGESTED"};
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int from = 0; from < count; from += INSERT_BATCH) {
      List<ExceptionStore.NewException> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + INSERT_BATCH); i++) {
        long amount = 1 + random.nextInt(9);
        for (int digits = random.nextInt(8); digits > 0; digits--) {
          amount *= 10;
        }
        batch.add(
            new ExceptionStore.NewException(
                null,
                types[random.nextInt(types.length)],
                "Nearest: synthetic candidate " + i + " for customer " + random.nextInt(10_000),
                random.nextInt(10) == 0 ? "USD" : "EUR",
                random.nextBoolean() ? amount : -amount,
                sides[random.nextInt(sides.length)],
                "ACC-" + String.format(Locale.ROOT, "%02d", random.nextInt(20)),
                "CUSTOMER " + random.nextInt(10_000),
                "INV" + (100_000 + i),
                asOf.minusDays(random.nextInt(120)),
                null,
                null));
      }
      database.inTransaction(
          tx -> {
            tx.exceptions().openAll(batch, null, now);
            return null;
          });
    }
    // A few assigned, as a team works the queue.
    database.inTransaction(
        tx -> {
          List<Long> ids =
              tx.exceptions()
                  .ids(
                      ExceptionStore.Query.ofStatuses(null, ExceptionStore.SortKey.ID, false),
                      count);
          for (int i = 0; i < ids.size(); i += 20) {
            tx.exceptions()
                .assign(ids.get(i), "user-" + (i / 20 % 50), ExceptionStore.ASSIGNED, now);
          }
          return null;
        });
  }
}
