-- Sales-assisted carts and orders: the agent who prepared a cart (while it is held to the sales-assisted limits)
-- and the agent who assisted on an order. Null means self service, which every earlier cart and order was.
ALTER TABLE carts ADD COLUMN IF NOT EXISTS assisted_by_id TEXT;
ALTER TABLE carts ADD COLUMN IF NOT EXISTS assisted_by_name TEXT;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS assisted_by_id TEXT;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS assisted_by_name TEXT;
