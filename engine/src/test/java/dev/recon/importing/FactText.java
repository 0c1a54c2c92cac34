package dev.recon.importing;

import dev.recon.facts.Fact;

/** A fact in one line, for tests that compare what a statement reader produced. */
final class FactText {
  private FactText() {}

  static String of(Fact f) {
    return f.account()
        + " "
        + f.amount()
        + " "
        + f.bookingDate()
        + " ref="
        + f.reference()
        + " cp="
        + f.counterparty()
        + " @"
        + f.origin().line();
  }
}
