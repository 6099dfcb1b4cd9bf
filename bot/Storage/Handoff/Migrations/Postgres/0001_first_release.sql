-- Handoffs, transcripts, callback requests and the agent console's Data Protection keys as the first release created
-- them (by hand, with no journal). IF NOT EXISTS, so a database made by that release takes this script as already applied.
CREATE TABLE IF NOT EXISTS handoff_sessions (
    id               text PRIMARY KEY,
    conversation_key text NOT NULL,
    active           boolean NOT NULL,
    created_at       timestamptz NOT NULL,
    body             jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_handoff_sessions_active ON handoff_sessions (conversation_key, created_at) WHERE active;
CREATE TABLE IF NOT EXISTS handoff_transcript (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_key text NOT NULL,
    at               timestamptz NOT NULL,
    role             text NOT NULL,
    name             text NOT NULL,
    text             text NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_handoff_transcript_conversation ON handoff_transcript (conversation_key, seq);
CREATE INDEX IF NOT EXISTS ix_handoff_transcript_at ON handoff_transcript (at);
CREATE TABLE IF NOT EXISTS callback_requests (
    id           text PRIMARY KEY,
    done         boolean NOT NULL,
    preferred_at timestamptz NOT NULL,
    body         jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       text PRIMARY KEY,
    xml        text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
