package dev.recon.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small functions rule files call on groups of items. */
public final class MatchItems {
  private MatchItems() {}

  /** Exact sum of the items' amounts in minor units; overflow is an error, never a wrap. */
  public static long sumMinor(Collection<?> items) {
    long sum = 0;
    for (Object item : items) {
      sum = Math.addExact(sum, ((MatchItem) item).getAmountMinor());
    }
    return sum;
  }

  public static List<MatchItem> with(MatchItem first, Collection<?> rest) {
    List<MatchItem> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    for (Object item : rest) {
      all.add((MatchItem) item);
    }
    return all;
  }
}
