package dev.recon.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Everything a close leaves in the database, as text without what legitimately differs between two
 * equal runs: database ids (a transaction killed part-way may have used up identity values) and
 * timestamps. Items are named by their content identity, groups by their members' identities, so
 * two databases with the same dump hold the same data. Audit events keep their order.
 */
public final class CanonicalDump {
  private static final Pattern ID_REFERENCE = Pattern.compile("#\\d+");

  private CanonicalDump() {}

  public static List<String> of(Database database) {
    DSLContext dsl = database.dsl();
    List<String> lines = new ArrayList<>();
    section(
        lines,
        "file",
        dsl,
        "SELECT content_sha256, file_name, source, format, profile, account, row_count,"
            + " added_count, duplicate_count, imported_by FROM imported_file",
        true);
    section(
        lines,
        "item",
        dsl,
        "SELECT i.fingerprint, i.occurrence, i.side, i.account, i.currency, i.amount_minor,"
            + " i.booking_date, i.reference, f.file_name, i.line_no FROM item i"
            + " JOIN imported_file f ON f.id = i.file_id",
        true);
    section(
        lines,
        "balance",
        dsl,
        "SELECT account, currency, statement_id, opening_date, opening_minor, closing_date,"
            + " closing_minor FROM statement_balance",
        true);
    section(
        lines,
        "run",
        dsl,
        "SELECT rule_set_name, rule_set_version, status, started_by, items_considered,"
            + " groups_created FROM match_run",
        true);
    section(
        lines,
        "group",
        dsl,
        "SELECT g.rule_name, g.status, g.confidence, g.currency, g.difference_minor, g.decided_by,"
            + " g.scope, (SELECT COUNT(*) FROM match_member m WHERE m.group_id = g.id) AS size"
            + " FROM match_group g",
        true);
    section(
        lines,
        "member",
        dsl,
        "SELECT g.rule_name, g.status, i.fingerprint, i.occurrence FROM match_member m"
            + " JOIN match_group g ON g.id = m.group_id JOIN item i ON i.id = m.item_id",
        true);
    section(
        lines,
        "exception",
        dsl,
        "SELECT i.fingerprint, i.occurrence, e.type, e.reason, e.status, e.currency,"
            + " e.amount_minor, e.close_reason FROM exception_item e"
            + " LEFT JOIN item i ON i.id = e.item_id",
        true);
    section(
        lines,
        "correction",
        dsl,
        "SELECT idempotency_key, kind, status, currency, description, proposed_by FROM correction",
        true);
    section(
        lines,
        "audit",
        dsl,
        "SELECT actor, action, entity_type, rule_set_version, detail FROM audit_log ORDER BY seq",
        false);
    section(
        lines,
        "close",
        dsl,
        "SELECT business_date, status, started_by, match_run_id IS NOT NULL FROM close_run",
        true);
    section(
        lines,
        "step",
        dsl,
        "SELECT r.business_date, s.step, s.detail FROM close_step s"
            + " JOIN close_run r ON r.id = s.close_run_id",
        true);
    section(
        lines, "inbox", dsl, "SELECT path, content_sha256, outcome, reason FROM close_file", true);
    section(lines, "locked", dsl, "SELECT business_date FROM period_lock", true);
    return lines;
  }

  private static void section(
      List<String> lines, String name, DSLContext dsl, String sql, boolean sort) {
    List<String> rows = new ArrayList<>();
    for (Record record : dsl.fetch(sql)) {
      StringBuilder line = new StringBuilder(name);
      for (int i = 0; i < record.size(); i++) {
        Object value = record.get(i);
        line.append(" | ").append(value == null ? "null" : normalize(value.toString()));
      }
      rows.add(line.toString());
    }
    if (sort) {
      rows.sort(null);
    }
    lines.addAll(rows);
  }

  /** Replaces references to database ids ({@code #12}) with {@code #N}. */
  public static String normalize(String text) {
    return ID_REFERENCE.matcher(text).replaceAll("#N");
  }
}
