-- The retention sweep finds the conversations of orders placed long ago by when they were recorded, in small batches,
-- without reading the whole table. (Notices it finds by outcome and claim time: ix_order_notices_outcome.)
CREATE INDEX IF NOT EXISTS ix_order_conversations_recorded ON order_conversations (recorded_at);
