package dev.recon.persistence;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The stores of one open transaction. Work that takes a {@code Transaction} cannot outlive it, and
 * everything it writes commits or rolls back together.
 */
public final class Transaction {
  private final DSLContext dsl;

  /** Audit events appended in this transaction, chained and written when its work is done. */
  private final List<AuditStore.Entry> pendingAudit = new ArrayList<>();

  /** What this transaction changed in the dashboard's totals, added to them before it commits. */
  private final ReconciliationTotals totals = new ReconciliationTotals();

  Transaction(DSLContext dsl) {
    this.dsl = dsl;
  }

  public ImportStore imports() {
    return new ImportStore(dsl, totals);
  }

  public ItemStore items() {
    return new ItemStore(dsl);
  }

  public MatchStore matches() {
    return new MatchStore(dsl, totals);
  }

  public ExceptionStore exceptions() {
    return new ExceptionStore(dsl);
  }

  public CorrectionStore corrections() {
    return new CorrectionStore(dsl);
  }

  public ReportStore reports() {
    return new ReportStore(dsl);
  }

  public AuditStore audit() {
    return new AuditStore(dsl, pendingAudit);
  }

  /**
   * Writes the totals' changes and the audit events still waiting; called once the work is done,
   * before the commit.
   */
  void flush() {
    totals.flush(dsl);
    audit().flush();
  }

  public UserStore users() {
    return new UserStore(dsl);
  }

  public BenchStore bench() {
    return new BenchStore(dsl);
  }

  public CloseStore closes() {
    return new CloseStore(dsl);
  }

  public MetricsStore metrics() {
    return new MetricsStore(dsl);
  }

  public OverviewStore overview() {
    return new OverviewStore(dsl);
  }
}
