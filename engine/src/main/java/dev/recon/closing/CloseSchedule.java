package dev.recon.closing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the nightly close fires: every day at a local time in a time zone, closing the day before
 * the day it fires on. On a day the clocks skip the time (spring forward), it fires at the first
 * moment after the gap; on a day the time occurs twice (fall back), at the first of the two.
 */
public record CloseSchedule(LocalTime at, ZoneId zone) {

  /** The first firing strictly after {@code now}. */
  public Instant nextFireAfter(Instant now) {
    ZonedDateTime today = ZonedDateTime.of(now.atZone(zone).toLocalDate(), at, zone);
    ZonedDateTime next = today.toInstant().isAfter(now) ? today : nextDay(today);
    return next.toInstant();
  }

  private ZonedDateTime nextDay(ZonedDateTime fire) {
    return ZonedDateTime.of(fire.toLocalDate().plusDays(1), at, zone);
  }

  /** The business date a firing at this instant closes: the day before, in the schedule's zone. */
  public LocalDate dateClosedAt(Instant fire) {
    return fire.atZone(zone).toLocalDate().minusDays(1);
  }
}
