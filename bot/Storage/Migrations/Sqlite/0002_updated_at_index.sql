-- The retention sweep looks for conversations by when they were last written. Without this index each of its batches
-- read the whole table, state documents included, which grew with every conversation ever held.
CREATE INDEX IF NOT EXISTS ix_bot_state_updated_at ON bot_state (updated_at);
