package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;

import dev.recon.facts.Item;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.DSLContext;

/** Read-only queries behind the match report. */
public final class ReportStore {
  private final DSLContext dsl;

  ReportStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One member of an accepted group, with what decided the group. */
  public record GroupMember(
      long groupId,
      String ruleName,
      BigDecimal confidence,
      String ruleSetVersion,
      long differenceMinor,
      long feeTotalMinor,
      Item item) {}

  /** Members of accepted groups, ordered by group, then side, then item id. */
  public List<GroupMember> acceptedGroupMembers() {
    return dsl.select(
            MATCH_GROUP.ID,
            MATCH_GROUP.RULE_NAME,
            MATCH_GROUP.CONFIDENCE,
            MATCH_GROUP.RULE_SET_VERSION,
            MATCH_GROUP.DIFFERENCE_MINOR,
            MATCH_GROUP.FEE_TOTAL_MINOR)
        .select(ITEM.asterisk())
        .select(IMPORTED_FILE.FILE_NAME)
        .from(MATCH_GROUP)
        .join(MATCH_MEMBER)
        .on(MATCH_MEMBER.GROUP_ID.eq(MATCH_GROUP.ID))
        .join(ITEM)
        .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
        .join(IMPORTED_FILE)
        .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
        .where(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
        .orderBy(MATCH_GROUP.ID, ITEM.SIDE, ITEM.ID)
        .fetch(
            r ->
                new GroupMember(
                    r.get(MATCH_GROUP.ID),
                    r.get(MATCH_GROUP.RULE_NAME),
                    r.get(MATCH_GROUP.CONFIDENCE),
                    r.get(MATCH_GROUP.RULE_SET_VERSION),
                    r.get(MATCH_GROUP.DIFFERENCE_MINOR),
                    r.get(MATCH_GROUP.FEE_TOTAL_MINOR),
                    ItemStore.toItem(r)));
  }
}
