-- Indexes for the screens' and runs' hot queries at millions of stored items (recon bench explain
-- prints their plans): the imports page (newest first), the runs page (newest first, ties by id),
-- the exception list by status ordered by amount, and a run's exceptions (opened or closed by it).
-- The exception list by status and age uses ix_exception_item_status (status, opened_at).
CREATE INDEX ix_imported_file_at ON imported_file (imported_at, id);
CREATE INDEX ix_match_run_started_id ON match_run (started_at, id);
CREATE INDEX ix_exception_item_status_amount ON exception_item (status, amount_minor);
CREATE INDEX ix_exception_item_opened_run ON exception_item (opened_run_id);
CREATE INDEX ix_exception_item_closed_run ON exception_item (closed_run_id);
