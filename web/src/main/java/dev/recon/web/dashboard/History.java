package dev.recon.web.dashboard;

import dev.recon.persistence.OverviewStore.DayActivity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's small chart: match rate and open exceptions at the end of each day on which
 * something happened, drawn as two SVG polylines on the server (no script). Dates are placed by
 * their distance in days, so a quiet week shows as a gap, not as one step.
 *
 * @param ratePoints the match-rate line (0 % at the bottom, 100 % at the top)
 * @param exceptionPoints the open-exceptions line (0 at the bottom, {@code exceptionsMax} at top)
 */
public record History(
    int width,
    int height,
    String ratePoints,
    String exceptionPoints,
    LocalDate firstDay,
    LocalDate lastDay,
    long exceptionsMax,
    String lastRate,
    long lastOpen) {
  public static final int WIDTH = 560;
  public static final int HEIGHT = 140;
  static final int DAYS_SHOWN_MAX = 60;

  /** A day's end-of-day state. */
  record Point(LocalDate day, double ratePercent, long openExceptions) {}

  public boolean empty() {
    return ratePoints.isEmpty();
  }

  public static History of(List<DayActivity> days) {
    List<Point> points = cumulative(days);
    if (points.size() > DAYS_SHOWN_MAX) {
      points = points.subList(points.size() - DAYS_SHOWN_MAX, points.size());
    }
    if (points.isEmpty()) {
      return new History(WIDTH, HEIGHT, "", "", null, null, 0, "", 0);
    }
    LocalDate first = points.get(0).day();
    LocalDate last = points.get(points.size() - 1).day();
    long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
    long max = Math.max(1, points.stream().mapToLong(Point::openExceptions).max().orElse(1));
    StringBuilder rate = new StringBuilder();
    StringBuilder open = new StringBuilder();
    for (Point point : points) {
      double x =
          points.size() == 1
              ? WIDTH / 2.0
              : WIDTH * ChronoUnit.DAYS.between(first, point.day()) / (double) span;
      append(rate, x, HEIGHT - HEIGHT * point.ratePercent() / 100.0);
      append(open, x, HEIGHT - HEIGHT * point.openExceptions() / (double) max);
    }
    Point latest = points.get(points.size() - 1);
    return new History(
        WIDTH,
        HEIGHT,
        rate.toString().strip(),
        open.toString().strip(),
        first,
        last,
        max,
        String.format(Locale.ROOT, "%.1f %%", latest.ratePercent()),
        latest.openExceptions());
  }

  /** Running totals: items added and reconciled so far, exceptions opened less closed. */
  static List<Point> cumulative(List<DayActivity> days) {
    List<Point> points = new ArrayList<>(days.size());
    long items = 0;
    long reconciled = 0;
    long open = 0;
    for (DayActivity day : days) {
      items += day.itemsAdded();
      reconciled += day.itemsReconciled();
      open += day.exceptionsOpened() - day.exceptionsClosed();
      double rate = items == 0 ? 0 : Math.min(100.0, 100.0 * reconciled / items);
      points.add(new Point(day.day(), rate, Math.max(0, open)));
    }
    return points;
  }

  private static void append(StringBuilder points, double x, double y) {
    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
  }
}
