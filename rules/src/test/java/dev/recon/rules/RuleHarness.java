package dev.recon.rules;

import dev.recon.rules.dsl.RuleCompiler;
import java.util.List;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.utils.KieHelper;

/** Runs compiled rules in a real Drools session, as the engine does, for the rules' own tests. */
public final class RuleHarness {
  private RuleHarness() {}

  /** The candidates the rules propose for the items (with their group keys inserted). */
  public static List<MatchCandidate> fire(RuleCompiler.Compiled compiled, MatchItem... items) {
    KieBase base =
        new KieHelper()
            .addContent(compiled.drl(), ResourceType.DRL)
            .build(ExecutableModelProject.class);
    KieSession session = base.newKieSession();
    try {
      CandidateSink sink = new CandidateSink();
      session.setGlobal("candidates", sink);
      for (MatchItem item : items) {
        session.insert(item);
      }
      GroupKey.of(List.of(items), compiled.groupSpecs()).forEach(session::insert);
      session.fireAllRules();
      return sink.candidates();
    } finally {
      session.dispose();
    }
  }
}
