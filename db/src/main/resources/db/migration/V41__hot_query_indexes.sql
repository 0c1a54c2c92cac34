-- Indexes for the screens' and runs' hot queries at millions of stored items (recon bench explain
-- prints their plans): the imports page (newest first), the runs page (newest first, ties by id),
-- and a run's exceptions (opened or closed by it). The exception list's indexes are V10's.
CREATE INDEX ix_imported_file_at ON imported_file (imported_at, id);
CREATE INDEX ix_match_run_started_id ON match_run (started_at, id);
CREATE INDEX ix_exception_item_opened_run ON exception_item (opened_run_id);
CREATE INDEX ix_exception_item_closed_run ON exception_item (closed_run_id);
