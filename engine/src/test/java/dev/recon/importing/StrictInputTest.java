package dev.recon.importing;

import static dev.recon.importing.TestFiles.BANK_HEADER;
import static dev.recon.importing.TestFiles.refusal;
import static dev.recon.importing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.normalizing.References;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Input that is ambiguous is refused with a reason, never guessed at. */
class StrictInputTest {
  @TempDir Path dir;

  @Nested
  class Rows {
    @Test
    void aRowWithBothDebitAndCreditIsRefused() {
      Path file =
          write(
              dir,
              "bank.csv",
              BANK_HEADER + "02.11.2026;02.11.2026;5,00;7,00;EUR;A;INV-2026-0001\n");

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "OPS"));

      assertThat(refused.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.line()).isEqualTo(2))
          .satisfies(
              p -> assertThat(p.message()).contains("both the money-in (7.00)").contains("(5.00)"));
    }

    @Test
    void anAmountOfTenToTheFifteenMinorUnitsIsRefusedAndOneLessIsNot() {
      Path file =
          write(
              dir,
              "bank.csv",
              BANK_HEADER
                  + "02.11.2026;02.11.2026;;9.999.999.999.999,99;EUR;A;INV-2026-0001\n"
                  + "02.11.2026;02.11.2026;;10.000.000.000.000,00;EUR;A;INV-2026-0002\n");

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "OPS"));

      assertThat(refused.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.line()).isEqualTo(3))
          .satisfies(p -> assertThat(p.message()).contains("larger than Recon accepts"));
    }

    @Test
    void aZeroInTheOtherColumnIsNotAConflict() {
      Path file =
          write(
              dir,
              "bank.csv",
              BANK_HEADER + "02.11.2026;02.11.2026;0,00;7,00;EUR;A;INV-2026-0001\n");

      ParsedFile parsed = FileParser.parse(file, Profiles.load("bank"), "OPS");

      assertThat(parsed.facts())
          .singleElement()
          .satisfies(f -> assertThat(f.amount().minor()).isEqualTo(700));
    }

    @Test
    void everyRowWithTheWrongNumberOfFieldsIsReportedAtOnce() {
      Path file =
          write(
              dir,
              "bank.csv",
              BANK_HEADER
                  + "02.11.2026;02.11.2026;;1,00;EUR\n"
                  + "02.11.2026;02.11.2026;;1,00;EUR;A;INV-2026-0001\n"
                  + "03.11.2026;03.11.2026;;2,00;EUR;A;INV;extra\n");

      BadInput refused = refusal(() -> FileParser.parse(file, Profiles.load("bank"), "OPS"));

      assertThat(refused.problems()).extracting(Problem::line).containsExactly(2, 4);
      assertThat(refused.problems().get(0).message())
          .startsWith("has 5 fields but the header has 7");
    }
  }

  @Nested
  class ProfileSettings {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "decimal.comma = ture | decimal.comma must be true or false, not \"ture\"",
          "amount.sign = negative | amount.sign must be normal or inverted, not \"negative\"",
          "skip.rows = two | skip.rows must be a whole number of rows (0 or more), not \"two\"",
          "skip.rows = -1 | skip.rows must be a whole number of rows (0 or more), not \"-1\"",
          "default.currency = EURO | default.currency: unknown currency \"EURO\"",
          "date.format = dd.MM.yyyy{ | date.format \"dd.MM.yyyy{\" is not a date pattern"
        })
    void aMistakeInAProfileIsRefusedWhenTheProfileLoads(String line, String message) {
      Path profile =
          write(
              dir,
              "mine.properties",
              "source = ledger\ncolumn.booking_date = Date\ncolumn.amount = Amount\n"
                  + "default.currency = EUR\n"
                  + line
                  + "\n");

      assertThatThrownBy(() -> Profiles.load(profile.toString()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("profile mine: ")
          .hasMessageContaining(message);
    }

    @Test
    void aBlankAfterTheDelimiterDoesNotMatter() {
      Path profile =
          write(
              dir,
              "mine.properties",
              "source = ledger\ndelimiter = ; \ncolumn.booking_date = Date\ncolumn.amount = Amount\n"
                  + "default.currency = EUR\n");

      assertThat(Profiles.load(profile.toString()).delimiter()).isEqualTo(';');
    }
  }

  @Test
  void anAlternationWhoseGroupDidNotTakePartUsesTheWholeMatch() {
    Pattern pattern = Pattern.compile("INV-(\\d+)|PO-\\d+");

    assertThat(References.extract(pattern, "PO-77812", null)).isEqualTo("PO77812");
    assertThat(References.extract(pattern, "INV-42", null)).isEqualTo("42");
  }
}
