-- A person shared by several accounts.
--
-- A person-wide change (profile, password, state) is written to the audit log of every account
-- the person belongs to; in the accounts other than the one it was made from, the entry names
-- that account here.
ALTER TABLE audit ADD COLUMN origin_account_id INTEGER;

-- An existing login asked to join an account by an administrator who may not manage them in
-- every account they already belong to. The person accepts or declines through an emailed
-- single-use link (only its SHA-256 is kept, as for activation); until they accept, the account
-- holds nothing of them but the email that was typed. One request per person and account: a new
-- one replaces the old and its link.
CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The address the administrator typed: all the account sees of the person until they accept.
    email TEXT NOT NULL,
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The membership asked for, made when the person accepts.
    role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    group_id INTEGER REFERENCES groups (id) ON DELETE SET NULL,
    authorities TEXT NOT NULL DEFAULT '{}',
    licensed INTEGER NOT NULL DEFAULT 0,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    UNIQUE (account_id, user_id)
);
