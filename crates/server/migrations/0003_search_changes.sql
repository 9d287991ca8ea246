-- Search moves into the server's memory (see src/search/index.rs): scanning 100,000 folded
-- names there takes a few milliseconds, where the trigram index needed hundreds for a broad
-- query with an exact total. The database keeps what the in-memory index needs to stay exact:
-- one row per user whose searchable details or memberships changed, numbered in commit order.
-- The triggers write it in the same transaction as the change, so a rolled-back change leaves
-- no trace and every server process can catch up by reading the rows past the last it saw.

DROP TRIGGER users_fts_insert;
DROP TRIGGER users_fts_delete;
DROP TRIGGER users_fts_update;
DROP TABLE users_fts;
DROP INDEX users_name;

CREATE TABLE search_changes (
    user_id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE
);

CREATE TRIGGER search_user_insert AFTER INSERT ON users BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER search_user_update
AFTER UPDATE OF username, email, first_name, last_name, state, search, created_at ON users BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER search_user_delete AFTER DELETE ON users BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER search_member_insert AFTER INSERT ON memberships BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (new.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER search_member_update
AFTER UPDATE OF role, group_id, licensed ON memberships BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (new.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER search_member_delete AFTER DELETE ON memberships BEGIN
    INSERT INTO search_changes (user_id, seq)
    VALUES (old.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM search_changes))
    ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq;
END;
