package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.persistence.ImportStore.IdentifiedFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A streamed file's records are identified one at a time and numbered as a whole file's are. */
class FactIdentityTest {
  private static Fact fact(long minor, int line) {
    return new Fact(
        Side.BANK,
        "DE89370400440532013000",
        new Money(minor, Currencies.of("EUR")),
        LocalDate.of(2026, 11, 9),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new Origin("f.csv", line));
  }

  @Test
  void identicalRecordsAreNumberedByOccurrenceInFileOrderHoweverManyThereAre() {
    Random random = new Random(42);
    List<Fact> facts = new ArrayList<>();
    for (int line = 1; line <= 20_000; line++) {
      facts.add(fact(random.nextInt(5_000), line));
    }

    List<IdentifiedFact> identified = FactIdentity.identify(facts);

    Map<Long, Integer> expected = new HashMap<>();
    for (int i = 0; i < facts.size(); i++) {
      int occurrence = expected.merge(facts.get(i).amount().minor(), 1, Integer::sum);
      assertThat(identified.get(i).occurrence()).isEqualTo(occurrence);
    }
    assertThat(identified.stream().map(IdentifiedFact::identity).distinct()).hasSize(20_000);
  }

  @Test
  void aFileIdentifiedBatchByBatchIsNumberedAsTheWholeFileWouldBe() {
    Random random = new Random(7);
    List<Fact> facts = new ArrayList<>();
    for (int line = 1; line <= 30_000; line++) {
      facts.add(fact(random.nextInt(12_000), line));
    }
    // Sized for far fewer records than the file has, so the count of occurrences grows many times.
    FactIdentity streamed = new FactIdentity(16);
    List<IdentifiedFact> byBatch = new ArrayList<>();
    for (int from = 0; from < facts.size(); from += 1_000) {
      byBatch.addAll(streamed.next(facts.subList(from, from + 1_000)));
    }

    assertThat(byBatch).isEqualTo(FactIdentity.identify(facts));
    assertThat(byBatch.stream().mapToInt(IdentifiedFact::occurrence).max().orElseThrow())
        .isGreaterThan(3);
  }
}
