-- A customer's or an operator's look at one order's notices, and the operator's list of notices the channel would not
-- take (outcome 'Undeliverable', newest first), without reading every notice ever sent.
CREATE INDEX IF NOT EXISTS ix_order_notices_order ON order_notices (order_number, claimed_at);
CREATE INDEX IF NOT EXISTS ix_order_notices_outcome ON order_notices (outcome, claimed_at);
