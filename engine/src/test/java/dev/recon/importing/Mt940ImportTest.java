package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  private static ParsedFile parseText(String name, byte[] bytes) {
    return FileParser.parse(InputFile.of(name, bytes), Profiles.load("bank"), null);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Mt940ImportTest.class.getResourceAsStream("/mt940/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final String INTERIM =
      String.join(
          "\n",
          ":20:ACME942-1215",
          ":25:DE89370400440532013000",
          ":28C:00312/001",
          ":34F:EUR0,",
          ":13D:2611101215+0100",
          ":61:2611101110C500,00NTRFNONREF//BK0010",
          ":86:/EREF/E2E-OR-1005/REMI/Teilzahlung INV-2026-1005/NAME/ORION AG",
          ":61:2611101110D89,90NDDTNONREF//BK0011",
          ":86:/EREF/SUB-7781/REMI/Cloud Hosting November/NAME/CLOUD HOSTING CO",
          ":90D:1EUR89,90",
          ":90C:1EUR500,00",
          "-",
          "");

  @Test
  void anInterimReportWhoseEntryTotalsAgreeIsRead() {
    ParsedFile parsed = parseText("interim.sta", INTERIM.getBytes(StandardCharsets.US_ASCII));

    assertThat(parsed.facts())
        .extracting(FactText::of)
        .containsExactly(
            "DE89370400440532013000 500.00 EUR 2026-11-10 ref=INV20261005 cp=ORION @6",
            "DE89370400440532013000 -89.90 EUR 2026-11-10 ref=SUB7781 cp=CLOUD HOSTING @8");
  }

  @Test
  void anInterimReportWhoseEntryTotalsDisagreeIsRefusedNamingTheTotal() {
    String altered = INTERIM.replace(":90C:1EUR500,00", ":90C:3EUR999,00");

    assertThatThrownBy(() -> parseText("interim.sta", altered.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "interim.sta:11: field :90C: says 3 credit entries totalling 999.00 EUR, but the"
                + " report holds 1 totalling 500.00 EUR: the file is incomplete or altered;"
                + " nothing of it was stored");
  }

  @Test
  void aStatementCutOffBeforeItsClosingBalanceIsRefused() throws IOException {
    String statements = resource("statements-de.sta");
    String cut = statements.substring(0, statements.indexOf(":62F:C261103"));

    assertThatThrownBy(() -> parseText("cut.sta", cut.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "cut.sta:11: field :62F: is missing: the statement has an opening balance but no"
                + " closing balance, so the file is cut off or damaged; nothing of it was stored");
  }

  @Test
  void anInterimReportCutOffBeforeItsEndIsRefused() {
    String cut = INTERIM.substring(0, INTERIM.indexOf(":90D:"));

    assertThatThrownBy(() -> parseText("cut.sta", cut.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("cut.sta:1: field :20: starts a report that never ends");
  }

  @Test
  void anOversizedLineIsRefusedWithItsLength() {
    String huge = INTERIM.replace("/NAME/ORION AG", "/NAME/ORION AG\n" + "X".repeat(5000));

    assertThatThrownBy(() -> parseText("huge.sta", huge.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "huge.sta:8: the line is 5,000 characters long; SWIFT MT940/MT942 lines have at most"
                + " 65 (Recon accepts up to 1,000): the file is damaged or not MT940");
  }

  @Test
  void aUtf16StatementIsRefusedAsUtf16NotTakenForAnotherFormat() throws IOException {
    byte[] utf16 = resource("statements-de.sta").getBytes(StandardCharsets.UTF_16);

    assertThat(InputFile.of("utf16.sta", utf16).format()).isEqualTo(FileFormat.MT940);
    assertThatThrownBy(() -> parseText("utf16.sta", utf16))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "utf16.sta: is UTF-16 or binary, but SWIFT MT940/MT942 files are ASCII or UTF-8 text;"
                + " export or save it again as UTF-8");
  }

  @Test
  void aSwiftMessageOfAnotherTypeIsNamed() throws IOException {
    String advice = resource("fin-wrapped.mt940").replace("{2:O940", "{2:O900");

    assertThatThrownBy(() -> parseText("advice.fin", advice.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadInput.class)
        .hasMessage(
            "advice.fin:1: block 2: the message is a SWIFT MT900; Recon reads the statements"
                + " MT940, MT942 and MT950");
  }
}
