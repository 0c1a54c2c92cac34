-- The queue's default list is every exception still to be worked: OPEN, ASSIGNED or IN_REVIEW,
-- ordered by priority, age or amount. Three statuses are three ranges of V10's (status, key, id)
-- indexes, so the database sorted every open exception to show the first page (seconds at 100,000).
-- is_open puts them in one range: (is_open, key, id) walks the open ones in order and stops after a
-- page. The check keeps it true to the status whatever writes the row.
ALTER TABLE exception_item ADD COLUMN is_open BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE exception_item SET is_open = FALSE WHERE status NOT IN ('OPEN', 'ASSIGNED', 'IN_REVIEW');
ALTER TABLE exception_item ADD CONSTRAINT ck_exception_is_open
    CHECK (is_open = (status IN ('OPEN', 'ASSIGNED', 'IN_REVIEW')));

CREATE INDEX ix_exception_open_priority ON exception_item (is_open, priority_key, id);
CREATE INDEX ix_exception_open_aging ON exception_item (is_open, aging_date, id);
CREATE INDEX ix_exception_open_amount ON exception_item (is_open, abs_amount_minor, id);
