-- Notices for people (NOTIFY_WEBHOOKS), kept until delivered or given up. The key names what is
-- told and to which webhook, so a notice is queued once whoever finds the event and whenever.
CREATE TABLE notices (
    notice_key  VARCHAR NOT NULL PRIMARY KEY,
    target      INTEGER NOT NULL,
    kind        VARCHAR NOT NULL,
    repository  VARCHAR NULL,
    body        TEXT    NOT NULL,
    created_at  VARCHAR NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     VARCHAR NOT NULL,
    last_error  VARCHAR NULL,
    done_at     VARCHAR NULL,
    outcome     VARCHAR NULL
);
CREATE INDEX notices_due ON notices (done_at, next_at);
