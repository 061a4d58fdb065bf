-- PostgreSQL's form of db/sqlite/V9: ids are BIGSERIAL, epoch milliseconds BIGINT.
-- Admins of the operator console (web pages, /api/status). Passwords are stored only as
-- Argon2id hashes in their PHC string form.
CREATE TABLE admins (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,
    password_hash VARCHAR NOT NULL,
    created_at    BIGINT  NOT NULL, -- epoch milliseconds
    updated_at    BIGINT  NOT NULL
);

-- Signed-in browsers, shared by every app process. Only the SHA-256 of the cookie's token is stored.
CREATE TABLE admin_sessions (
    token_hash   VARCHAR NOT NULL PRIMARY KEY,
    admin_id     BIGINT  NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    csrf_token   VARCHAR NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);

-- Failed sign-ins, for throttling per account and per address across every app process.
CREATE TABLE login_failures (
    scope     VARCHAR NOT NULL, -- 'account' or 'address'
    subject   VARCHAR NOT NULL, -- the name tried, or the client address
    failed_at BIGINT  NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (scope, subject, failed_at);

-- What admins did to repositories from the console, with why, who and when.
CREATE TABLE audit_events (
    id         BIGSERIAL PRIMARY KEY,
    repository VARCHAR NOT NULL,
    action     VARCHAR NOT NULL, -- sync, release, freeze, unfreeze
    detail     VARCHAR NULL,     -- the snapshot frozen on
    reason     TEXT    NOT NULL,
    actor      VARCHAR NOT NULL, -- the admin's name
    at         VARCHAR NOT NULL  -- ISO-8601 UTC, fixed width
);
CREATE INDEX audit_events_repository ON audit_events (repository, at);
