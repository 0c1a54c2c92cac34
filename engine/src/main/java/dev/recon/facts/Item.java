package dev.recon.facts;

/**
 * A fact as stored: its database id and its natural key. The natural key (content fingerprint and
 * occurrence) does not depend on import order, so ties broken by it give the same matches whatever
 * order files and rows arrived in; the id does not have that property.
 */
public record Item(long id, String naturalKey, Fact fact) {}
