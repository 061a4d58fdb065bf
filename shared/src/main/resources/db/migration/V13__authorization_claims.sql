-- Which app process is asking the subscription service about a machine right now, so that the first
-- requests of one machine spread over several app processes (on several hosts) make one upstream
-- call. Keyed as authorization_cache (the secret only as a keyed hash); holder is a random token of
-- the claiming process. A claim lapses by itself at expires_at, epoch milliseconds: BIGINT, which
-- PostgreSQL needs past 32 bits and SQLite stores as INTEGER, so one file serves both.
CREATE TABLE authorization_claims (
    realm       VARCHAR NOT NULL,
    system_id   VARCHAR NOT NULL,
    secret_hash VARCHAR NOT NULL,
    holder      VARCHAR NOT NULL,
    expires_at  BIGINT  NOT NULL,
    PRIMARY KEY (realm, system_id, secret_hash)
);
CREATE INDEX authorization_claims_expires ON authorization_claims (expires_at);
