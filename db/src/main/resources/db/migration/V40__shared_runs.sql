-- A match run shared by worker processes (recon worker). The run's items are split into partitions
-- (account x currency, see Partitions) that no rule joins across; each partition is one row here,
-- claimed by one worker at a time with SELECT ... FOR UPDATE SKIP LOCKED and held by a lease that
-- the worker's heartbeat extends. A worker that dies stops extending it, and once lease_until has
-- passed another worker claims the partition again. Partition -1 is the run's finish (exceptions
-- for the whole run), claimable once every other partition is DONE.
CREATE TABLE run_partition (
    run_id       BIGINT                   NOT NULL REFERENCES match_run (id),
    partition_no INTEGER                  NOT NULL,
    label        VARCHAR(300)             NOT NULL,
    item_count   INTEGER                  NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    claimed_by   VARCHAR(200),
    lease_until  TIMESTAMP WITH TIME ZONE,
    claims       INTEGER DEFAULT 0        NOT NULL,
    done_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, partition_no)
);
CREATE INDEX ix_run_partition_open ON run_partition (status, run_id, partition_no);

-- Which items each partition matches, in the order the single-process run would see them
-- (ordinal), where each stands among all the run's items (position), what a gateway transaction is
-- offered for (offers: 1 settlement, 2 sales) and the scopes it was matched in before the run
-- (matched_in: 1 settlement, 2 sales).
CREATE TABLE run_item (
    run_id       BIGINT   NOT NULL REFERENCES match_run (id),
    partition_no INTEGER  NOT NULL,
    ordinal      INTEGER  NOT NULL,
    position     INTEGER  NOT NULL,
    item_id      BIGINT   NOT NULL REFERENCES item (id),
    offers       SMALLINT NOT NULL,
    matched_in   SMALLINT NOT NULL,
    PRIMARY KEY (run_id, partition_no, ordinal)
);

-- What each finished partition decided about its items, committed with its groups, for the run's
-- finish to bring the exception queue in line exactly as a single-process run does: M matched (the
-- reason names the group), S settled without being matched (in a suggestion or ambiguous), W
-- waiting in a suggestion (type, reason and the suggestion's group), H held by an ambiguous rival
-- (kept only if no W), R in a group a person refused before (back in the queue unless M or W).
CREATE TABLE run_outcome (
    run_id       BIGINT        NOT NULL REFERENCES match_run (id),
    partition_no INTEGER       NOT NULL,
    seq          INTEGER       NOT NULL,
    item_id      BIGINT        NOT NULL,
    kind         CHAR(1)       NOT NULL,
    type         VARCHAR(32),
    reason       VARCHAR(2000),
    group_id     BIGINT,
    PRIMARY KEY (run_id, partition_no, seq)
);
