-- The position a customer who joins the queue is told is a count of the queued handoffs. This index answers it without
-- reading every active handoff's document (a long queue made each new handoff parse all of them).
CREATE INDEX IF NOT EXISTS ix_handoff_sessions_queued ON handoff_sessions ((body->>'status')) WHERE active;
