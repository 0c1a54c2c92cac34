package dev.recon.closing;

import java.util.Map;

/**
 * Named points in a close run (for instance {@code import:committed:2}, after the second inbox
 * file's import committed and before it is moved), so tests can stop a real process exactly there.
 * In production nothing happens at them. {@code RECON_CRASH_AT=POINT} makes the process halt at
 * once at that point, as {@code kill -9} would (no shutdown hooks, nothing flushed); {@code
 * RECON_PAUSE_AT=POINT} makes it wait there for a while, so a test can start a second close
 * meanwhile.
 */
@FunctionalInterface
public interface Checkpoints {
  /** The exit status of a process halted at a crash point, as a shell reports kill -9. */
  int HALT_STATUS = 137;

  /** How long a process paused at a point waits before going on. */
  long PAUSE_MILLIS = 120_000;

  Checkpoints NONE = point -> {};

  void reached(String point);

  static Checkpoints fromEnvironment(Map<String, String> environment) {
    String crashAt = environment.get("RECON_CRASH_AT");
    String pauseAt = environment.get("RECON_PAUSE_AT");
    if (crashAt == null && pauseAt == null) {
      return NONE;
    }
    return point -> {
      if (point.equals(crashAt)) {
        Runtime.getRuntime().halt(HALT_STATUS);
      }
      if (point.equals(pauseAt)) {
        try {
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
