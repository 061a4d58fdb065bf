-- The public keys a repository's feeds must be signed with (repo:create/repo:edit --trusted-key):
-- kept in the database, which every process of every host shares, so that each worker checks
-- the same keys whatever its own disk holds. No row for a repository: its signatures are not checked.
CREATE TABLE trusted_keys (
    repository VARCHAR NOT NULL,
    key_id     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    key_text   TEXT    NOT NULL,
    added_at   VARCHAR NOT NULL,
    PRIMARY KEY (repository, key_id)
);
