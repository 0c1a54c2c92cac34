package dev.recon.closing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloseScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final CloseSchedule twoAm = new CloseSchedule(LocalTime.of(2, 0), BERLIN);

  @Nested
  class NextFiring {
    @Test
    void beforeTheTimeItFiresTodayAndClosesYesterday() {
      Instant fire = twoAm.nextFireAfter(Instant.parse("2026-11-06T00:30:00Z"));

      assertThat(fire).isEqualTo(Instant.parse("2026-11-06T01:00:00Z"));
      assertThat(twoAm.dateClosedAt(fire)).isEqualTo(LocalDate.parse("2026-11-05"));
    }

    @Test
    void atOrAfterTheTimeItFiresTomorrow() {
      assertThat(twoAm.nextFireAfter(Instant.parse("2026-11-06T01:00:00Z")))
          .isEqualTo(Instant.parse("2026-11-07T01:00:00Z"));
      assertThat(twoAm.nextFireAfter(Instant.parse("2026-11-06T22:59:59Z")))
          .isEqualTo(Instant.parse("2026-11-07T01:00:00Z"));
    }

    @Test
    void theDayIsTheScheduleZonesDayNotUtcs() {
      // 23:30 UTC on the 6th is already the 7th in Berlin: the next 02:00 there is on the 8th.
      Instant fire = twoAm.nextFireAfter(Instant.parse("2026-11-06T23:30:00Z"));

      assertThat(fire).isEqualTo(Instant.parse("2026-11-07T01:00:00Z"));
      assertThat(twoAm.dateClosedAt(fire)).isEqualTo(LocalDate.parse("2026-11-06"));
    }

    @Test
    void whenTheClocksSkipTheTimeItFiresRightAfterTheGap() {
      // 2027-03-28: Berlin goes from 02:00 CET straight to 03:00 CEST.
      Instant fire = twoAm.nextFireAfter(Instant.parse("2027-03-27T23:00:00Z"));

      assertThat(fire).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
      assertThat(fire.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    }

    @Test
    void whenTheTimeHappensTwiceItFiresOnceAtTheFirst() {
      // 2026-10-25: Berlin's 02:00-03:00 happens twice (CEST, then CET).
      CloseSchedule twoThirty = new CloseSchedule(LocalTime.of(2, 30), BERLIN);
      Instant first = twoThirty.nextFireAfter(Instant.parse("2026-10-24T23:00:00Z"));

      assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
      assertThat(twoThirty.nextFireAfter(first)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }
  }

  @Test
  void theSchedulerClosesThePreviousDayWhenItsTimeComes() throws Exception {
    // The clock says it is a little before 02:00 UTC, so the firing is due in about 300 ms.
    Clock clock = Clock.fixed(Instant.parse("2026-11-06T01:59:59.700Z"), ZoneOffset.UTC);
    CloseSchedule schedule = new CloseSchedule(LocalTime.of(2, 0), ZoneOffset.UTC);
    List<LocalDate> closed = new CopyOnWriteArrayList<>();
    CountDownLatch fired = new CountDownLatch(1);
    try (NightlyClose nightly =
        new NightlyClose(
            schedule,
            clock,
            date -> {
              closed.add(date);
              fired.countDown();
            })) {
      Instant first = nightly.start();

      assertThat(first).isEqualTo(Instant.parse("2026-11-06T02:00:00Z"));
      assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
      // The clock has not moved: the next firing is tomorrow's, a day away, not another today.
      Thread.sleep(300);
    }
    assertThat(closed).containsExactly(LocalDate.parse("2026-11-05"));
  }

  @Test
  void aFailedCloseDoesNotStopTheNextNightsClose() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(
            Instant.parse("2026-11-06T01:59:59.900Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    List<LocalDate> tried = new CopyOnWriteArrayList<>();
    CountDownLatch twice = new CountDownLatch(2);
    try (NightlyClose nightly =
        new NightlyClose(
            new CloseSchedule(LocalTime.of(2, 0), ZoneOffset.UTC),
            clock,
            date -> {
              tried.add(date);
              twice.countDown();
              // A day passes before the scheduler looks at the clock again.
              now.set(Instant.parse("2026-11-07T01:59:59.900Z"));
              throw new IllegalStateException("close of " + date + " is already running");
            })) {
      nightly.start();
      assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(tried).startsWith(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-06"));
  }
}
