-- When each user last signed in to the console (issue 16: the Users page shows it). NULL: never.
ALTER TABLE users ADD COLUMN last_signed_in_at TIMESTAMP WITH TIME ZONE;
