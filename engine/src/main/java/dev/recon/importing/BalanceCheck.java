package dev.recon.importing;

/**
 * A statement's opening and closing balances against its booked entries; {@code agrees} is false
 * for a break (entries missing, or the file altered).
 */
public record BalanceCheck(
    String account,
    String currency,
    String statementId,
    int line,
    java.time.LocalDate openingDate,
    long openingMinor,
    long movementsMinor,
    java.time.LocalDate closingDate,
    long closingMinor) {
  public boolean agrees() {
    return openingMinor + movementsMinor == closingMinor;
  }

  public long breakMinor() {
    return closingMinor - openingMinor - movementsMinor;
  }
}
