-- My details (issue 16): what a person keeps of their own login.

-- Sessions get an id a person may name (to sign one out) and the device they were opened on
-- (from the User-Agent). The token's hash stays the key a cookie is looked up by. Sessions open
-- now survive: their rows are copied.
CREATE TABLE sessions_new (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    user_agent TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_new (token_hash, user_id, created_at, last_seen_at)
    SELECT token_hash, user_id, created_at, last_seen_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use links gain the change of one's email: the new address waits in `payload` until the
-- link sent to it is followed.
CREATE TABLE tokens_new (
    hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset', 'email_change')),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    payload TEXT
);
INSERT INTO tokens_new (hash, purpose, user_id, account_id, created_at, expires_at)
    SELECT hash, purpose, user_id, account_id, created_at, expires_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE UNIQUE INDEX tokens_user_purpose ON tokens (user_id, purpose);

-- The authorization number (10 digits, shown once) and its PIN (the first four), both hashed.
ALTER TABLE users ADD COLUMN authorization_hash TEXT;
ALTER TABLE users ADD COLUMN pin_hash TEXT;

-- A person's own journal reads the log by who acted and whom it was about.
CREATE INDEX audit_actor ON audit (actor_id, id);
CREATE INDEX audit_target ON audit (target_user_id, id);
