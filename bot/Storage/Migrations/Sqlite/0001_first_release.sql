-- Conversation and user state as the first release created it (by hand, with no journal). IF NOT EXISTS, so a file
-- made by that release takes this script as already applied.
CREATE TABLE IF NOT EXISTS bot_state (
    key        TEXT PRIMARY KEY,
    etag       TEXT NOT NULL,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
