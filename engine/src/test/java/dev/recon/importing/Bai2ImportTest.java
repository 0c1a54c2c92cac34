package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.facts.Fact;
import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** BAI2 balance reports: records, continuations, trailers, balances and every kind of damage. */
class Bai2ImportTest {
  private static final Path SAMPLE = Path.of("../samples/formats/bai2-prior-day-2026-11-09.bai");

  private static String sample() throws IOException {
    return Files.readString(SAMPLE);
  }

  private static ParsedFile parse(String name, byte[] bytes) {
    return FileParser.parse(InputFile.of(name, bytes), Profiles.load("bank"), null);
  }

  private static ParsedFile parse(String text) {
    return parse("bai2.bai", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One group with one account: opening (010) and closing (015) ledger balances and 16 records,
   * with the trailers' control totals and record counts worked out, as a bank would write them.
   */
  static String bai2(String asOf, long opening, long closing, String... details) {
    long total = opening + closing;
    for (String detail : details) {
      String amount = detail.split(",")[2];
      total += amount.matches("\\d+") ? Long.parseLong(amount) : 0;
    }
    StringBuilder text = new StringBuilder();
    text.append("01,BANK,ACME,").append(asOf).append(",0600,").append(asOf).append(",80,,2/\n");
    text.append("02,ACME,BANK,1,").append(asOf).append(",2400,USD,2/\n");
    text.append("03,1234567890,USD,010,")
        .append(opening)
        .append(",,,015,")
        .append(closing)
        .append(",,/\n");
    for (String detail : details) {
      text.append(detail).append("/\n");
    }
    int accountRecords = details.length + 2;
    text.append("49,").append(total).append(',').append(accountRecords).append("/\n");
    text.append("98,").append(total).append(",1,").append(accountRecords + 2).append("/\n");
    text.append("99,").append(total).append(",1,").append(accountRecords + 4).append("/\n");
    return text.toString();
  }

  @Nested
  class Reading {
    @Test
    void creditAndDebitTypeCodesGiveTheSignAndContinuationsJoinTheText() throws IOException {
      ParsedFile parsed = parse(sample());

      assertThat(parsed.format()).isEqualTo(FileFormat.BAI2);
      assertThat(parsed.facts())
          .extracting(fact -> fact.amount().minor())
          .containsExactly(120000L, 230000L, -45500L, -127955L);
      Fact wire = parsed.facts().get(1);
      assertThat(wire.text())
          .isEqualTo("[195] WIRE IN GLOBEX CORPORATION REF INV-2026-2002 PO 7781");
      assertThat(wire.reference()).isEqualTo("INV20262002");
      assertThat(wire.valueDate()).as("funds type V").isEqualTo(LocalDate.of(2026, 11, 10));
      assertThat(wire.origin().line()).isEqualTo(5);
      assertThat(parsed.ignoredRows()).as("the non-monetary 890 detail").isEqualTo(1);
      assertThat(parsed.balanceChecks()).hasSize(2).allMatch(BalanceCheck::agrees);
    }

    @Test
    void aDetailWithoutCustomerReferenceFallsBackToTheBankReference() {
      ParsedFile parsed = parse(bai2("261109", 0, 5000, "16,301,5000,0,BANKREF77,,DEPOSIT"));

      assertThat(parsed.facts())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.reference()).isEqualTo("BANKREF77");
                assertThat(f.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 9));
              });
    }
  }

  @Nested
  class Refusals {
    @Test
    void anAlteredAmountIsCaughtByTheAccountGroupAndFileControlTotals() throws IOException {
      String altered = sample().replace("16,475,45500,", "16,475,45600,");

      assertThatThrownBy(() -> parse(altered))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(
              "bai2.bai:9: column \"account control total\": the trailer of account 1234567890"
                  + " says 6223455 but its amounts add up to 6223555; records are missing or were"
                  + " altered")
          .hasMessageContaining("bai2.bai:13: column \"group control total\"")
          .hasMessageContaining("bai2.bai:14: column \"file control total\"");
    }

    @Test
    void aDroppedRecordIsCaughtByTheRecordCounts() throws IOException {
      String dropped =
          sample().replace("16,475,45500,0,BR123450003,CHK1042,CHECK PAID 1042/\n", "");

      assertThatThrownBy(() -> parse(dropped))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(
              "bai2.bai:8: column \"number of records\": the trailer says 7 but account"
                  + " 1234567890 has 6; records are missing or were added");
    }

    @Test
    void aFileWithoutItsTrailerIsCutOff() throws IOException {
      String cut = sample().replace("99,6423455,1,14/\n", "");

      assertThatThrownBy(() -> parse(cut))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              "bai2.bai: ends without the 99 file trailer: the file is cut off; nothing of it was"
                  + " stored");
    }

    @Test
    void anotherVersionIsNamed() throws IOException {
      String version3 = sample().replace("1109001,80,,2/", "1109001,80,,3/");

      assertThatThrownBy(() -> parse(version3))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              "bai2.bai:1: column \"version number\": version \"3\" is not a version Recon reads;"
                  + " Recon reads BAI version 2 (BAI2) files");
    }

    @Test
    void anOversizedRecordIsRefusedWithItsLength() {
      String huge = bai2("261109", 0, 100, "16,301,100,0,B1,,X" + "Y".repeat(5000));

      assertThatThrownBy(() -> parse(huge))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              "bai2.bai:4: the record is 5019 characters long, more than the 4096 a BAI2 record"
                  + " may have; the file is damaged or not BAI2");
    }

    @Test
    void aLatin1FileAndAUtf16FileEachGetTheirOwnMessage() {
      String text = bai2("261109", 0, 100, "16,301,100,0,B1,,M\u00dcLLER GMBH");

      assertThatThrownBy(() -> parse("latin1.bai", text.getBytes(StandardCharsets.ISO_8859_1)))
          .isInstanceOf(BadInput.class)
          .hasMessageStartingWith("latin1.bai:4: byte ")
          .hasMessageContaining("(0xDC) is not UTF-8: the file is in another encoding");
      assertThatThrownBy(() -> parse("utf16.bai", text.getBytes(StandardCharsets.UTF_16)))
          .isInstanceOf(BadInput.class)
          .hasMessage(
              "utf16.bai: is UTF-16 or binary, but BAI2 files are ASCII or UTF-8 text; export or"
                  + " save it again as UTF-8");
    }

    @Test
    void aBadAmountAndAnUnknownRecordAreNamedWithTheirLine() {
      String text = bai2("261109", 0, 100, "16,301,1O0,0,B1,,X").replace("49,", "47,");

      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining(
              "bai2.bai:4: column \"amount\": \"1O0\" is not a BAI2 amount (digits without a"
                  + " decimal point, no sign)")
          .hasMessageContaining(
              "bai2.bai:5: column \"record code\": \"47\" is not a BAI2 record type");
    }
  }

  @Nested
  @EveryDatabase
  class Statements {
    @Parameter TestDatabase.Backend backend;
    @TempDir Path tempDir;

    private Importer importer(Database database) {
      return new Importer(
          database, Clock.fixed(Instant.parse("2026-11-12T08:00:00Z"), ZoneOffset.UTC), "alice");
    }

    @Test
    void aDayThatDoesNotAddUpIsStoredWithABalanceBreakOnTheAccount() {
      try (Database database = TestDatabase.open(backend, tempDir)) {
        String text = bai2("261109", 10000, 15000, "16,301,4000,0,B1,,DEPOSIT");

        ImportResult result = importer(database).importFile(parse(text), null);

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.balanceBreaks())
            .singleElement()
            .asString()
            .contains("statement as of 2026-11-09 of account 1234567890 (bai2.bai:3)")
            .contains("but the closing balance is 150.00 USD (a difference of 10.00 USD)");
        assertThat(openExceptions(database)).containsExactly(Importer.BALANCE_BREAK);
        DatabaseInvariants.check(database);
      }
    }

    @Test
    void aNextDayThatDoesNotOpenWhereThePreviousClosedIsAChainBreak() {
      try (Database database = TestDatabase.open(backend, tempDir)) {
        Importer importer = importer(database);
        importer.importFile(parse(bai2("261109", 10000, 14000, "16,301,4000,0,B1,,DEPOSIT")), null);
        ImportResult agreeing =
            importer.importFile(
                parse(
                    "day2.bai",
                    bai2("261110", 14000, 13000, "16,451,1000,0,B2,,FEE")
                        .getBytes(StandardCharsets.UTF_8)),
                null);
        assertThat(agreeing.balanceBreaks()).isEmpty();

        ImportResult gap =
            importer.importFile(
                parse("day4.bai", bai2("261112", 12000, 12000).getBytes(StandardCharsets.UTF_8)),
                null);

        assertThat(gap.balanceBreaks())
            .singleElement()
            .asString()
            .contains(
                "opens at 120.00 USD on 2026-11-12, but the previous statement as of"
                    + " 2026-11-10 (day2.bai:3) closed at 130.00 USD");
        assertThat(openExceptions(database)).containsExactly(Importer.CHAIN_BREAK);
        DatabaseInvariants.check(database);
      }
    }

    /** The types of the exceptions open on the database, read with plain SQL. */
    private List<String> openExceptions(Database database) {
      List<String> types = new java.util.ArrayList<>();
      try (java.sql.Connection connection = database.dataSource().getConnection();
          java.sql.ResultSet rows =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT type FROM exception_item WHERE status = 'OPEN' ORDER BY id")) {
        while (rows.next()) {
          types.add(rows.getString(1));
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return types;
    }
  }
}
