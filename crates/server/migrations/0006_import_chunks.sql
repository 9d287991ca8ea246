-- Imports: the answer to each chunk of rows, by the Idempotency-Key it was sent with, so a chunk
-- sent again (after a network failure) answers the same and creates nobody twice.
CREATE TABLE import_chunks (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of the rows sent: the same key with other rows is refused.
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
);
