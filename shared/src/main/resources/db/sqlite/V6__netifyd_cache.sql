-- Answers of Netify's integrator API (netifyd licences and catalogues), shared by every app
-- process, and the claim that lets one process at a time ask Netify for an entry. Times are
-- epoch milliseconds; 0 means never.
CREATE TABLE netifyd_cache (
    name          VARCHAR NOT NULL PRIMARY KEY, -- 'license:<label>' or 'catalog:<kind>/<list>'
    body          TEXT    NULL,                 -- the JSON served, as Netify answered it
    stored_at     INTEGER NOT NULL DEFAULT 0,   -- when body was written (tells processes a new body apart)
    fresh_until   INTEGER NOT NULL DEFAULT 0,   -- served without asking Netify until then
    valid_until   INTEGER NOT NULL DEFAULT 0,   -- still worth serving when Netify cannot answer until then
    retry_at      INTEGER NOT NULL DEFAULT 0,   -- after a failed call, Netify is not asked again before this
    failure       TEXT    NULL,                 -- what the last failed call said
    claimed_by    VARCHAR NULL,                 -- the process asking Netify now
    claimed_until INTEGER NOT NULL DEFAULT 0    -- its claim lapses then (a process that died)
);
