-- Single-use links: invitations (activation) and password resets. Only the SHA-256 of a token
-- is kept, so a leaked database opens no account. A user has at most one live link of each
-- purpose: issuing a new one deletes the old, so a resent invitation makes the previous link
-- stop working.

CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The account that invited the user: its group's password rule applies at activation.
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX tokens_user_purpose ON tokens (user_id, purpose);

-- The optional challenge question chosen at activation; the answer is hashed like a password.
ALTER TABLE users ADD COLUMN challenge_question TEXT;
ALTER TABLE users ADD COLUMN challenge_answer_hash TEXT;
