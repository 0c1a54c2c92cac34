package dev.recon.exceptions;

import java.util.List;

/**
 * What a manual match of some items would be, before it is made: each side's sum, the difference
 * (the first item's side minus the others), the tolerance a match may differ by without booking the
 * difference, and what is wrong with the selection, if anything.
 *
 * @param problem why these items cannot be matched at all, or null
 */
public record MatchPreview(
    List<SideSum> sides,
    String currency,
    long differenceMinor,
    long toleranceMinor,
    boolean withinTolerance,
    String problem) {

  public record SideSum(String side, int items, long sumMinor) {}
}
