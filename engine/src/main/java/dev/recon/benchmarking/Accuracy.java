package dev.recon.benchmarking;

import dev.recon.benchmarking.SyntheticData.Kind;
import dev.recon.benchmarking.SyntheticData.TruthGroup;
import dev.recon.facts.Item;
import dev.recon.matching.MatchOutcome;
import dev.recon.matching.ProposedGroup;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Matching results scored against the ground truth. A found group is correct when its members'
 * contents equal a true group's (identical rows are interchangeable, so {@code fee#1} may pair with
 * either ledger copy). Precision is over auto-accepted groups; recall is per kind, both for
 * accepted groups and for accepted-or-suggested ones.
 *
 * @param perKind per kind: [true groups, found and accepted, found accepted or suggested]
 */
public record Accuracy(
    int acceptedGroups,
    int acceptedCorrect,
    Map<Kind, int[]> perKind,
    int wrongAcceptsAmongCollisions) {

  public static Accuracy score(List<TruthGroup> truth, MatchOutcome outcome) {
    Map<List<String>, Kind> truthByContent = new HashMap<>();
    Map<String, Kind> kindOfContent = new HashMap<>();
    Map<Kind, int[]> perKind = new EnumMap<>(Kind.class);
    for (TruthGroup group : truth) {
      truthByContent.put(contents(group.naturalKeys().stream()), group.kind());
      group.naturalKeys().forEach(key -> kindOfContent.put(Item.contentKeyOf(key), group.kind()));
      perKind.computeIfAbsent(group.kind(), k -> new int[3])[0]++;
    }
    int accepted = 0;
    int correct = 0;
    int wrongCollisions = 0;
    for (ProposedGroup group : outcome.groups()) {
      List<String> members = contents(group.items().stream().map(Item::naturalKey));
      Kind kind = truthByContent.get(members);
      if (group.accepted()) {
        accepted++;
        if (kind != null) {
          correct++;
          perKind.get(kind)[1]++;
        } else if (members.stream().anyMatch(key -> kindOfContent.get(key) == Kind.COLLISION)) {
          wrongCollisions++;
        }
      }
      if (kind != null) {
        perKind.get(kind)[2]++;
      }
    }
    return new Accuracy(accepted, correct, perKind, wrongCollisions);
  }

  public double precisionPercent() {
    return acceptedGroups == 0 ? 100.0 : 100.0 * acceptedCorrect / acceptedGroups;
  }

  private static List<String> contents(Stream<String> naturalKeys) {
    return naturalKeys.map(Item::contentKeyOf).sorted().toList();
  }
}
