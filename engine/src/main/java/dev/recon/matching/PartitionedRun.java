package dev.recon.matching;

import dev.recon.facts.Fact;
import dev.recon.facts.Item;
import dev.recon.facts.Scope;
import dev.recon.money.Currencies;
import dev.recon.normalizing.References;
import dev.recon.rules.GroupKey;
import dev.recon.rules.GroupSpec;
import dev.recon.rules.MatchItem;
import dev.recon.rules.Payout;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Runs a rule base over items: partition by partition on as many threads as there are cores, each
 * partition in its own session on the shared (thread-safe) rule base, or in one session when the
 * rule set is not known to respect the partitions (a folder of hand-written DRL). Results come back
 * in partition order.
 */
final class PartitionedRun {
  /** Minor units per currency unit, by the currency's scale (ISO 4217 scales are 0 to 4). */
  private static final long[] UNIT_MINOR = {1, 10, 100, 1_000, 10_000};

  /** What to do in one session, after the items and their payouts are inserted. */
  interface SessionWork<R> {
    /**
     * @param partition the partition's items; the rules saw {@code partition.items().get(i)} as the
     *     fact of ordinal {@code i}
     */
    R run(Partitions.Partition partition);
  }

  /** Sets a global of the session. */
  interface Globals {
    void set(String name, Object value);
  }

  /** What to set up in a fresh session before facts go in (globals). */
  interface SessionSetup<R> {
    SessionWork<R> prepare(Globals globals);
  }

  private PartitionedRun() {}

  /**
   * @param matchedIn the scopes some items (gateway transactions) are already matched in, which no
   *     partition offers them for again
   */
  static <R> List<R> run(
      List<Item> items,
      Map<Long, Set<Scope>> matchedIn,
      KieBase kieBase,
      RuleSet ruleSet,
      SessionSetup<R> setup) {
    List<GroupSpec> groupSpecs = ruleSet.groupSpecs();
    if (!ruleSet.partitionable()) {
      return List.of(inSession(Partitions.Partition.of(items), kieBase, groupSpecs, setup));
    }
    return inParallel(
        Partitions.split(items, matchedIn),
        partition -> inSession(partition, kieBase, groupSpecs, setup));
  }

  /** Applies work to every element on as many threads as there are cores; results in order. */
  static <T, R> List<R> inParallel(List<T> inputs, java.util.function.Function<T, R> work) {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), inputs.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, PartitionedRun::matchingThread);
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T input : inputs) {
        futures.add(pool.submit(() -> work.apply(input)));
      }
      List<R> results = new ArrayList<>(futures.size());
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("matching was interrupted");
    } catch (ExecutionException e) {
      // A failure inside a partition is a bug, not bad input: rethrow it as it was, so the CLI
      // reports it as an internal error with its trace.
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new UndeclaredThrowableException(e.getCause(), "matching a partition failed");
    } finally {
      pool.shutdownNow();
    }
  }

  static <R> R inSession(
      Partitions.Partition partition,
      KieBase kieBase,
      List<GroupSpec> groupSpecs,
      SessionSetup<R> setup) {
    List<Item> items = partition.items();
    StatelessKieSession session = kieBase.newStatelessKieSession();
    SessionWork<R> work = setup.prepare(session::setGlobal);
    List<Object> facts = new ArrayList<>(items.size() + 16);
    List<MatchItem> matchItems = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      MatchItem fact = toMatchItem(items.get(i), i, partition.offers()[i]);
      matchItems.add(fact);
      facts.add(fact);
    }
    // Payouts for the near-miss rules; group keys for the rule set's grouped rules.
    facts.addAll(Payout.of(matchItems));
    facts.addAll(GroupKey.of(matchItems, groupSpecs));
    session.execute(facts);
    return work.run(partition);
  }

  private static Thread matchingThread(Runnable work) {
    Thread thread = new Thread(work, "matching");
    thread.setDaemon(true);
    return thread;
  }

  static MatchItem toMatchItem(Item item, int ordinal, int offers) {
    Fact f = item.fact();
    int bookingDay = Math.toIntExact(f.bookingDate().toEpochDay());
    return new MatchItem(
        item.id(),
        item.naturalKey(),
        f.side().name(),
        f.account(),
        f.currencyCode(),
        f.amount().minor(),
        f.gross() == null ? f.amount().minor() : f.gross().minor(),
        UNIT_MINOR[Currencies.scale(f.amount().currency())],
        bookingDay,
        f.valueDate() == null ? bookingDay : Math.toIntExact(f.valueDate().toEpochDay()),
        f.reference(),
        f.counterparty(),
        References.clean(f.payoutId()),
        (offers & Partitions.OFFER_SETTLEMENT) != 0,
        (offers & Partitions.OFFER_SALES) != 0,
        ordinal);
  }
}
