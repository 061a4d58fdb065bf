-- Subscription answers, shared by every app process. The secret is never stored: only an
-- HMAC of realm, system id and secret under APP_KEY.
CREATE TABLE authorization_cache (
    realm       VARCHAR NOT NULL,
    system_id   VARCHAR NOT NULL,
    secret_hash VARCHAR NOT NULL,
    authorized  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (realm, system_id, secret_hash)
);
CREATE INDEX authorization_cache_expires ON authorization_cache (expires_at);
