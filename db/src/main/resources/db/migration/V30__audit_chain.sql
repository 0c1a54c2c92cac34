-- The audit log becomes a hash chain: each event carries a gapless sequence number, the hash of the
-- event before it and its own hash (SHA-256 over its fields and the previous hash), so editing or
-- deleting any event breaks the chain from that event on. audit_chain holds the head (the last
-- sequence number and hash): appending locks that one row, which puts concurrent writers in one
-- order, and a deleted last event still shows as a head that points past the end.
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash CHAR(64);
ALTER TABLE audit_log ADD COLUMN hash CHAR(64);
CREATE UNIQUE INDEX ux_audit_log_seq ON audit_log (seq);

CREATE TABLE audit_chain (
    id        INTEGER  PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
