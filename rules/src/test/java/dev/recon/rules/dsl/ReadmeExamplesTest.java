package dev.recon.rules.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule shown in the language reference compiles, so the reference cannot drift. */
class ReadmeExamplesTest {
  private static final Pattern BLOCK = Pattern.compile("```\\n(rule \".*?)```", Pattern.DOTALL);

  @Test
  void everyExampleRuleCompiles() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> examples = new ArrayList<>();
    Matcher block = BLOCK.matcher(readme);
    while (block.find()) {
      examples.add(block.group(1));
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
    for (String example : examples) {
      RuleCompiler.Compiled compiled =
          RuleCompiler.compile(
              "dev.recon.rules.compiled.readme",
              List.of(new RuleCompiler.Source("README.md", example)));
      assertThat(compiled.rules()).as(example).hasSize(1);
    }
  }
}
