package dev.recon.matching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.SequentialOption;

/**
 * Compiles rule sets to Drools knowledge bases with the executable model, once per version: the
 * first build in a JVM takes seconds, and a {@link KieBase} is thread-safe to share.
 */
final class RuleBase {
  private static final Map<String, KieBase> BY_VERSION = new ConcurrentHashMap<>();
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);

  private RuleBase() {}

  /** The matching rules of a rule set. */
  static KieBase of(RuleSet ruleSet) {
    return BY_VERSION.computeIfAbsent(
        ruleSet.version(), version -> build(ruleSet, ruleSet.matchingFiles(), "match"));
  }

  /** The near-miss rules of a rule set, or null when it has none. */
  static KieBase whyOf(RuleSet ruleSet) {
    if (ruleSet.whyFiles().isEmpty()) {
      return null;
    }
    return BY_VERSION.computeIfAbsent(
        ruleSet.version() + "-why", version -> build(ruleSet, ruleSet.whyFiles(), "why"));
  }

  private static KieBase build(RuleSet ruleSet, List<RuleSet.RuleFile> ruleFiles, String part) {
    KieServices services = KieServices.Factory.get();
    ReleaseId releaseId =
        services.newReleaseId(
            "dev.recon.rulesets", ruleSet.name() + "-" + part, "0-" + ruleSet.shortVersion());
    KieFileSystem files = services.newKieFileSystem().generateAndWritePomXML(releaseId);
    for (RuleSet.RuleFile file : ruleFiles) {
      files.write("src/main/resources/" + packageFolder(file.text()) + file.name(), file.text());
    }
    KieBuilder builder = services.newKieBuilder(files).buildAll(ExecutableModelProject.class);
    List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      StringBuilder text = new StringBuilder("rule set " + ruleSet.name() + " does not compile:");
      for (Message error : errors) {
        text.append("\n  ").append(error.getPath()).append(": ").append(error.getText());
      }
      throw new IllegalArgumentException(text.toString());
    }
    KieBaseConfiguration configuration = services.newKieBaseConfiguration();
    // Rules only read facts and emit candidates, so one sequential pass is enough.
    configuration.setOption(SequentialOption.YES);
    return services.newKieContainer(releaseId).newKieBase(configuration);
  }

  /** Drools expects a rule file in the folder of its package, e.g. dev/recon/rules/standard/. */
  private static String packageFolder(String drl) {
    Matcher declaration = PACKAGE.matcher(drl);
    return declaration.find() ? declaration.group(1).replace('.', '/') + "/" : "";
  }
}
