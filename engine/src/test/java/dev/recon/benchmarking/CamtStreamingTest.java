package dev.recon.benchmarking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camt.053 file is read as a stream: a JVM whose heap is capped at a fraction of the file's size
 * reads every item of it. (The full-size measurement is {@code recon bench-camt}, see README.)
 */
class CamtStreamingTest {
  @TempDir Path tempDir;

  @Test
  void aStatementFileTwiceTheHeapCapIsReadWholeByAStreamingJvm() throws Exception {
    Path file = tempDir.resolve("camt053-big.xml");
    long[] written = CamtStreamBench.write(file, 40);

    CamtStreamBench.Outcome outcome = CamtStreamBench.readInChildJvm(file, 20);

    assertThat(outcome.fileBytes()).isGreaterThanOrEqualTo(40_000_000L);
    assertThat(outcome.entries()).isEqualTo(written[0]);
    assertThat(outcome.sumMinor()).isEqualTo(written[1]);
    assertThat(outcome.peakHeapBytes()).isLessThan(outcome.fileBytes() / 2);
  }
}
