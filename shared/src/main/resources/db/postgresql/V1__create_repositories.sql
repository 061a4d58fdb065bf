-- PostgreSQL's form of db/sqlite/V1: an id that counts by itself is BIGSERIAL here. The times stay
-- text ('yyyy-MM-dd HH:mm:ss', UTC) as the SQLite file keeps them, so the store reads both alike.
-- FREEZE is a reserved word in PostgreSQL: the column is quoted here and in every statement.
CREATE TABLE IF NOT EXISTS repositories (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR NOT NULL,
    command    TEXT    NOT NULL,
    sub_dir    VARCHAR NULL,
    delay      INTEGER NOT NULL,
    "freeze"   VARCHAR NULL,
    created_at VARCHAR NULL,
    updated_at VARCHAR NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS repositories_name_unique ON repositories (name);
