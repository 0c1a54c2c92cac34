package dev.recon.facts;

/**
 * A fact as stored: its database id and its natural key. The natural key (content fingerprint and
 * occurrence) does not depend on import order, so ties broken by it give the same matches whatever
 * order files and rows arrived in; the id does not have that property.
 */
public record Item(long id, String naturalKey, Fact fact) {

  /**
   * A natural key without its occurrence number: equal for rows of identical content, which any
   * pairing may treat as interchangeable.
   */
  public static String contentKeyOf(String naturalKey) {
    int hash = naturalKey.lastIndexOf('#');
    return hash < 0 ? naturalKey : naturalKey.substring(0, hash);
  }
}
