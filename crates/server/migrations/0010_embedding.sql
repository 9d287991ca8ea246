-- Embedding Roster in a portal (issue 19). The origins that may frame an account's pages are
-- `accounts.embed_origins` (a JSON list, there since 0001).

-- Portal keys: the portal's back end proves itself with the secret, of which only the SHA-256 is
-- kept. Revoking a key deletes it, and with it the tokens it minted and the sessions opened with
-- them; the audit log keeps its story.
CREATE TABLE embed_keys (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    last_used_at INTEGER
);
CREATE INDEX embed_keys_account ON embed_keys (account_id);

-- Single-use tokens a key minted for one person of its account, exchanged by the iframe for a
-- session within a minute. Only the SHA-256 is kept.
CREATE TABLE embed_tokens (
    hash TEXT PRIMARY KEY,
    key_id INTEGER NOT NULL REFERENCES embed_keys (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX embed_tokens_key ON embed_tokens (key_id);

-- An embedded session acts in one account only, ends at `expires_at` at the latest, and ends
-- with the key it came from. A cookie session has none of the three.
ALTER TABLE sessions ADD COLUMN account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD COLUMN embed_key_id INTEGER REFERENCES embed_keys (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD COLUMN expires_at INTEGER;
