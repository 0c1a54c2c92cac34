package dev.recon.cli;

import static dev.recon.importing.ImportFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.importing.ImportFixtures;
import dev.recon.persistence.Database;
import dev.recon.persistence.EveryDatabase;
import dev.recon.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * {@code recon audit verify} as an auditor runs it: exit 0 on an intact trail, 1 naming a break.
 */
@EveryDatabase
class CliAuditTest {
  @Parameter TestDatabase.Backend backend;
  @TempDir Path tempDir;
  private String databaseUrl;
  private CliRun cli;

  @BeforeEach
  void importAndMatch() {
    databaseUrl = TestDatabase.freshUrl(backend, tempDir);
    cli = new CliRun(Clock.fixed(Instant.parse("2026-11-12T06:00:00Z"), ZoneOffset.UTC), tempDir);
    String week = sample("bank/statement-2026-11-02_to_06.csv").toString();
    String ledger = sample("ledger/gl-1200-2026-11.csv").toString();
    assertThat(
            cli.run("--db", databaseUrl, "import", "--profile", "bank", "--account", "OPS", week)
                .exitCode())
        .isZero();
    assertThat(
            cli.run(
                    "--db",
                    databaseUrl,
                    "import",
                    "--profile",
                    "ledger",
                    "--account",
                    "OPS",
                    ledger)
                .exitCode())
        .isZero();
    assertThat(cli.run("--db", databaseUrl, "--user", "nightly", "match").exitCode()).isZero();
  }

  @Test
  void anIntactTrailPassesWithItsHead() {
    CliRun.Result result = cli.run("--db", databaseUrl, "audit", "verify");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .matches("audit trail intact: \\d+ event\\(s\\); head #\\d+ [0-9a-f]{64}\\s*");
  }

  @Test
  void anEditedEventFailsTheCheckAndIsNamed() {
    try (Database database = Database.open(databaseUrl)) {
      ImportFixtures.execute(database, "UPDATE audit_log SET detail = 'edited' WHERE seq = 2");
    }

    CliRun.Result result = cli.run("--db", databaseUrl, "audit", "verify");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("AUDIT TRAIL BROKEN: audit event #2 (id ")
        .contains("was edited after it was written")
        .contains("events #1 to #1 verified");
  }
}
