-- Rotation with overlap and token expiry (issue 15).
--
-- A rotated-out token row keeps overlap_until: it stays valid until then. overlap_closed turns TRUE
-- once the overlap is over and that was recorded (ended early by an ADMIN, by a reset or a later
-- rotation, or swept after its time ran out), so the end is audited once across nodes. The old
-- token's use during the overlap is counted in each node's memory and added here periodically:
-- overlap_requests is the sum over nodes, overlap_last_seen the latest of theirs.
ALTER TABLE developer_tokens ADD COLUMN overlap_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE developer_tokens ADD COLUMN overlap_closed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE developer_tokens ADD COLUMN overlap_requests BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE developer_tokens ADD COLUMN overlap_last_seen TIMESTAMP WITH TIME ZONE;

-- An expiry an ADMIN set for the account's active token (NULL: none; TESSERA_TOKEN_MAX_AGE may
-- still apply, counted from created_at).
ALTER TABLE developer_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- One row per reminder sent about a token's expiry (30, 7 and 1 days before): the primary key makes
-- each reminder once only, across restarts and nodes.
CREATE TABLE token_expiry_reminders (
    token_id    BIGINT  NOT NULL REFERENCES developer_tokens (id),
    days_before INTEGER NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (token_id, days_before)
);
