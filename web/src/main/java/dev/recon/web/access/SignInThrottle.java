package dev.recon.web.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES_MAX} wrong passwords for one name from
 * one address, that name is refused from that address without checking the password for a back-off
 * that doubles with each further failure (from {@link #FIRST_BACK_OFF} up to {@link
 * #LONGEST_BACK_OFF}). A correct sign-in clears the count; a count untouched for a day is
 * forgotten. Other names and other addresses are not affected, so one attacker cannot lock everyone
 * out. Kept in memory: a restart forgets it, as it does the sessions.
 */
public final class SignInThrottle {
  /** Wrong passwords allowed before the back-off starts. */
  static final int FREE_FAILURES_MAX = 5;

  static final Duration FIRST_BACK_OFF = Duration.ofSeconds(30);
  static final Duration LONGEST_BACK_OFF = Duration.ofMinutes(15);
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  /** Failed attempts of one name from one address, and until when it is refused. */
  private record Failures(int count, Instant last, Instant refusedUntil) {}

  private final Map<String, Failures> byNameAndAddress = new ConcurrentHashMap<>();
  private final Clock clock;

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long this name from this address must still wait; zero when it may try now. */
  public Duration waitFor(String name, String address) {
    Failures failures = byNameAndAddress.get(key(name, address));
    Instant now = Instant.now(clock);
    if (failures == null || !failures.refusedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.refusedUntil());
  }

  public void failed(String name, String address) {
    Instant now = Instant.now(clock);
    byNameAndAddress.compute(
        key(name, address),
        (k, old) -> {
          int count = old == null ? 1 : old.count() + 1;
          return new Failures(count, now, now.plus(backOff(count)));
        });
    if (byNameAndAddress.size() > 10_000) {
      Instant cutoff = now.minus(FORGET_AFTER);
      byNameAndAddress.values().removeIf(f -> f.last().isBefore(cutoff));
    }
  }

  public void succeeded(String name, String address) {
    byNameAndAddress.remove(key(name, address));
  }

  /** No wait for the first failures, then 30 s, 60 s, 120 s, ... up to 15 minutes. */
  static Duration backOff(int failures) {
    if (failures < FREE_FAILURES_MAX) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_FAILURES_MAX, 10);
    Duration wait = FIRST_BACK_OFF.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : wait;
  }

  /** What the refused user reads. */
  public static String refusal(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return String.format(
        Locale.ROOT,
        "too many wrong passwords for this name from your address; try again in %d seconds"
            + " (or ask an admin to set a new password)",
        seconds);
  }

  private static String key(String name, String address) {
    return (name == null ? "" : name.toLowerCase(Locale.ROOT)) + "\u001f" + address;
  }
}
