-- Orders get a lifecycle: a current status (with the time it last changed, which the schedule counts from), the
-- history of status changes as events (idempotent by event id; seq orders the feed the bot's notices follow — writers
-- are serialized, so seq order is commit order), and shipments with carrier and tracking number. Orders placed
-- before this release start their history as placed.
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'Placed';
ALTER TABLE orders ADD COLUMN status_at text;
UPDATE orders SET status_at = placed_at;
CREATE INDEX IF NOT EXISTS ix_orders_in_progress ON orders(status) WHERE status NOT IN ('Delivered', 'Active');
CREATE TABLE IF NOT EXISTS order_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text NOT NULL UNIQUE,
    order_number text NOT NULL REFERENCES orders(number), status text NOT NULL, occurred_at text NOT NULL,
    recorded_at text NOT NULL, source text NOT NULL, request_hash text NOT NULL);
CREATE INDEX IF NOT EXISTS ix_order_events_order ON order_events(order_number, seq);
CREATE TABLE IF NOT EXISTS order_shipments (
    order_number text NOT NULL REFERENCES orders(number), shipment_no integer NOT NULL, event_id text NOT NULL,
    carrier text NOT NULL, tracking_number text NOT NULL, items text NOT NULL, shipped_at text NOT NULL,
    PRIMARY KEY (order_number, shipment_no));
INSERT INTO order_events (event_id, order_number, status, occurred_at, recorded_at, source, request_hash)
    SELECT 'placed:' || number, number, 'Placed', placed_at, placed_at, 'ordering', '' FROM orders ORDER BY placed_at, number;
