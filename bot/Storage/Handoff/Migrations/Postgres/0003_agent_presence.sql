-- Which agents have the console open, for transfers between agents: one row per agent, refreshed while their console
-- is connected (on any instance) and deleted when they sign out; a row not refreshed within the presence timeout
-- reads as offline.
CREATE TABLE IF NOT EXISTS agent_presence (
    agent_id  text PRIMARY KEY,
    name      text NOT NULL,
    last_seen timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_agent_presence_last_seen ON agent_presence (last_seen);
