package dev.recon.benchmarking;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples used heap every few milliseconds on a daemon thread and keeps the highest value. */
final class HeapSampler implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 20;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakBytes;

  HeapSampler() {
    thread =
        new Thread(
            () -> {
              while (running) {
                peakBytes = Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
                try {
                  Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  long peakMegabytes() {
    return Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed()) / (1024 * 1024);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
