package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.AUDIT_LOG;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/** The append-only audit log: this class inserts and counts, and has no way to change a row. */
public final class AuditStore {
  private final DSLContext dsl;

  AuditStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * One recorded decision or change.
   *
   * @param actor the person, or {@code rule:NAME} for an automatic decision
   * @param ruleSetVersion the rule set in force, for decisions made by rules
   */
  public record Entry(
      OffsetDateTime at,
      String actor,
      String action,
      String entityType,
      Long entityId,
      String ruleSetVersion,
      String detail) {}

  public void append(Entry entry) {
    dsl.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.AT, entry.at())
        .set(AUDIT_LOG.ACTOR, entry.actor())
        .set(AUDIT_LOG.ACTION, entry.action())
        .set(AUDIT_LOG.ENTITY_TYPE, entry.entityType())
        .set(AUDIT_LOG.ENTITY_ID, entry.entityId())
        .set(AUDIT_LOG.RULE_SET_VERSION, entry.ruleSetVersion())
        .set(AUDIT_LOG.DETAIL, entry.detail())
        .execute();
  }

  public int count(String action) {
    return dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action));
  }
}
