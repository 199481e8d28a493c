-- Users in the console (issue 14).
-- disabled: an operator disabled the user; they cannot sign in (form, HTTP Basic), their API keys are refused
-- and their sessions end at their next request.
-- must_change_password: the generated first admin changes the generated password before using the console.
-- credentials_version: counts password changes; a console session signed in under an older count ends, so a
-- password change signs the user out everywhere but in the session that changed it.
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;

-- Platform events (a user created, disabled, enabled; a password changed) belong to no manager account:
-- their account_id is NULL. The operator's Users page lists them; the account views never match NULL.
ALTER TABLE audit_events ALTER COLUMN account_id DROP NOT NULL;
