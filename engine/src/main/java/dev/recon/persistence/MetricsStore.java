package dev.recon.persistence;

import static dev.recon.db.jooq.Tables.EXCEPTION_ITEM;
import static dev.recon.db.jooq.Tables.IMPORTED_FILE;
import static dev.recon.db.jooq.Tables.ITEM;
import static dev.recon.db.jooq.Tables.MATCH_GROUP;
import static dev.recon.db.jooq.Tables.MATCH_MEMBER;
import static dev.recon.db.jooq.Tables.MATCH_RUN;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The figures an operator watches (served as Prometheus metrics): open exceptions by age, the last
 * match run's length, and how long items waited between their import and their match. Each is one
 * grouped query whose result has a row per date or file, never per item.
 */
public final class MetricsStore {
  private final DSLContext dsl;

  MetricsStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Open exceptions by age on a date: days since their item was booked (since the exception was
   * opened, for one about a whole statement).
   */
  public Map<OverviewStore.AgeBucket, Long> openExceptionsByAge(LocalDate asOf) {
    Map<OverviewStore.AgeBucket, Long> counts = new EnumMap<>(OverviewStore.AgeBucket.class);
    for (OverviewStore.AgeBucket bucket : OverviewStore.AgeBucket.values()) {
      counts.put(bucket, 0L);
    }
    Field<LocalDate> since =
        DSL.coalesce(ITEM.BOOKING_DATE, EXCEPTION_ITEM.OPENED_AT.cast(SQLDataType.LOCALDATE));
    dsl.select(since, DSL.count())
        .from(EXCEPTION_ITEM)
        .leftJoin(ITEM)
        .on(ITEM.ID.eq(EXCEPTION_ITEM.ITEM_ID))
        .where(EXCEPTION_ITEM.STATUS.eq(ExceptionStore.OPEN))
        .groupBy(since)
        .forEach(
            r ->
                counts.merge(
                    OverviewStore.AgeBucket.of(
                        Math.max(0, ChronoUnit.DAYS.between(r.value1(), asOf))),
                    (long) r.value2(),
                    Long::sum));
    return counts;
  }

  /** The newest finished match run: its id and how long it took. */
  public record LastRun(long id, Duration took) {}

  public Optional<LastRun> lastMatchRun() {
    return dsl.select(MATCH_RUN.ID, MATCH_RUN.STARTED_AT, MATCH_RUN.FINISHED_AT)
        .from(MATCH_RUN)
        .where(MATCH_RUN.FINISHED_AT.isNotNull())
        .orderBy(MATCH_RUN.ID.desc())
        .limit(1)
        .fetchOptional(r -> new LastRun(r.value1(), Duration.between(r.value2(), r.value3())));
  }

  /** How long the items a run matched had waited since their file was imported. */
  public record ImportToMatch(long items, Duration mean, Duration max) {}

  /** For the items the run's accepted groups hold. */
  public ImportToMatch importToMatch(long runId) {
    long items = 0;
    long totalSeconds = 0;
    long maxSeconds = 0;
    for (var r :
        dsl.select(IMPORTED_FILE.IMPORTED_AT, MATCH_GROUP.CREATED_AT, DSL.count())
            .from(MATCH_MEMBER)
            .join(MATCH_GROUP)
            .on(MATCH_GROUP.ID.eq(MATCH_MEMBER.GROUP_ID))
            .join(ITEM)
            .on(ITEM.ID.eq(MATCH_MEMBER.ITEM_ID))
            .join(IMPORTED_FILE)
            .on(IMPORTED_FILE.ID.eq(ITEM.FILE_ID))
            .where(MATCH_GROUP.RUN_ID.eq(runId))
            .and(MATCH_GROUP.STATUS.eq(MatchStore.ACCEPTED))
            .groupBy(IMPORTED_FILE.IMPORTED_AT, MATCH_GROUP.CREATED_AT)) {
      OffsetDateTime imported = r.value1();
      long seconds = Math.max(0, Duration.between(imported, r.value2()).toSeconds());
      items += r.value3();
      totalSeconds += seconds * r.value3();
      maxSeconds = Math.max(maxSeconds, seconds);
    }
    return new ImportToMatch(
        items,
        Duration.ofSeconds(items == 0 ? 0 : totalSeconds / items),
        Duration.ofSeconds(maxSeconds));
  }

  /** The newest migration applied to the schema (Flyway's history), e.g. "31". */
  public String migrationVersion() {
    return dsl
        .resultQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")
        .fetch(r -> r.get(0, String.class))
        .stream()
        .filter(v -> v != null)
        .max(java.util.Comparator.comparing(MetricsStore::versionKey))
        .orElse("none");
  }

  private static String versionKey(String version) {
    // Numeric order on the first component ("31" after "5"), as Flyway orders versions.
    String[] parts = version.split("\\.");
    return String.format(java.util.Locale.ROOT, "%010d", Long.parseLong(parts[0])) + version;
  }
}
