-- Same columns as the Laravel application's table, so an existing database can be copied over.
CREATE TABLE IF NOT EXISTS repositories (
    id         INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name       VARCHAR NOT NULL,
    command    TEXT    NOT NULL,
    sub_dir    VARCHAR NULL,
    delay      INTEGER NOT NULL,
    freeze     VARCHAR NULL,
    created_at DATETIME NULL,
    updated_at DATETIME NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS repositories_name_unique ON repositories (name);
