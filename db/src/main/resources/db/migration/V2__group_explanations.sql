-- What each match group tolerated, why it was formed, and a key for its member set.
-- member_key (SHA-256 of the rule name and the members' natural keys) lets a rerun recognise a
-- suggestion it already made instead of proposing it twice.
ALTER TABLE match_group ADD COLUMN amount_delta_minor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE match_group ADD COLUMN day_distance INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE match_group ADD COLUMN similarity_bp INTEGER DEFAULT 10000 NOT NULL;
ALTER TABLE match_group ADD COLUMN explanation VARCHAR(2000);
ALTER TABLE match_group ADD COLUMN member_key CHAR(64);
CREATE INDEX ix_match_group_member_key ON match_group (member_key, status);
