-- A token reported public (GitHub secret scanning, the public revocation endpoint) is revoked: its
-- row stops being active like a reset's, with no successor until an ADMIN issues the next token of
-- the lineage (which keeps its access level and quota). revoked_at says it was revoked rather than
-- replaced; revoked_reason is what the API Center shows ("reported public at <url>").
ALTER TABLE developer_tokens ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE developer_tokens ADD COLUMN revoked_reason VARCHAR(2100);

-- Masked prefixed tokens keep their prefix: "tsr_ABcd…STUv" (up to 20 characters).
ALTER TABLE developer_tokens ALTER COLUMN masked SET DATA TYPE VARCHAR(32);
