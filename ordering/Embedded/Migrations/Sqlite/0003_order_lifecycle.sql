-- Orders get a lifecycle: a current status (with the time it last changed, which the schedule counts from), the
-- history of status changes as events (idempotent by event id; seq orders the feed the bot's notices follow), and
-- shipments with carrier and tracking number. Orders placed before this release start their history as placed.
ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'Placed';
ALTER TABLE orders ADD COLUMN status_at TEXT;
UPDATE orders SET status_at = placed_at;
CREATE INDEX IF NOT EXISTS ix_orders_in_progress ON orders(status) WHERE status NOT IN ('Delivered', 'Active');
CREATE TABLE IF NOT EXISTS order_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
    order_number TEXT NOT NULL REFERENCES orders(number), status TEXT NOT NULL, occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, source TEXT NOT NULL, request_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_order_events_order ON order_events(order_number, seq);
CREATE TABLE IF NOT EXISTS order_shipments (
    order_number TEXT NOT NULL REFERENCES orders(number), shipment_no INTEGER NOT NULL, event_id TEXT NOT NULL,
    carrier TEXT NOT NULL, tracking_number TEXT NOT NULL, items TEXT NOT NULL, shipped_at TEXT NOT NULL,
    PRIMARY KEY (order_number, shipment_no));
INSERT INTO order_events (event_id, order_number, status, occurred_at, recorded_at, source, request_hash)
    SELECT 'placed:' || number, number, 'Placed', placed_at, placed_at, 'ordering', '' FROM orders ORDER BY placed_at, number;
