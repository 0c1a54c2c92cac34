-- The gateway fees inside a match group (sum of the members' fee amounts, minor units), so the
-- correction step can book a payout's fees without reading its transactions again.
ALTER TABLE match_group ADD COLUMN fee_total_minor BIGINT DEFAULT 0 NOT NULL;
