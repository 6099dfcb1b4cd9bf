-- What each line plan includes, so plans are compared and recommended from the catalog (one row per plan and
-- feature, in the order a comparison lists them). Seeded by the service for the plans in the catalog.
CREATE TABLE IF NOT EXISTS plan_features (
    sku TEXT NOT NULL REFERENCES products(sku), code TEXT NOT NULL, name TEXT NOT NULL,
    included INTEGER NOT NULL, value TEXT NOT NULL, sort_order INTEGER NOT NULL,
    PRIMARY KEY (sku, code));
