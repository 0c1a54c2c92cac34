package dev.recon.closing;

import dev.recon.importing.BadInput;
import dev.recon.importing.FileParser;
import dev.recon.importing.ImportResult;
import dev.recon.importing.Importer;
import dev.recon.importing.InputFile;
import dev.recon.importing.ProfileDetection;
import dev.recon.matching.MatchRunner;
import dev.recon.matching.RuleSet;
import dev.recon.persistence.AuditStore;
import dev.recon.persistence.CloseLock;
import dev.recon.persistence.CloseStore;
import dev.recon.persistence.CloseStore.CloseRunRow;
import dev.recon.persistence.Database;
import dev.recon.reporting.ReportScope;
import dev.recon.reporting.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The close of a business date: import the inbox, match with the active rule set (which also brings
 * the exception queue up to date), propose corrections, write the period's reports, and lock the
 * date. One close of a date runs at a time ({@link CloseLock}).
 *
 * <p>Crash safety: every step commits on its own and records itself in {@code close_step} in the
 * same transaction (or once its files are in place), and a close that finds a run of its date still
 * marked running (its process died) resumes it at the first step not recorded. Within the import
 * step each file's import and its {@code close_file} record commit together and the file is moved
 * only after, so a file found in the inbox that the run already dealt with is only moved. Reports
 * are written to a staging folder and renamed into place. Every step does the same thing whenever
 * it is repeated, so a killed and resumed close ends with the same data and reports as one that was
 * never interrupted. A date already closed is not closed again ("nothing to do").
 */
public final class CloseRunner {
  public static final String IMPORTED = "IMPORTED";
  public static final String ALREADY_IMPORTED = "ALREADY_IMPORTED";
  public static final String REJECTED = "REJECTED";

  static final String STEP_IMPORT = "import";
  static final String STEP_MATCH = "match";
  static final String STEP_CORRECTIONS = "corrections";
  static final String STEP_REPORT = "report";
  static final String STEP_LOCK = "lock";

  /** The steps in the order they run. */
  private static final List<String> STEPS =
      List.of(STEP_IMPORT, STEP_MATCH, STEP_CORRECTIONS, STEP_REPORT, STEP_LOCK);

  private static final Logger log = LoggerFactory.getLogger(CloseRunner.class);

  /** The MDC key every log line of a close carries: {@code close-ID}. */
  public static final String RUN_ID_KEY = "run_id";

  /**
   * Where a close takes files from and puts reports.
   *
   * @param inbox the inbox folder, or null for a close that imports nothing
   * @param outDir where {@code close-DATE.xlsx} and {@code close-DATE.csv} go
   */
  public record Settings(Path inbox, Path outDir, RuleSet ruleSet) {}

  private final Database database;
  private final Clock clock;
  private final String actor;
  private final Settings settings;
  private final CorrectionProposer corrections;
  private final Checkpoints checkpoints;

  public CloseRunner(
      Database database,
      Clock clock,
      String actor,
      Settings settings,
      CorrectionProposer corrections,
      Checkpoints checkpoints) {
    this.database = database;
    this.clock = clock;
    this.actor = actor;
    this.settings = settings;
    this.corrections = corrections;
    this.checkpoints = checkpoints;
  }

  /**
   * Closes the date, resuming a close of it whose process died.
   *
   * @throws CloseBusy if another close of the date is running
   */
  public CloseRun close(LocalDate date) {
    if (settings.inbox() != null && !Files.isDirectory(settings.inbox())) {
      throw new IllegalArgumentException(
          "inbox " + settings.inbox() + " is not a folder; create it or pass another --inbox");
    }
    Optional<CloseLock> lock = CloseLock.tryAcquire(database, date);
    if (lock.isEmpty()) {
      throw busy(date);
    }
    try (CloseLock held = lock.get()) {
      Optional<CloseRunRow> latest = database.inTransaction(tx -> tx.closes().latest(date));
      if (latest.isPresent() && latest.get().status().equals(CloseStore.DONE)) {
        log.info("close of {} already done by close run #{}", date, latest.get().id());
        return outcome(latest.get().id(), true, false, List.of());
      }
      boolean resumed = latest.isPresent() && latest.get().status().equals(CloseStore.RUNNING);
      OffsetDateTime now = OffsetDateTime.now(clock);
      long runId =
          resumed
              ? resume(latest.get().id(), now)
              : database.inTransaction(tx -> tx.closes().start(date, actor, now, currentProcess()));
      MDC.put(RUN_ID_KEY, "close-" + runId);
      try {
        log.info("close of {} {} as close run #{}", date, resumed ? "resumed" : "started", runId);
        List<Path> reports = runSteps(runId, date);
        log.info("close of {} done", date);
        return outcome(runId, false, resumed, reports);
      } finally {
        MDC.remove(RUN_ID_KEY);
      }
    }
  }

  private long resume(long runId, OffsetDateTime now) {
    database.inTransaction(
        tx -> {
          tx.closes().resume(runId, now, currentProcess());
          return null;
        });
    return runId;
  }

  /** Runs the steps not yet recorded, in order. Returns the report files. */
  private List<Path> runSteps(long runId, LocalDate date) {
    Set<String> done =
        database.inTransaction(tx -> tx.closes().steps(runId)).stream()
            .map(CloseStore.Step::name)
            .collect(Collectors.toSet());
    if (!done.contains(STEP_IMPORT)) {
      importInbox(runId);
    }
    if (!done.contains(STEP_MATCH)) {
      match(runId);
    }
    if (!done.contains(STEP_CORRECTIONS)) {
      proposeCorrections(runId, date);
    }
    List<Path> reports = reportPaths(date);
    if (!done.contains(STEP_REPORT)) {
      writeReports(runId, date);
    }
    lockPeriod(runId, date);
    return reports;
  }

  private void importInbox(long runId) {
    OffsetDateTime started = OffsetDateTime.now(clock);
    if (settings.inbox() == null) {
      recordStep(runId, STEP_IMPORT, started, "no inbox given; nothing imported");
      return;
    }
    Inbox inbox = new Inbox(settings.inbox());
    Importer importer = new Importer(database, clock, actor);
    List<Path> waiting = inbox.waiting();
    int n = 0;
    for (Path path : waiting) {
      n++;
      checkpoints.reached("import:before:" + n);
      CloseStore.InboxFile file = importOne(runId, inbox, importer, path);
      checkpoints.reached("import:committed:" + n);
      if (file.outcome().equals(REJECTED)) {
        inbox.moveToRejected(path, file.reason());
      } else {
        inbox.moveToProcessed(path);
      }
      log.info("inbox file {}: {}", file.path(), file.outcome());
      checkpoints.reached("import:moved:" + n);
    }
    List<CloseStore.InboxFile> files = database.inTransaction(tx -> tx.closes().files(runId));
    long rejected = files.stream().filter(f -> f.outcome().equals(REJECTED)).count();
    recordStep(
        runId,
        STEP_IMPORT,
        started,
        files.size()
            + " file(s) from "
            + inbox.root()
            + ": "
            + (files.size() - rejected)
            + " imported, "
            + rejected
            + " rejected");
  }

  /**
   * Imports one inbox file and records what happened in the same transaction; a file this run
   * already dealt with (it died before moving it) is only looked up.
   */
  private CloseStore.InboxFile importOne(long runId, Inbox inbox, Importer importer, Path path) {
    String relative = inbox.relative(path);
    // A camt file is streamed from its path, hashed and imported without being held.
    boolean camt = FileParser.formatOf(path) == dev.recon.importing.FileFormat.CAMT;
    InputFile input = camt ? null : InputFile.read(path);
    String sha256 = camt ? FileParser.sha256(path) : input.sha256();
    String name = path.getFileName().toString();
    Optional<CloseStore.InboxFile> earlier =
        database.inTransaction(tx -> tx.closes().file(runId, relative, sha256));
    if (earlier.isPresent()) {
      return earlier.get();
    }
    String account = inbox.accountOf(path);
    try {
      dev.recon.importing.Profile profile = camt ? null : ProfileDetection.detect(input);
      return database.inTransaction(
          tx -> {
            ImportResult result =
                camt
                    ? importer.importCamt(
                        tx,
                        path,
                        sha256,
                        dev.recon.importing.Profiles.defaultFor(dev.recon.facts.Side.BANK),
                        account)
                    : importer.importStreamed(tx, input, profile, account);
            CloseStore.InboxFile file =
                new CloseStore.InboxFile(
                    relative,
                    sha256,
                    result.alreadyImported() ? ALREADY_IMPORTED : IMPORTED,
                    result.fileId(),
                    result.describe());
            tx.closes().recordFile(runId, file);
            return file;
          });
    } catch (BadInput refused) {
      String reason =
          refused.problems().stream().map(p -> "error: " + p).collect(Collectors.joining("\n"))
              + "\n"
              + name
              + ": refused; nothing from this file was stored\n";
      log.warn("inbox file {} rejected: {}", relative, refused.problems().get(0));
      return database.inTransaction(
          tx -> {
            importer.recordRefusal(tx, relative, sha256, refused);
            CloseStore.InboxFile file =
                new CloseStore.InboxFile(relative, sha256, REJECTED, null, reason);
            tx.closes().recordFile(runId, file);
            return file;
          });
    }
  }

  private void match(long runId) {
    OffsetDateTime started = OffsetDateTime.now(clock);
    checkpoints.reached("match:before");
    database.inTransaction(
        tx -> {
          MatchRunner.RunSummary run =
              new MatchRunner(database, clock, actor).run(tx, settings.ruleSet());
          tx.closes().recordMatchRun(runId, run.runId());
          tx.closes()
              .recordStep(
                  runId,
                  new CloseStore.Step(
                      STEP_MATCH,
                      started,
                      OffsetDateTime.now(clock),
                      "match run #"
                          + run.runId()
                          + " with rule set "
                          + run.ruleSetName()
                          + ": "
                          + run.itemsConsidered()
                          + " items considered, "
                          + run.groupsCreated()
                          + " groups, "
                          + run.itemsMatched()
                          + " items matched, "
                          + run.exceptionsOpened()
                          + " exceptions opened, "
                          + run.exceptionsResolved()
                          + " resolved"));
          return null;
        });
    checkpoints.reached("match:done");
  }

  private void proposeCorrections(long runId, LocalDate date) {
    OffsetDateTime started = OffsetDateTime.now(clock);
    database.inTransaction(
        tx -> {
          Long matchRunId = tx.closes().latest(date).map(CloseRunRow::matchRunId).orElse(null);
          String detail =
              matchRunId == null
                  ? "no match run to propose corrections for"
                  // The one place a close proposes corrections.
                  : corrections.propose(tx, date, matchRunId);
          tx.closes()
              .recordStep(
                  runId,
                  new CloseStore.Step(
                      STEP_CORRECTIONS, started, OffsetDateTime.now(clock), detail));
          return null;
        });
    checkpoints.reached("corrections:done");
  }

  /** {@code close-DATE.xlsx}, then {@code close-DATE.csv} and the CSV files beside it. */
  private List<Path> reportPaths(LocalDate date) {
    Path out = settings.outDir().toAbsolutePath();
    String base = "close-" + date;
    return List.of(
        out.resolve(base + ".xlsx"),
        out.resolve(base + "-summary.csv"),
        out.resolve(base + "-groups.csv"),
        out.resolve(base + "-exceptions.csv"),
        out.resolve(base + "-corrections.csv"));
  }

  /**
   * Writes the reports of everything booked up to the date, ages counted to the date, into a
   * staging folder, then renames each into place: a reader never sees half a report.
   */
  private void writeReports(long runId, LocalDate date) {
    OffsetDateTime started = OffsetDateTime.now(clock);
    Path out = settings.outDir().toAbsolutePath();
    Path staging = out.resolve(".close-" + date + ".partial");
    ReportScope scope = ReportScope.upTo(date);
    List<Path> written = new ArrayList<>();
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      written.addAll(
          ReportWriter.write(database, scope, staging.resolve("close-" + date + ".xlsx")).files());
      written.addAll(
          ReportWriter.write(database, scope, staging.resolve("close-" + date + ".csv")).files());
      checkpoints.reached("report:written");
      for (Path file : written) {
        Files.move(
            file,
            out.resolve(file.getFileName()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the close reports to " + out + ": " + e, e);
    }
    checkpoints.reached("report:renamed");
    recordStep(
        runId,
        STEP_REPORT,
        started,
        written.stream()
            .map(file -> out.resolve(file.getFileName()).toString())
            .collect(Collectors.joining(", ")));
  }

  /** The last step: the date's lock, the run's end and their audit events commit together. */
  private void lockPeriod(long runId, LocalDate date) {
    OffsetDateTime started = OffsetDateTime.now(clock);
    checkpoints.reached("lock:before");
    database.inTransaction(
        tx -> {
          OffsetDateTime now = OffsetDateTime.now(clock);
          CloseStore closes = tx.closes();
          closes.lockPeriod(date, runId, now);
          closes.recordStep(runId, new CloseStore.Step(STEP_LOCK, started, now, date + " closed"));
          closes.finish(runId, now);
          tx.audit()
              .append(
                  new AuditStore.Entry(
                      now,
                      actor,
                      "PERIOD_LOCKED",
                      "close_run",
                      runId,
                      null,
                      "close of " + date + " locked " + date));
          return null;
        });
    checkpoints.reached("lock:done");
  }

  private void recordStep(long runId, String step, OffsetDateTime started, String detail) {
    database.inTransaction(
        tx -> {
          tx.closes()
              .recordStep(
                  runId, new CloseStore.Step(step, started, OffsetDateTime.now(clock), detail));
          return null;
        });
  }

  private CloseRun outcome(long runId, boolean nothingToDo, boolean resumed, List<Path> reports) {
    return database.inTransaction(
        tx -> {
          CloseStore closes = tx.closes();
          CloseRunRow run = closes.byId(runId);
          return new CloseRun(
              run,
              nothingToDo,
              resumed,
              closes.steps(runId).stream()
                  .sorted(Comparator.comparingInt(step -> STEPS.indexOf(step.name())))
                  .toList(),
              closes.files(runId),
              nothingToDo ? reportPaths(run.date()) : reports);
        });
  }

  /** Another close of the date holds its lock: say who, since when, and where. */
  private CloseBusy busy(LocalDate date) {
    Optional<CloseRunRow> running =
        database
            .inTransaction(tx -> tx.closes().latest(date))
            .filter(run -> run.status().equals(CloseStore.RUNNING));
    String who =
        running
            .map(
                run ->
                    " since "
                        + run.activeSince().toInstant()
                        + " by pid "
                        + run.pid()
                        + " on host "
                        + run.host()
                        + " (close run #"
                        + run.id()
                        + ")")
            .orElse(" (it has just started)");
    return new CloseBusy(
        "close of "
            + date
            + " is already running"
            + who
            + "; wait for it to finish, then run this close again if it is still needed");
  }

  /** This process, as a running close records it. */
  static CloseStore.Process currentProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return new CloseStore.Process(ProcessHandle.current().pid(), host);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Another close of the same date is running; nothing was done. */
  public static final class CloseBusy extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CloseBusy(String message) {
      super(message);
    }
  }
}
