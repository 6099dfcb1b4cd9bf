-- The PostgreSQL schema exactly as the first release created it by hand (ordering/Postgres/PostgresOrderingDatabase.cs).
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id text PRIMARY KEY, name text NOT NULL, product_family text NOT NULL, country text NOT NULL,
    is_wholesale boolean NOT NULL, default_payment_method text NOT NULL,
    lines integer NOT NULL, lines_with_device integer NOT NULL CHECK (lines_with_device <= lines),
    ship_name text NOT NULL, ship_street text NOT NULL, ship_city text NOT NULL, ship_state text NOT NULL,
    ship_postal_code text NOT NULL, ship_country text NOT NULL, aad_tenant_id text);
CREATE TABLE IF NOT EXISTS users (
    id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id), display_name text NOT NULL,
    email text NOT NULL, profile text NOT NULL, aad_object_id text);
CREATE INDEX IF NOT EXISTS ix_users_aad ON users(aad_object_id);
CREATE TABLE IF NOT EXISTS products (
    sku text PRIMARY KEY, kind text NOT NULL, category text NOT NULL, name text NOT NULL, description text NOT NULL,
    price_cents bigint NOT NULL CHECK (price_cents >= 0), requires_line boolean NOT NULL, keywords text NOT NULL,
    sort_order integer NOT NULL);
CREATE TABLE IF NOT EXISTS shipping_methods (
    code text PRIMARY KEY, name text NOT NULL, price_cents bigint NOT NULL, min_days integer NOT NULL,
    max_days integer NOT NULL, sort_order integer NOT NULL);
CREATE TABLE IF NOT EXISTS tax_rates (state text PRIMARY KEY, rate_basis_points integer NOT NULL);
CREATE TABLE IF NOT EXISTS terms (version text PRIMARY KEY, effective_at text NOT NULL, summary text NOT NULL, body text NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
    id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id), added_by text REFERENCES users(id),
    vault_token text NOT NULL, brand text NOT NULL, last4 text NOT NULL CHECK (length(last4) = 4),
    exp_month integer NOT NULL CHECK (exp_month BETWEEN 1 AND 12), exp_year integer NOT NULL, added_at text NOT NULL);
CREATE TABLE IF NOT EXISTS card_setup_links (
    token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), conversation_hint text,
    created_at text NOT NULL, expires_at text NOT NULL, used_at text, card_id text REFERENCES cards(id));
CREATE TABLE IF NOT EXISTS carts (
    id text PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), status text NOT NULL, version integer NOT NULL,
    shipping_method text REFERENCES shipping_methods(code), created_at text NOT NULL, updated_at text NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ux_carts_one_open_per_user ON carts(user_id) WHERE status = 'Open';
CREATE TABLE IF NOT EXISTS cart_items (
    cart_id text NOT NULL REFERENCES carts(id), sku text NOT NULL REFERENCES products(sku),
    quantity integer NOT NULL CHECK (quantity > 0), PRIMARY KEY (cart_id, sku));
CREATE TABLE IF NOT EXISTS quotes (
    id text PRIMARY KEY, cart_id text NOT NULL REFERENCES carts(id), user_id text NOT NULL REFERENCES users(id),
    cart_version integer NOT NULL, card_id text REFERENCES cards(id), ship_state text NOT NULL,
    tax_rate_basis_points integer NOT NULL, one_time_cents bigint NOT NULL, monthly_cents bigint NOT NULL,
    shipping_cents bigint NOT NULL, tax_cents bigint NOT NULL, monthly_tax_cents bigint NOT NULL,
    total_cents bigint NOT NULL, created_at text NOT NULL, expires_at text NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
    number text PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), account_id text NOT NULL REFERENCES accounts(id),
    cart_id text NOT NULL UNIQUE REFERENCES carts(id), quote_id text NOT NULL REFERENCES quotes(id),
    card_id text NOT NULL REFERENCES cards(id), card_brand text NOT NULL, card_last4 text NOT NULL,
    default_payment_method text NOT NULL, card_pays_initial_only boolean NOT NULL,
    shipping_method text, shipping_name text, shipping_min_days integer, shipping_max_days integer,
    ship_name text NOT NULL, ship_street text NOT NULL, ship_city text NOT NULL, ship_state text NOT NULL,
    ship_postal_code text NOT NULL, ship_country text NOT NULL,
    one_time_cents bigint NOT NULL, monthly_cents bigint NOT NULL, shipping_cents bigint NOT NULL,
    tax_rate_basis_points integer NOT NULL, tax_cents bigint NOT NULL, monthly_tax_cents bigint NOT NULL,
    total_cents bigint NOT NULL, terms_version text NOT NULL REFERENCES terms(version),
    terms_accepted_at text NOT NULL, terms_accepted_by text NOT NULL, placed_at text NOT NULL);
CREATE INDEX IF NOT EXISTS ix_orders_user ON orders(user_id, placed_at);
CREATE TABLE IF NOT EXISTS order_items (
    order_number text NOT NULL REFERENCES orders(number), line_no integer NOT NULL, sku text NOT NULL,
    name text NOT NULL, kind text NOT NULL, category text NOT NULL, quantity integer NOT NULL,
    unit_price_cents bigint NOT NULL, PRIMARY KEY (order_number, line_no));
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key text PRIMARY KEY, request_hash text NOT NULL, order_number text NOT NULL REFERENCES orders(number),
    created_at text NOT NULL);
