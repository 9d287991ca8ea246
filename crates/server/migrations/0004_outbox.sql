-- The email outbox: every email is written here in the same transaction as the change that
-- causes it, so an email exists exactly when its change was committed. A delivery worker sends
-- the pending ones by SMTP when one is configured; without SMTP they stay here as the local
-- mailbox (`GET /api/v1/dev/mailbox`).

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
