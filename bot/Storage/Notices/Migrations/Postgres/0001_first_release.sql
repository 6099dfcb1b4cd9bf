-- Shipment notices as their first release created them (at run time, by hand, with no journal), beside the bot's other tables.
-- IF NOT EXISTS, so a schema made by that release takes this script as already applied and keeps its rows.
CREATE TABLE IF NOT EXISTS order_conversations (
    order_number TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    reference    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS order_notices (
    event_id     TEXT PRIMARY KEY,
    order_number TEXT NOT NULL,
    status       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    detail       TEXT,
    claimed_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE TABLE IF NOT EXISTS order_notice_cursor (
    name TEXT PRIMARY KEY,
    seq  BIGINT NOT NULL
);
