-- Handoffs, transcripts and callback requests as the first release created them (by hand, with no journal).
-- IF NOT EXISTS, so a file made by that release takes this script as already applied.
CREATE TABLE IF NOT EXISTS handoff_sessions (
    id               TEXT PRIMARY KEY,
    conversation_key TEXT NOT NULL,
    active           INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_handoff_sessions_active ON handoff_sessions (active, conversation_key);
CREATE TABLE IF NOT EXISTS handoff_transcript (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_key TEXT NOT NULL,
    at               TEXT NOT NULL,
    role             TEXT NOT NULL,
    name             TEXT NOT NULL,
    text             TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_handoff_transcript_conversation ON handoff_transcript (conversation_key, seq);
CREATE INDEX IF NOT EXISTS ix_handoff_transcript_at ON handoff_transcript (at);
CREATE TABLE IF NOT EXISTS callback_requests (
    id           TEXT PRIMARY KEY,
    done         INTEGER NOT NULL,
    preferred_at TEXT NOT NULL,
    body         TEXT NOT NULL
);
