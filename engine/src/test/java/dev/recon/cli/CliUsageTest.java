package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliUsageTest {
  @TempDir Path tempDir;

  private CliRun.Result run(String... args) {
    return new CliRun(Clock.fixed(Instant.parse("2026-11-12T08:30:00Z"), ZoneOffset.UTC), tempDir)
        .run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"import", "parse", "match", "report", "demo"})
  void everySubcommandExplainsItselfWithHelp(String subcommand) {
    CliRun.Result help = run(subcommand, "--help");
    CliRun.Result viaHelpCommand = run("help", subcommand);

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: recon " + subcommand).contains("--help");
    assertThat(help.err()).isEmpty();
    assertThat(viaHelpCommand.exitCode()).isZero();
    assertThat(viaHelpCommand.out()).isEqualTo(help.out());
    assertNoDatabaseWasCreated();
  }

  @Test
  void theTopLevelHelpListsEverySubcommand() {
    CliRun.Result help = run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .startsWith("Usage: recon")
        .contains("import", "parse", "match", "report", "demo", "--db", "--user");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "import --profile bank", // no file
        "import --profile bank --no-such-option statement.csv",
        "report", // --out is required
        "report --out r.csv --as-of 2026-13-45",
        "imprt statement.csv",
        "parse --profile bank a.csv b.csv"
      })
  void aMistakeInTheCommandLineExitsWithTwoAndSaysWhatIsWrong(String commandLine) {
    CliRun.Result result = run(commandLine.split(" "));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .containsAnyOf("Usage: recon", "Did you mean")
        .as("no stack trace")
        .doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
    assertNoDatabaseWasCreated();
  }

  @Test
  void noSubcommandAtAllIsAUsageError() {
    CliRun.Result result = run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Usage: recon").doesNotContain("\tat ");
  }

  @Test
  void theVersionIsPrinted() {
    CliRun.Result result = run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("recon ");
  }

  private void assertNoDatabaseWasCreated() {
    assertThat(Files.exists(tempDir.resolve("env-default-db"))).isFalse();
  }
}
