-- The ordering schema as the first release created it (then by hand, with meta.schema_version = 1).
-- Every statement is IF NOT EXISTS, so a database made by that release takes this script as already applied.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, product_family TEXT NOT NULL, country TEXT NOT NULL,
    is_wholesale INTEGER NOT NULL, default_payment_method TEXT NOT NULL,
    lines INTEGER NOT NULL, lines_with_device INTEGER NOT NULL CHECK (lines_with_device <= lines),
    ship_name TEXT NOT NULL, ship_street TEXT NOT NULL, ship_city TEXT NOT NULL, ship_state TEXT NOT NULL,
    ship_postal_code TEXT NOT NULL, ship_country TEXT NOT NULL, aad_tenant_id TEXT);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), display_name TEXT NOT NULL,
    email TEXT NOT NULL, profile TEXT NOT NULL, aad_object_id TEXT);
CREATE INDEX IF NOT EXISTS ix_users_aad ON users(aad_object_id);
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY, kind TEXT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0), requires_line INTEGER NOT NULL, keywords TEXT NOT NULL,
    sort_order INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS shipping_methods (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL, min_days INTEGER NOT NULL,
    max_days INTEGER NOT NULL, sort_order INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tax_rates (state TEXT PRIMARY KEY, rate_basis_points INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS terms (version TEXT PRIMARY KEY, effective_at TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), added_by TEXT REFERENCES users(id),
    vault_token TEXT NOT NULL, brand TEXT NOT NULL, last4 TEXT NOT NULL CHECK (length(last4) = 4),
    exp_month INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12), exp_year INTEGER NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS card_setup_links (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), conversation_hint TEXT,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, card_id TEXT REFERENCES cards(id));
CREATE TABLE IF NOT EXISTS carts (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), status TEXT NOT NULL, version INTEGER NOT NULL,
    shipping_method TEXT REFERENCES shipping_methods(code), created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ux_carts_one_open_per_user ON carts(user_id) WHERE status = 'Open';
CREATE TABLE IF NOT EXISTS cart_items (
    cart_id TEXT NOT NULL REFERENCES carts(id), sku TEXT NOT NULL REFERENCES products(sku),
    quantity INTEGER NOT NULL CHECK (quantity > 0), PRIMARY KEY (cart_id, sku));
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY, cart_id TEXT NOT NULL REFERENCES carts(id), user_id TEXT NOT NULL REFERENCES users(id),
    cart_version INTEGER NOT NULL, card_id TEXT REFERENCES cards(id), ship_state TEXT NOT NULL,
    tax_rate_basis_points INTEGER NOT NULL, one_time_cents INTEGER NOT NULL, monthly_cents INTEGER NOT NULL,
    shipping_cents INTEGER NOT NULL, tax_cents INTEGER NOT NULL, monthly_tax_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
    number TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), account_id TEXT NOT NULL REFERENCES accounts(id),
    cart_id TEXT NOT NULL UNIQUE REFERENCES carts(id), quote_id TEXT NOT NULL REFERENCES quotes(id),
    card_id TEXT NOT NULL REFERENCES cards(id), card_brand TEXT NOT NULL, card_last4 TEXT NOT NULL,
    default_payment_method TEXT NOT NULL, card_pays_initial_only INTEGER NOT NULL,
    shipping_method TEXT, shipping_name TEXT, shipping_min_days INTEGER, shipping_max_days INTEGER,
    ship_name TEXT NOT NULL, ship_street TEXT NOT NULL, ship_city TEXT NOT NULL, ship_state TEXT NOT NULL,
    ship_postal_code TEXT NOT NULL, ship_country TEXT NOT NULL,
    one_time_cents INTEGER NOT NULL, monthly_cents INTEGER NOT NULL, shipping_cents INTEGER NOT NULL,
    tax_rate_basis_points INTEGER NOT NULL, tax_cents INTEGER NOT NULL, monthly_tax_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, terms_version TEXT NOT NULL REFERENCES terms(version),
    terms_accepted_at TEXT NOT NULL, terms_accepted_by TEXT NOT NULL, placed_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_orders_user ON orders(user_id, placed_at);
CREATE TABLE IF NOT EXISTS order_items (
    order_number TEXT NOT NULL REFERENCES orders(number), line_no INTEGER NOT NULL, sku TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, quantity INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL, PRIMARY KEY (order_number, line_no));
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, order_number TEXT NOT NULL REFERENCES orders(number),
    created_at TEXT NOT NULL);
