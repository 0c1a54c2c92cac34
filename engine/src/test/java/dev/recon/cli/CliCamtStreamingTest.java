package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.benchmarking.CamtStreamBench;
import dev.recon.persistence.TestDatabase;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real commands stream camt: {@code recon parse} and {@code recon import}, run as a user runs
 * them in a JVM whose heap is smaller than the file, read every record of it. If either held the
 * file's bytes or a DOM, the child would run out of memory.
 */
class CliCamtStreamingTest {
  /** The file is larger than either child's whole heap. */
  private static final int FILE_MB = 40;

  private static final int PARSE_HEAP_CAP_MB = 16;

  /**
   * An import also holds the identities of the file's items (one small entry per item, see
   * FactIdentity) and the database driver's or embedded H2's working memory.
   */
  private static final int IMPORT_HEAP_CAP_MB = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path statement;
  private static long[] written;

  @TempDir Path tempDir;

  @BeforeAll
  static void writeStatement() throws Exception {
    statement = shared.resolve("camt053-big.xml");
    written = CamtStreamBench.write(statement, FILE_MB);
    assertThat(Files.size(statement)).isGreaterThan(IMPORT_HEAP_CAP_MB * 1_048_576L);
  }

  private static CamtStreamBench.ChildRun recon(int heapCapMb, Path output, List<String> arguments)
      throws Exception {
    return CamtStreamBench.runInChildJvm(
        heapCapMb, output, ReconCommand.class.getName(), arguments);
  }

  @Test
  void parseJsonPrintsEveryRecordOfAFileLargerThanTheHeap() throws Exception {
    Path output = tempDir.resolve("parse.out");

    CamtStreamBench.ChildRun run =
        recon(
            PARSE_HEAP_CAP_MB,
            output,
            List.of("parse", "--json", statement.toAbsolutePath().toString()));

    assertThat(run.exitCode()).as(tail(output)).isZero();
    long records = 0;
    String last = null;
    try (BufferedReader lines = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.contains("\"type\":\"record\"")) {
          records++;
        }
        last = line;
      }
    }
    JsonNode summary = JSON.readTree(last);
    assertThat(records).isEqualTo(written[0]);
    assertThat(summary.get("records").asLong()).isEqualTo(written[0]);
    assertThat(summary.get("total_minor").get("EUR").asLong()).isEqualTo(written[1]);
    assertThat(summary.get("statements")).allMatch(check -> check.get("agrees").asBoolean());
  }

  /**
   * On PostgreSQL, the server Recon is run against at scale. (Embedded H2 keeps its own working
   * memory in Recon's heap: a 24 MB file imports within 32 MB, a 40 MB one needs more.)
   */
  @Tag("postgres")
  @Test
  void importStoresEveryItemOfAFileLargerThanTheHeapOnceOnly() throws Exception {
    String url = TestDatabase.freshUrl(TestDatabase.Backend.POSTGRES, tempDir);
    List<String> command =
        List.of("--db", url, "--user", "alice", "import", statement.toAbsolutePath().toString());
    Path first = tempDir.resolve("import-1.out");
    Path second = tempDir.resolve("import-2.out");

    CamtStreamBench.ChildRun firstRun = recon(IMPORT_HEAP_CAP_MB, first, command);
    CamtStreamBench.ChildRun secondRun = recon(IMPORT_HEAP_CAP_MB, second, command);

    assertThat(firstRun.exitCode()).as(tail(first)).isZero();
    assertThat(Files.readString(first))
        .contains(
            "camt053-big.xml: "
                + written[0]
                + " records, "
                + written[0]
                + " added, 0 already stored");
    assertThat(secondRun.exitCode()).as(tail(second)).isZero();
    assertThat(Files.readString(second))
        .contains("camt053-big.xml: already imported as file #")
        .contains("nothing added");
  }

  private static String tail(Path output) throws Exception {
    String text = Files.readString(output, StandardCharsets.UTF_8);
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }
}
