-- The cluster's change feed and node leases (issue 11). Same SQL on H2 and PostgreSQL.

-- One row: the feed's head. Every change appends with UPDATE ... seq = seq + 1 in the transaction
-- that makes the change; the row lock is held until commit, so sequence order is commit order and
-- the log has no gaps that a later commit could fill.
CREATE TABLE change_feed_head (
    id  SMALLINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT   NOT NULL
);
INSERT INTO change_feed_head (id, seq) VALUES (1, 0);

-- What changed, not how: a node re-reads the subject's current state from its own tables.
CREATE TABLE change_log (
    seq          BIGINT      PRIMARY KEY,
    kind         VARCHAR(40) NOT NULL,
    subject      BIGINT      NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per running node: its lease (until, in the database's clock, epoch milliseconds) and the
-- last change it applied to its memory.
CREATE TABLE cluster_nodes (
    node_id        VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    started_at_ms  BIGINT       NOT NULL,
    lease_until_ms BIGINT       NOT NULL,
    applied_seq    BIGINT       NOT NULL
);

-- The daily quota, counted once for the cluster: nodes take the budget in chunks (0.5 % of the
-- limit), each grant counting against the sliding 24 hours from its minute. quota_accounts holds
-- one row per account and pool, locked while a grant is computed.
CREATE TABLE quota_accounts (
    account_id BIGINT   NOT NULL,
    pool       SMALLINT NOT NULL,
    PRIMARY KEY (account_id, pool)
);

CREATE TABLE quota_grants (
    account_id   BIGINT      NOT NULL,
    pool         SMALLINT    NOT NULL,
    epoch_minute BIGINT      NOT NULL,
    node         VARCHAR(200) NOT NULL,
    granted      BIGINT      NOT NULL
);
CREATE INDEX quota_grants_window ON quota_grants (account_id, pool, epoch_minute);
