-- Open rotation overlaps are read at start and by every node's usage flush (every few seconds): a
-- partial index holds only the rotated-out rows still in their overlap, so that read stays small when
-- developer_tokens holds ten million rows (issue 18). PostgreSQL only; H2 has its own V15.
CREATE INDEX developer_tokens_open_overlaps ON developer_tokens (account_id)
    WHERE overlap_until IS NOT NULL AND NOT overlap_closed;
