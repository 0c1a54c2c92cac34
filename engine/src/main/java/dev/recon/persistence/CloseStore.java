package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.CLOSE_FILE;
import static dev.recon.db.jooq.Tables.CLOSE_RUN;
import static dev.recon.db.jooq.Tables.CLOSE_STEP;
import static dev.recon.db.jooq.Tables.PERIOD_LOCK;

import dev.recon.db.jooq.tables.records.CloseRunRecord;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;

/** Close runs, the steps and inbox files each finished, and the closed (locked) dates. */
public final class CloseStore {
  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  public static final String REOPENED = "REOPENED";

  private final DSLContext dsl;

  CloseStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A stored close run. {@code pid} and {@code host} name the last process that worked on it. */
  public record CloseRunRow(
      long id,
      LocalDate date,
      String status,
      String startedBy,
      OffsetDateTime startedAt,
      OffsetDateTime resumedAt,
      OffsetDateTime finishedAt,
      int attempts,
      long pid,
      String host,
      Long matchRunId) {

    /** When the process now working on it began: its start, or its latest resumption. */
    public OffsetDateTime activeSince() {
      return resumedAt != null ? resumedAt : startedAt;
    }
  }

  /** The process a close runs in, as recorded for whoever finds the date busy. */
  public record Process(long pid, String host) {}

  private static CloseRunRow row(CloseRunRecord r) {
    return new CloseRunRow(
        r.getId(),
        r.getBusinessDate(),
        r.getStatus(),
        r.getStartedBy(),
        r.getStartedAt(),
        r.getResumedAt(),
        r.getFinishedAt(),
        r.getAttempts(),
        r.getPid(),
        r.getHost(),
        r.getMatchRunId());
  }

  /** The newest close run of the date, if any. */
  public Optional<CloseRunRow> latest(LocalDate date) {
    return dsl.selectFrom(CLOSE_RUN)
        .where(CLOSE_RUN.BUSINESS_DATE.eq(date))
        .orderBy(CLOSE_RUN.ID.desc())
        .limit(1)
        .fetchOptional(CloseStore::row);
  }

  public CloseRunRow byId(long closeRunId) {
    return dsl.selectFrom(CLOSE_RUN)
        .where(CLOSE_RUN.ID.eq(closeRunId))
        .fetchSingle(CloseStore::row);
  }

  /** The close run that finished last, whatever its date. */
  public Optional<CloseRunRow> lastFinished() {
    return dsl.selectFrom(CLOSE_RUN)
        .where(CLOSE_RUN.FINISHED_AT.isNotNull())
        .orderBy(CLOSE_RUN.FINISHED_AT.desc(), CLOSE_RUN.ID.desc())
        .limit(1)
        .fetchOptional(CloseStore::row);
  }

  /** How many close runs there are in each status. */
  public Map<String, Integer> countByStatus() {
    Map<String, Integer> counts = new TreeMap<>();
    dsl.select(CLOSE_RUN.STATUS, org.jooq.impl.DSL.count())
        .from(CLOSE_RUN)
        .groupBy(CLOSE_RUN.STATUS)
        .forEach(r -> counts.put(r.value1(), r.value2()));
    return counts;
  }

  public long start(LocalDate date, String actor, OffsetDateTime at, Process process) {
    return dsl.insertInto(CLOSE_RUN)
        .set(CLOSE_RUN.BUSINESS_DATE, date)
        .set(CLOSE_RUN.STATUS, RUNNING)
        .set(CLOSE_RUN.STARTED_BY, actor)
        .set(CLOSE_RUN.STARTED_AT, at)
        .set(CLOSE_RUN.ATTEMPTS, 1)
        .set(CLOSE_RUN.PID, process.pid())
        .set(CLOSE_RUN.HOST, process.host())
        .returning(CLOSE_RUN.ID)
        .fetchOne()
        .getId();
  }

  /** Records that another process took over a run whose process died. */
  public void resume(long closeRunId, OffsetDateTime at, Process process) {
    dsl.update(CLOSE_RUN)
        .set(CLOSE_RUN.RESUMED_AT, at)
        .set(CLOSE_RUN.ATTEMPTS, CLOSE_RUN.ATTEMPTS.plus(1))
        .set(CLOSE_RUN.PID, process.pid())
        .set(CLOSE_RUN.HOST, process.host())
        .where(CLOSE_RUN.ID.eq(closeRunId))
        .execute();
  }

  public void recordMatchRun(long closeRunId, long matchRunId) {
    dsl.update(CLOSE_RUN)
        .set(CLOSE_RUN.MATCH_RUN_ID, matchRunId)
        .where(CLOSE_RUN.ID.eq(closeRunId))
        .execute();
  }

  public void finish(long closeRunId, OffsetDateTime at) {
    dsl.update(CLOSE_RUN)
        .set(CLOSE_RUN.STATUS, DONE)
        .set(CLOSE_RUN.FINISHED_AT, at)
        .where(CLOSE_RUN.ID.eq(closeRunId))
        .execute();
  }

  /** A finished step of a close run. */
  public record Step(
      String name, OffsetDateTime startedAt, OffsetDateTime finishedAt, String detail) {}

  public void recordStep(long closeRunId, Step step) {
    dsl.insertInto(CLOSE_STEP)
        .set(CLOSE_STEP.CLOSE_RUN_ID, closeRunId)
        .set(CLOSE_STEP.STEP, step.name())
        .set(CLOSE_STEP.STARTED_AT, step.startedAt())
        .set(CLOSE_STEP.FINISHED_AT, step.finishedAt())
        .set(CLOSE_STEP.DETAIL, step.detail())
        .execute();
  }

  /** The steps the run finished, in the order they finished. */
  public List<Step> steps(long closeRunId) {
    return dsl.selectFrom(CLOSE_STEP)
        .where(CLOSE_STEP.CLOSE_RUN_ID.eq(closeRunId))
        .orderBy(CLOSE_STEP.FINISHED_AT, CLOSE_STEP.STEP)
        .fetch(r -> new Step(r.getStep(), r.getStartedAt(), r.getFinishedAt(), r.getDetail()));
  }

  /** What a close run did with an inbox file. */
  public record InboxFile(
      String path, String sha256, String outcome, Long importedFileId, String reason) {}

  public void recordFile(long closeRunId, InboxFile file) {
    dsl.insertInto(CLOSE_FILE)
        .set(CLOSE_FILE.CLOSE_RUN_ID, closeRunId)
        .set(CLOSE_FILE.PATH, file.path())
        .set(CLOSE_FILE.CONTENT_SHA256, file.sha256())
        .set(CLOSE_FILE.OUTCOME, file.outcome())
        .set(CLOSE_FILE.IMPORTED_FILE_ID, file.importedFileId())
        .set(
            CLOSE_FILE.REASON,
            file.reason() == null || file.reason().length() <= 4000
                ? file.reason()
                : file.reason().substring(0, 4000))
        .execute();
  }

  /** The file the run already dealt with at this inbox path, with these bytes. */
  public Optional<InboxFile> file(long closeRunId, String path, String sha256) {
    return dsl.selectFrom(CLOSE_FILE)
        .where(CLOSE_FILE.CLOSE_RUN_ID.eq(closeRunId))
        .and(CLOSE_FILE.PATH.eq(path))
        .and(CLOSE_FILE.CONTENT_SHA256.eq(sha256))
        .fetchOptional(
            r ->
                new InboxFile(
                    r.getPath(),
                    r.getContentSha256(),
                    r.getOutcome(),
                    r.getImportedFileId(),
                    r.getReason()));
  }

  public List<InboxFile> files(long closeRunId) {
    return dsl.selectFrom(CLOSE_FILE)
        .where(CLOSE_FILE.CLOSE_RUN_ID.eq(closeRunId))
        .orderBy(CLOSE_FILE.PATH)
        .fetch(
            r ->
                new InboxFile(
                    r.getPath(),
                    r.getContentSha256(),
                    r.getOutcome(),
                    r.getImportedFileId(),
                    r.getReason()));
  }

  public void lockPeriod(LocalDate date, long closeRunId, OffsetDateTime at) {
    dsl.insertInto(PERIOD_LOCK)
        .set(PERIOD_LOCK.BUSINESS_DATE, date)
        .set(PERIOD_LOCK.CLOSE_RUN_ID, closeRunId)
        .set(PERIOD_LOCK.LOCKED_AT, at)
        .execute();
  }

  /** Reopens a closed date: deletes its lock and marks its close run reopened. */
  public boolean reopen(LocalDate date) {
    int deleted = dsl.deleteFrom(PERIOD_LOCK).where(PERIOD_LOCK.BUSINESS_DATE.eq(date)).execute();
    dsl.update(CLOSE_RUN)
        .set(CLOSE_RUN.STATUS, REOPENED)
        .where(CLOSE_RUN.BUSINESS_DATE.eq(date))
        .and(CLOSE_RUN.STATUS.eq(DONE))
        .execute();
    return deleted > 0;
  }

  /** A closed date and the close run that closed it. */
  public record LockedDate(LocalDate date, long closeRunId, OffsetDateTime lockedAt) {}

  public boolean isLocked(LocalDate date) {
    return dsl.fetchExists(PERIOD_LOCK, PERIOD_LOCK.BUSINESS_DATE.eq(date));
  }

  /** Which of these dates are closed. */
  public Map<LocalDate, LockedDate> lockedAmong(Collection<LocalDate> dates) {
    Map<LocalDate, LockedDate> locked = new TreeMap<>();
    if (dates.isEmpty()) {
      return locked;
    }
    Set<LocalDate> distinct = new java.util.TreeSet<>(dates);
    dsl.selectFrom(PERIOD_LOCK)
        .where(PERIOD_LOCK.BUSINESS_DATE.in(distinct))
        .forEach(
            r ->
                locked.put(
                    r.getBusinessDate(),
                    new LockedDate(r.getBusinessDate(), r.getCloseRunId(), r.getLockedAt())));
    return locked;
  }
}
