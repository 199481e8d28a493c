-- Issue 13: API keys of scope VERIFIER, the credential of an embedded verifier (reads the verifier
-- feed only). An embedded verifier's lease is a row of cluster_nodes like a node's: no new table.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_scope;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scope
    CHECK (scope IN ('CREATOR', 'READ_ONLY', 'TOKEN_ADMIN', 'OPERATOR', 'VERIFIER'));
