-- Roster's schema. Times are Unix seconds (UTC). JSON columns hold small documents that the
-- domain crate parses (policy, authorities, domains); everything queried lives in real columns.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats >= 0),
    approved_domains TEXT NOT NULL DEFAULT '[]',
    invitation_lifetime_hours INTEGER NOT NULL DEFAULT 168,
    embed_origins TEXT NOT NULL DEFAULT '[]',
    default_language TEXT NOT NULL DEFAULT 'en',
    policy TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    identity_provider TEXT NOT NULL DEFAULT 'local',
    exchange_domain TEXT,
    exchange_username TEXT,
    state TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT,
    activated_at INTEGER,
    locked_until INTEGER,
    -- Lower-cased, accent-folded name, email and username: what search matches against.
    search TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX users_email ON users (email COLLATE NOCASE);

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    min_password_length INTEGER NOT NULL DEFAULT 12,
    idle_timeout_minutes INTEGER NOT NULL DEFAULT 60,
    members_may_edit_own_details INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (account_id, name_key)
);

CREATE TABLE memberships (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    group_id INTEGER NOT NULL REFERENCES groups (id),
    licensed INTEGER NOT NULL DEFAULT 0,
    authorities TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_group ON memberships (group_id);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a leaked database holds no usable session.
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE signin_failures (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
CREATE INDEX signin_failures_user ON signin_failures (user_id, at);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    account_id INTEGER,
    target_user_id INTEGER,
    target_group_id INTEGER,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_account ON audit (account_id, id);
