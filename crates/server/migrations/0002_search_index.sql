-- Fast search as you type. A trigram index over the folded search text finds any substring of
-- three characters or more without reading every user; shorter queries read the users in name
-- order and stop after a page. The name index serves the default sort.

CREATE VIRTUAL TABLE users_fts USING fts5(
    search,
    content = 'users',
    content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO users_fts (users_fts) VALUES ('rebuild');

CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF search ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO users_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE INDEX users_name ON users (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
