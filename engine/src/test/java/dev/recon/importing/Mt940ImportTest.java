package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SWIFT MT940 statements as banks send them: bare tags or FIN-wrapped, several per file. */
class Mt940ImportTest {
  private static ParsedFile parse(String name) throws IOException {
    try (InputStream in = Mt940ImportTest.class.getResourceAsStream("/mt940/" + name)) {
      return FileParser.parse(InputFile.of(name, in.readAllBytes()), Profiles.load("bank"), null);
    }
  }

  @Test
  void germanStructuredAndKeywordDetailsGiveReferencesAndCounterparties() throws IOException {
    ParsedFile parsed = parse("statements-de.sta");

    assertThat(parsed.format()).isEqualTo(FileFormat.MT940);
    assertThat(parsed.facts())
        .extracting(FactText::of)
        .containsExactly(
            "10020030/1234567 1250.00 EUR 2026-11-02 ref=INV20261001 cp=NORDWIND LOGISTIK @5",
            "10020030/1234567 -2400.00 EUR 2026-11-02 ref=RENT202611 cp=null @7",
            "10020030/1234567 300.00 EUR 2026-11-03 ref=INV20263001 cp=ALPHA @15");
    assertThat(parsed.facts().get(0).text()).contains("SVWZ+Invoice INV-2026-1001");
    assertThat(parsed.balanceChecks()).hasSize(2).allSatisfy(c -> assertThat(c.agrees()).isTrue());
  }

  @Test
  void aFinWrappedStatementAcrossNewYearReads() throws IOException {
    ParsedFile parsed = parse("fin-wrapped.mt940");

    assertThat(parsed.facts())
        .extracting(FactText::of)
        .containsExactly("DE89370400440532013000 50.00 EUR 2026-01-02 ref=INV20260001 cp=null @6");
    assertThat(parsed.balanceChecks())
        .singleElement()
        .satisfies(c -> assertThat(c.agrees()).isTrue());
  }

  @Test
  void aBalanceBreakIsReportedForTheStatementThatDoesNotAddUp() throws IOException {
    assertThat(parse("balance-break.sta").balanceBreaks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.line()).isEqualTo(11);
              assertThat(check.breakMinor()).isEqualTo(1000);
            });
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Backend.class)
  void consecutiveStatementsMustChainAcrossImports(
      TestDatabase.Backend backend, @TempDir Path tempDir) throws IOException {
    try (Database database = TestDatabase.open(backend, tempDir)) {
      Importer importer =
          new Importer(
              database, Clock.fixed(Instant.parse("2026-11-07T08:00:00Z"), ZoneOffset.UTC), "bob");

      ImportResult first = importer.importFile(parse("statements-de.sta"), null);
      ImportResult next = importer.importFile(parse("next.sta"), null);
      ImportResult other = importer.importFile(parse("other-account.sta"), null);
      ImportResult gap = importer.importFile(parse("gap.sta"), null);

      assertThat(first.balanceBreaks()).as("its two statements chain").isEmpty();
      assertThat(next.balanceBreaks()).as("opens at the last closing, 9150.00").isEmpty();
      assertThat(other.balanceBreaks()).as("first statement of another account").isEmpty();
      assertThat(gap.balanceBreaks())
          .containsExactly(
              "statement STARTUMS 00004/001 of account 10020030/1234567 (gap.sta:1) opens at"
                  + " 9000.00 EUR on 2026-11-04, but the previous statement STARTUMS 00003/001"
                  + " (next.sta:1) closed at 9160.00 EUR on 2026-11-04; a statement between them"
                  + " is missing or one was altered");
      int open = database.inTransaction(tx -> tx.exceptions().countOpen());
      assertThat(open).isEqualTo(1);
      DatabaseInvariants.check(database);
    }
  }

  @Test
  void aBadValueDateIsRefusedWithItsLine() {
    assertThatThrownBy(() -> parse("bad-date.sta"))
        .isInstanceOf(BadInput.class)
        .hasMessage("bad-date.sta:4: field :61: \"261302\" is not a date (YYMMDD)");
  }
}
