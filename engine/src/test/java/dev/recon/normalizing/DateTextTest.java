package dev.recon.normalizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateTextTest {

  @Nested
  class ProfilePatterns {
    @ParameterizedTest(name = "\"{1}\" in {0} is {2}")
    @CsvSource({
      "dd.MM.yyyy, 02.11.2026, 2026-11-02",
      "dd.MM.yyyy, 31.12.2026, 2026-12-31",
      "dd/MM/yyyy, 05/11/2026, 2026-11-05",
      "MM/dd/yyyy, 11/05/2026, 2026-11-05",
      "yyyy-MM-dd, 2026-11-02, 2026-11-02",
      "dd.MM.yy, 02.11.26, 2026-11-02",
      "yyyyMMdd, 20261102, 2026-11-02",
    })
    void dateInTheProfilePatternIsRead(String pattern, String text, LocalDate expected) {
      assertThat(new DateText(pattern).parse(text)).isEqualTo(expected);
    }

    @Test
    void timeOfDayIsDropped() {
      DateText stripe = new DateText("yyyy-MM-dd HH:mm");

      assertThat(stripe.parse("2026-11-01 23:59")).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void leapDayIsAcceptedInALeapYear() {
      assertThat(new DateText("dd.MM.yyyy").parse("29.02.2028"))
          .isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void surroundingBlanksAreIgnored() {
      assertThat(new DateText("dd.MM.yyyy").parse(" 02.11.2026 "))
          .isEqualTo(LocalDate.of(2026, 11, 2));
    }
  }

  @Nested
  class IsoFallback {
    @Test
    void isoDateIsAcceptedWhateverThePattern() {
      assertThat(new DateText("dd.MM.yyyy").parse("2026-11-02"))
          .isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void isoDateWithoutTimeIsAcceptedByADateTimePattern() {
      assertThat(new DateText("yyyy-MM-dd HH:mm").parse("2026-11-02"))
          .isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void impossibleIsoDateIsRefused() {
      assertThatThrownBy(() -> new DateText("dd.MM.yyyy").parse("2026-02-30"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"2026-02-30\" is not a date in the format dd.MM.yyyy");
    }
  }

  @Nested
  class Refusals {
    @Test
    void thirtyFirstOfFebruaryIsRefusedWithThePattern() {
      assertThatThrownBy(() -> new DateText("dd.MM.yyyy").parse("31.02.2026"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"31.02.2026\" is not a date in the format dd.MM.yyyy");
    }

    @Test
    void leapDayInACommonYearIsRefused() {
      assertThatThrownBy(() -> new DateText("dd.MM.yyyy").parse("29.02.2026"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"29.02.2026\" is not a date in the format dd.MM.yyyy");
    }

    @Test
    void monthThirteenIsRefusedNotRolledIntoNextYear() {
      assertThatThrownBy(() -> new DateText("dd.MM.yyyy").parse("01.13.2026"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dd.MM.yyyy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11/02/2026", "2.11.2026", "02.11.26", "tomorrow", "02.11.2026x"})
    void dateInAnotherLayoutIsRefused(String text) {
      assertThatThrownBy(() -> new DateText("dd.MM.yyyy").parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"" + text + "\" is not a date in the format dd.MM.yyyy");
    }

    @Test
    void impossibleTimeIsRefusedEvenThoughTheTimeIsDropped() {
      assertThatThrownBy(() -> new DateText("yyyy-MM-dd HH:mm").parse("2026-11-01 25:00"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"2026-11-01 25:00\" is not a date in the format yyyy-MM-dd HH:mm");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void blankIsNoDate(String text) {
      assertThat(new DateText("dd.MM.yyyy").parse(text)).isNull();
    }
  }

  @Test
  void patternIsKeptAsTheProfileWroteIt() {
    assertThat(new DateText("dd.MM.yyyy").pattern()).isEqualTo("dd.MM.yyyy");
  }
}
