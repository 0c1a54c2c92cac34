package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;

import dev.recon.facts.Scope;
import dev.recon.facts.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Match runs, the groups they create and the items in each group. */
public final class MatchStore {
  public static final String ACCEPTED = "ACCEPTED";
  public static final String SUGGESTED = "SUGGESTED";

  /** A suggestion a person rejected: runs never propose the same members by the same rule again. */
  public static final String REJECTED = "REJECTED";

  /**
   * An accepted automatic group a person undid (unmatched): its items went back to the queue, and
   * runs never make the same group again.
   */
  public static final String REVERSED = "REVERSED";

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";

  private final DSLContext dsl;

  private final ReconciliationTotals totals;

  MatchStore(DSLContext dsl, ReconciliationTotals totals) {
    this.dsl = dsl;
    this.totals = totals;
  }

  /**
   * A group to store.
   *
   * @param memberKey identifies the rule and member set, so a rerun can recognise its own
   *     suggestions
   */
  public record NewGroup(
      String ruleName,
      String status,
      BigDecimal confidence,
      String currency,
      long differenceMinor,
      long amountDeltaMinor,
      int dayDistance,
      int similarityBp,
      long feeTotalMinor,
      String explanation,
      String memberKey,
      List<Member> members) {}

  public record Member(long itemId, String side) {}

  /** A group's scope, from its members' sides. */
  public static Scope scopeOf(NewGroup group) {
    return Scope.of(group.members().stream().map(m -> Side.valueOf(m.side())).toList());
  }

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
    return insertGroup(runId, ruleSetVersion, group, "rule:" + group.ruleName(), at);
  }

  /** Stores a group a person decided, outside any run and rule set. */
  public long insertManualGroup(String person, NewGroup group, OffsetDateTime at) {
    return insertGroup(null, null, group, person, at);
  }

  private long insertGroup(
      Long runId, String ruleSetVersion, NewGroup group, String decidedBy, OffsetDateTime at) {
    return insertGroups(runId, ruleSetVersion, List.of(group), g -> decidedBy, at).get(0);
  }

  /** Groups per multi-row insert: 16 values each, well under a statement's parameter limit. */
  private static final int GROUPS_PER_INSERT = 500;

  /** Members per multi-row insert (3 values each; PostgreSQL allows 32,767 per statement). */
  private static final int MEMBERS_PER_INSERT = 5_000;

  /**
   * Stores many groups of one run, decided by rules of one rule-set version, with their members, in
   * multi-row inserts (a run stores tens of thousands; one round trip each made storing slower than
   * matching); returns their ids in the order given. Each chunk's ids come back with their member
   * keys, which a run gives no two of its groups, rather than trusting the order a database returns
   * generated keys in.
   */
  public List<Long> insertGroups(
      long runId, String ruleSetVersion, List<NewGroup> groups, OffsetDateTime at) {
    return insertGroups(runId, ruleSetVersion, groups, g -> "rule:" + g.ruleName(), at);
  }

  private List<Long> insertGroups(
      Long runId,
      String ruleSetVersion,
      List<NewGroup> groups,
      java.util.function.Function<NewGroup, String> decidedBy,
      OffsetDateTime at) {
    List<Long> ids = new ArrayList<>(groups.size());
    List<Object[]> members = new ArrayList<>();
    for (int from = 0; from < groups.size(); from += GROUPS_PER_INSERT) {
      List<NewGroup> chunk =
          groups.subList(from, Math.min(groups.size(), from + GROUPS_PER_INSERT));
      var insert =
          dsl.insertInto(
              MATCH_GROUP,
              MATCH_GROUP.RUN_ID,
              MATCH_GROUP.RULE_NAME,
              MATCH_GROUP.RULE_SET_VERSION,
              MATCH_GROUP.STATUS,
              MATCH_GROUP.SCOPE,
              MATCH_GROUP.CONFIDENCE,
              MATCH_GROUP.CURRENCY,
              MATCH_GROUP.DIFFERENCE_MINOR,
              MATCH_GROUP.AMOUNT_DELTA_MINOR,
              MATCH_GROUP.DAY_DISTANCE,
              MATCH_GROUP.SIMILARITY_BP,
              MATCH_GROUP.FEE_TOTAL_MINOR,
              MATCH_GROUP.EXPLANATION,
              MATCH_GROUP.MEMBER_KEY,
              MATCH_GROUP.DECIDED_BY,
              MATCH_GROUP.CREATED_AT);
      for (NewGroup group : chunk) {
        insert =
            insert.values(
                runId,
                group.ruleName(),
                ruleSetVersion,
                group.status(),
                scopeOf(group).name(),
                group.confidence(),
                group.currency(),
                group.differenceMinor(),
                group.amountDeltaMinor(),
                group.dayDistance(),
                group.similarityBp(),
                group.feeTotalMinor(),
                group.explanation(),
                group.memberKey(),
                decidedBy.apply(group),
                at);
      }
      Map<String, Long> idByKey =
          insert
              .returningResult(MATCH_GROUP.MEMBER_KEY, MATCH_GROUP.ID)
              .fetchMap(MATCH_GROUP.MEMBER_KEY, MATCH_GROUP.ID);
      if (idByKey.size() != chunk.size()) {
        throw new IllegalStateException(
            "a run's groups must have distinct member keys; run #" + runId + " repeats one");
      }
      for (NewGroup group : chunk) {
        long groupId = idByKey.get(group.memberKey());
        ids.add(groupId);
        for (Member member : group.members()) {
          members.add(new Object[] {groupId, member.itemId(), member.side()});
        }
        if (ACCEPTED.equals(group.status())) {
          totals.groupAccepted(groupId);
        }
      }
    }
    for (int from = 0; from < members.size(); from += MEMBERS_PER_INSERT) {
      var insert =
          dsl.insertInto(
              MATCH_MEMBER, MATCH_MEMBER.GROUP_ID, MATCH_MEMBER.ITEM_ID, MATCH_MEMBER.SIDE);
      for (Object[] row :
          members.subList(from, Math.min(members.size(), from + MEMBERS_PER_INSERT))) {
        insert = insert.values((Long) row[0], (Long) row[1], (String) row[2]);
      }
      insert.execute();
    }
    return ids;
  }

  /** Whether a group of this status with this rule and member set is already stored. */
  public boolean exists(String memberKey, String status) {
    return dsl.fetchExists(
        MATCH_GROUP, MATCH_GROUP.MEMBER_KEY.eq(memberKey).and(MATCH_GROUP.STATUS.eq(status)));
  }

  /** A rule-set version that matching runs used, with when it was first and last used. */
  public record VersionUse(
      String ruleSetName,
      String version,
      OffsetDateTime firstUsed,
      OffsetDateTime lastUsed,
      int runs,
      int groups) {}

  /** Every rule-set version runs have used, first used first. */
  public List<VersionUse> versionHistory() {
    var first = DSL.min(MATCH_RUN.STARTED_AT);
    return dsl.select(
            MATCH_RUN.RULE_SET_NAME,
            MATCH_RUN.RULE_SET_VERSION,
            first,
            DSL.max(MATCH_RUN.STARTED_AT),
            DSL.count(),
            DSL.sum(DSL.coalesce(MATCH_RUN.GROUPS_CREATED, 0)))
        .from(MATCH_RUN)
        .groupBy(MATCH_RUN.RULE_SET_NAME, MATCH_RUN.RULE_SET_VERSION)
        .orderBy(first, MATCH_RUN.RULE_SET_VERSION)
        .fetch(
            r ->
                new VersionUse(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6() == null ? 0 : r.value6().intValue()));
  }

  /** How many groups with this status exist. */
  public int countGroups(String status) {
    return dsl.fetchCount(MATCH_GROUP, MATCH_GROUP.STATUS.eq(status));
  }

  /** The member keys of every group a person rejected or undid: runs do not make them again. */
  public java.util.Set<String> refusedKeys() {
    return new java.util.HashSet<>(
        dsl.selectDistinct(MATCH_GROUP.MEMBER_KEY)
            .from(MATCH_GROUP)
            .where(MATCH_GROUP.STATUS.in(REJECTED, REVERSED))
            .and(MATCH_GROUP.MEMBER_KEY.isNotNull())
            .fetch(MATCH_GROUP.MEMBER_KEY));
  }

  /** Whether a person refused this rule's group of these members (rejected or undid it). */
  public boolean refused(String memberKey) {
    return dsl.fetchExists(
        MATCH_GROUP,
        MATCH_GROUP.MEMBER_KEY.eq(memberKey).and(MATCH_GROUP.STATUS.in(REJECTED, REVERSED)));
  }

  /** The id of a stored group with this member key and status, if there is one. */
  public Optional<Long> findId(String memberKey, String status) {
    return dsl.select(DSL.min(MATCH_GROUP.ID))
        .from(MATCH_GROUP)
        .where(MATCH_GROUP.MEMBER_KEY.eq(memberKey))
        .and(MATCH_GROUP.STATUS.eq(status))
        .fetchOptional(0, Long.class);
  }

  /** A stored group with its members' item ids (in id order). */
  public record StoredGroup(
      long id,
      Long runId,
      String ruleName,
      String ruleSetVersion,
      String status,
      Scope scope,
      String currency,
      BigDecimal confidence,
      long differenceMinor,
      long amountDeltaMinor,
      long feeTotalMinor,
      String explanation,
      String memberKey,
      String decidedBy,
      OffsetDateTime createdAt,
      List<Long> itemIds) {
    /** Whether a rule decided it (not a person accepting a suggestion or matching by hand). */
    public boolean automatic() {
      return runId != null && decidedBy != null && decidedBy.startsWith("rule:");
    }
  }

  public Optional<StoredGroup> group(long groupId) {
    return dsl.selectFrom(MATCH_GROUP)
        .where(MATCH_GROUP.ID.eq(groupId))
        .fetchOptional()
        .map(this::toStored);
  }

  /** Accepted groups that hold gateway fees (settled payouts), in id order. */
  public List<StoredGroup> acceptedWithFees() {
    return dsl.selectFrom(MATCH_GROUP)
        .where(MATCH_GROUP.STATUS.eq(ACCEPTED))
        .and(MATCH_GROUP.FEE_TOTAL_MINOR.ne(0L))
        .orderBy(MATCH_GROUP.ID)
        .fetch()
        .map(this::toStored);
  }

  /** Accepted groups whose sides differ (a tolerated or booked difference), in id order. */
  public List<StoredGroup> acceptedWithDifference() {
    return dsl.selectFrom(MATCH_GROUP)
        .where(MATCH_GROUP.STATUS.eq(ACCEPTED))
        .and(MATCH_GROUP.DIFFERENCE_MINOR.ne(0L))
        .orderBy(MATCH_GROUP.ID)
        .fetch()
        .map(this::toStored);
  }

  /** Changes a group's status: a suggestion accepted or rejected, an accepted group undone. */
  public void setStatus(long groupId, String status, String decidedBy) {
    String before =
        dsl.select(MATCH_GROUP.STATUS)
            .from(MATCH_GROUP)
            .where(MATCH_GROUP.ID.eq(groupId))
            .fetchOptional(MATCH_GROUP.STATUS)
            .orElse(null);
    // The dashboard's kept totals follow a group into and out of the accepted state.
    if (!ACCEPTED.equals(before) && ACCEPTED.equals(status)) {
      totals.groupAccepted(groupId);
    } else if (ACCEPTED.equals(before) && !ACCEPTED.equals(status)) {
      totals.groupWithdrawn(groupId);
    }
    dsl.update(MATCH_GROUP)
        .set(MATCH_GROUP.STATUS, status)
        .set(MATCH_GROUP.DECIDED_BY, decidedBy)
        .where(MATCH_GROUP.ID.eq(groupId))
        .execute();
  }

  /** Groups of a status that hold any of these items, in id order. */
  public List<StoredGroup> groupsHolding(java.util.Collection<Long> itemIds, String status) {
    return dsl.selectFrom(MATCH_GROUP)
        .where(MATCH_GROUP.STATUS.eq(status))
        .and(
            MATCH_GROUP.ID.in(
                DSL.select(MATCH_MEMBER.GROUP_ID)
                    .from(MATCH_MEMBER)
                    .where(MATCH_MEMBER.ITEM_ID.in(itemIds))))
        .orderBy(MATCH_GROUP.ID)
        .fetch()
        .map(this::toStored);
  }

  private StoredGroup toStored(Record r) {
    long id = r.get(MATCH_GROUP.ID);
    List<Long> members =
        dsl.select(MATCH_MEMBER.ITEM_ID)
            .from(MATCH_MEMBER)
            .where(MATCH_MEMBER.GROUP_ID.eq(id))
            .orderBy(MATCH_MEMBER.ITEM_ID)
            .fetch(MATCH_MEMBER.ITEM_ID);
    return new StoredGroup(
        id,
        r.get(MATCH_GROUP.RUN_ID),
        r.get(MATCH_GROUP.RULE_NAME),
        r.get(MATCH_GROUP.RULE_SET_VERSION),
        r.get(MATCH_GROUP.STATUS),
        Scope.valueOf(r.get(MATCH_GROUP.SCOPE)),
        r.get(MATCH_GROUP.CURRENCY),
        r.get(MATCH_GROUP.CONFIDENCE),
        r.get(MATCH_GROUP.DIFFERENCE_MINOR),
        r.get(MATCH_GROUP.AMOUNT_DELTA_MINOR),
        r.get(MATCH_GROUP.FEE_TOTAL_MINOR),
        r.get(MATCH_GROUP.EXPLANATION),
        r.get(MATCH_GROUP.MEMBER_KEY),
        r.get(MATCH_GROUP.DECIDED_BY),
        r.get(MATCH_GROUP.CREATED_AT),
        members);
  }
}
