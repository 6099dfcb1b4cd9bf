-- Conversation and user state as the first release created it (by hand, with no journal). IF NOT EXISTS, so a
-- database made by that release takes this script as already applied.
CREATE TABLE IF NOT EXISTS bot_state (
    key        text PRIMARY KEY,
    etag       text NOT NULL,
    data       jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
