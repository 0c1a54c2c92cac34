package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/** Match runs, the groups they create and the items in each group. */
public final class MatchStore {
  public static final String ACCEPTED = "ACCEPTED";
  public static final String SUGGESTED = "SUGGESTED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";

  private final DSLContext dsl;

  MatchStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  public record NewGroup(
      String ruleName,
      String status,
      BigDecimal confidence,
      String currency,
      long differenceMinor,
      List<Member> members) {}

  public record Member(long itemId, String side) {}

  public long startRun(String ruleSetName, String ruleSetVersion, String actor, OffsetDateTime at) {
    return dsl.insertInto(MATCH_RUN)
        .set(MATCH_RUN.RULE_SET_NAME, ruleSetName)
        .set(MATCH_RUN.RULE_SET_VERSION, ruleSetVersion)
        .set(MATCH_RUN.STATUS, RUNNING)
        .set(MATCH_RUN.STARTED_BY, actor)
        .set(MATCH_RUN.STARTED_AT, at)
        .returning(MATCH_RUN.ID)
        .fetchOne()
        .getId();
  }

  public void finishRun(long runId, int itemsConsidered, int groupsCreated, OffsetDateTime at) {
    dsl.update(MATCH_RUN)
        .set(MATCH_RUN.STATUS, COMPLETED)
        .set(MATCH_RUN.ITEMS_CONSIDERED, itemsConsidered)
        .set(MATCH_RUN.GROUPS_CREATED, groupsCreated)
        .set(MATCH_RUN.FINISHED_AT, at)
        .where(MATCH_RUN.ID.eq(runId))
        .execute();
  }

  /** Stores a group decided by a rule of a rule set, with its members. */
  public long insertGroup(long runId, String ruleSetVersion, NewGroup group, OffsetDateTime at) {
    long groupId =
        dsl.insertInto(MATCH_GROUP)
            .set(MATCH_GROUP.RUN_ID, runId)
            .set(MATCH_GROUP.RULE_NAME, group.ruleName())
            .set(MATCH_GROUP.RULE_SET_VERSION, ruleSetVersion)
            .set(MATCH_GROUP.STATUS, group.status())
            .set(MATCH_GROUP.CONFIDENCE, group.confidence())
            .set(MATCH_GROUP.CURRENCY, group.currency())
            .set(MATCH_GROUP.DIFFERENCE_MINOR, group.differenceMinor())
            .set(MATCH_GROUP.DECIDED_BY, "rule:" + group.ruleName())
            .set(MATCH_GROUP.CREATED_AT, at)
            .returning(MATCH_GROUP.ID)
            .fetchOne()
            .getId();
    var insert =
        dsl.insertInto(
            MATCH_MEMBER, MATCH_MEMBER.GROUP_ID, MATCH_MEMBER.ITEM_ID, MATCH_MEMBER.SIDE);
    for (Member member : group.members()) {
      insert = insert.values(groupId, member.itemId(), member.side());
    }
    insert.execute();
    return groupId;
  }

  /** How many groups with this status exist. */
  public int countGroups(String status) {
    return dsl.fetchCount(MATCH_GROUP, MATCH_GROUP.STATUS.eq(status));
  }
}
