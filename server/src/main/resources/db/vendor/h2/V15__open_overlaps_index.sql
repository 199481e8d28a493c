-- Open rotation overlaps are read at start and by the usage flush every few seconds (issue 18). H2 has
-- no partial indexes: an index on the overlap's end, which most rows have as NULL.
CREATE INDEX developer_tokens_overlap_until ON developer_tokens (overlap_until);
