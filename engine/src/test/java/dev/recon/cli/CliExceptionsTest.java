package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.persistence.Database;
import dev.recon.persistence.DatabaseInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exception queue and corrections as a user drives them from the command line. */
class CliExceptionsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-12T09:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path demoDir;
  @TempDir Path tempDir;
  private CliRun cli;
  private String db;

  /** The demo runs once; each test works on its own copy of the database it leaves. */
  @BeforeAll
  static void runTheDemo() {
    CliRun.Result demo =
        new CliRun(CLOCK, demoDir)
            .run(
                "demo",
                "--db",
                CliRun.h2Url(demoDir.resolve("db")),
                "--samples",
                "../samples",
                "--out",
                demoDir.resolve("out").toString());
    assertThat(demo.exitCode()).as(demo.err()).isZero();
  }

  @BeforeEach
  void copyTheDemoDatabase() throws IOException {
    cli = new CliRun(CLOCK, tempDir);
    Files.createDirectories(tempDir.resolve("db"));
    Files.copy(demoDir.resolve("db/recon.mv.db"), tempDir.resolve("db/recon.mv.db"));
    db = CliRun.h2Url(tempDir.resolve("db"));
  }

  private CliRun.Result recon(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db);
    return cli.run(all.toArray(String[]::new));
  }

  private static List<Long> ids(String output, String pattern) {
    List<Long> ids = new ArrayList<>();
    Matcher m = Pattern.compile(pattern, Pattern.MULTILINE).matcher(output);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  @Test
  void listsTheDemosSevenOpenExceptionsAndShowsOneWithItsReason() {
    CliRun.Result list = recon("exceptions", "list");
    CliRun.Result bank = recon("exceptions", "list", "--filter", "side=bank", "--sort", "amount");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("7 of 7 exception(s), page 1 of 1, aged as of 2026-11-12");
    assertThat(bank.out()).contains("4 of 4 exception(s)");
    long first = ids(bank.out(), "^\\s+(\\d+) UNMATCHED").get(0);
    CliRun.Result show = recon("exceptions", "show", String.valueOf(first));
    assertThat(show.out()).contains("410.00 EUR").contains("booked 7 day(s) apart");
  }

  @Test
  void assigningAndCommentingShowInTheHistory() {
    long id = ids(recon("exceptions", "list").out(), "^\\s+(\\d+) UNMATCHED").get(0);

    CliRun.Result nobody =
        recon("exceptions", "assign", String.valueOf(id), "--to", "bob", "--user", "preparer");
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.err()).contains("bob is not a Recon user; assign the exception to one");
    assertThat(
            recon(
                    "exceptions",
                    "assign",
                    String.valueOf(id),
                    "--to",
                    "approver",
                    "--user",
                    "preparer")
                .exitCode())
        .isZero();
    assertThat(
            recon(
                    "exceptions",
                    "comment",
                    String.valueOf(id),
                    "called the customer",
                    "--user",
                    "preparer")
                .exitCode())
        .isZero();
    CliRun.Result viewer = recon("exceptions", "review", String.valueOf(id), "--user", "viewer");

    assertThat(viewer.exitCode()).isEqualTo(1);
    assertThat(viewer.err())
        .contains("viewer is a viewer; to work exceptions takes the preparer role");
    assertThat(recon("exceptions", "show", String.valueOf(id)).out())
        .contains("assignee: approver")
        .contains("comment by preparer")
        .contains("EXCEPTION_ASSIGNED by preparer: before: status=OPEN");
  }

  @Test
  void bulkTimingOverTheBankSideShowsUpInTheRevisitDueList() {
    CliRun.Result bulk =
        recon(
            "exceptions",
            "bulk",
            "--filter",
            "side=bank",
            "--timing",
            "2026-11-12",
            "--user",
            "preparer");
    CliRun.Result due = recon("exceptions", "list", "--filter", "revisit=due");
    CliRun.Result notYet =
        recon("exceptions", "list", "--filter", "revisit=due", "--as-of", "2026-11-11");

    assertThat(bulk.exitCode()).as(bulk.err()).isZero();
    assertThat(bulk.out()).contains("Done on 4 exception(s)");
    assertThat(due.out()).contains("4 of 4 exception(s)");
    assertThat(due.out().lines().skip(1).limit(4))
        .allSatisfy(line -> assertThat(line).contains(" 2026-11-12 "));
    assertThat(notYet.out()).contains("0 of 0 exception(s)");
  }

  @Test
  void thePreparerCannotApproveAndAnApproverExportsEachEntryOnce() throws IOException {
    CliRun.Result proposed = recon("corrections", "list", "--status", "proposed");
    long fee = ids(proposed.out(), "^#(\\d+) GATEWAY_FEE").get(0);

    CliRun.Result stranger =
        recon("corrections", "approve", String.valueOf(fee), "--user", "mallory");
    CliRun.Result preparer =
        recon("corrections", "approve", String.valueOf(fee), "--user", "preparer");
    CliRun.Result approver =
        recon("corrections", "approve", String.valueOf(fee), "--user", "approver");
    Path out = tempDir.resolve("export");
    CliRun.Result first =
        recon("corrections", "export", "--out", out.toString(), "--user", "approver");
    CliRun.Result second =
        recon("corrections", "export", "--out", out.toString(), "--user", "approver");

    assertThat(stranger.exitCode()).isEqualTo(1);
    assertThat(stranger.err()).contains("mallory is not a Recon user; to approve corrections");
    assertThat(preparer.err()).contains("to approve corrections takes the approver role");
    assertThat(approver.out()).contains("approved by approver");
    assertThat(first.out()).contains("Exported 2 correction(s), 4 line(s), batch 1");
    assertThat(Files.readAllLines(out.resolve("corrections-1.csv")))
        .hasSize(5)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("RECON-C" + fee + ",2026-11-04,1,6820,53.25,0.00,EUR,GATEWAY_FEE"));
    assertThat(second.out()).contains("Nothing new to export");
  }

  /** The approver moves the fee entry's debit to 6821, crediting 1361 with this amount. */
  private CliRun.Result editFee(String id, String credit) {
    return recon(
        "corrections",
        "edit",
        id,
        "--debit",
        "6821=52.84",
        "--credit",
        "1361=" + credit,
        "--description",
        "Stripe card fees, November",
        "--user",
        "approver");
  }

  @Test
  void whoeverEditsACorrectionCannotApproveIt() {
    long fee =
        ids(recon("corrections", "list", "--status", "proposed").out(), "^#(\\d+) GATEWAY_FEE")
            .get(0);
    String id = String.valueOf(fee);

    CliRun.Result unbalanced = editFee(id, "52.83");
    CliRun.Result edited = editFee(id, "52.84");
    CliRun.Result self = recon("corrections", "approve", id, "--user", "approver");
    CliRun.Result admin = recon("corrections", "approve", id, "--user", "admin");

    assertThat(unbalanced.exitCode()).isEqualTo(1);
    assertThat(unbalanced.err()).contains("does not balance");
    assertThat(edited.exitCode()).as(edited.err()).isZero();
    assertThat(edited.out())
        .contains("Stripe card fees, November")
        .contains("debit    6821")
        .contains("edited by approver, who may no longer approve it; authors [approver, demo]");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).contains("prepared or edited by approver, who may not approve it");
    assertThat(admin.out()).contains("approved by admin");
  }

  @Test
  void aManualMatchOfTheNearMissClosesBothExceptions() throws IOException {
    CliRun.Result near = recon("exceptions", "list", "--filter", "text=INV-2026-1008");
    List<Long> exceptionIds = ids(near.out(), "^\\s+(\\d+) UNMATCHED");
    assertThat(exceptionIds).hasSize(2);
    List<String> itemIds = new ArrayList<>();
    for (long id : exceptionIds) {
      itemIds.add(
          String.valueOf(
              ids(recon("exceptions", "show", String.valueOf(id)).out(), "item: #(\\d+)").get(0)));
    }
    List<String> args = new ArrayList<>(List.of("match-manual"));
    args.addAll(itemIds);
    args.addAll(List.of("--note", "same invoice", "--user", "preparer"));

    CliRun.Result matched = recon(args.toArray(String[]::new));

    assertThat(matched.exitCode()).as(matched.err()).isZero();
    assertThat(matched.out()).contains("difference 0.00 EUR").contains("Matched as group #");
    assertThat(recon("exceptions", "list").out()).contains("5 of 5 exception(s)");
    assertThat(recon("exceptions", "show", String.valueOf(exceptionIds.get(0))).out())
        .contains("EXCEPTION_MATCHED by preparer: before: status=OPEN")
        .contains("after: status=RESOLVED");
    try (Database database = Database.open(db)) {
      DatabaseInvariants.check(database);
    }
  }
}
