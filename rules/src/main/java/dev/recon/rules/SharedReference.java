package dev.recon.rules;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A reference that two or more bank lines of one account and currency carry (instalments of one
 * invoice): inserted once per such reference so that the keyed one-to-many rule runs only where it
 * can apply, not once per ledger line.
 */
public record SharedReference(String blockKey, String reference) {
  public String getBlockKey() {
    return blockKey;
  }

  public String getReference() {
    return reference;
  }

  /** The references carried by at least two bank lines of the same block, in first-seen order. */
  public static Set<SharedReference> of(Iterable<MatchItem> items) {
    Map<SharedReference, Integer> lines = new HashMap<>();
    Set<SharedReference> shared = new LinkedHashSet<>();
    for (MatchItem item : items) {
      if ("BANK".equals(item.getSide()) && item.getReference() != null) {
        SharedReference key = new SharedReference(item.getBlockKey(), item.getReference());
        if (lines.merge(key, 1, Integer::sum) == 2) {
          shared.add(key);
        }
      }
    }
    return shared;
  }
}
