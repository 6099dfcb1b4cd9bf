-- What each line plan includes, so plans are compared and recommended from the catalog (one row per plan and
-- feature, in the order a comparison lists them). Seeded by the service for the plans in the catalog.
CREATE TABLE IF NOT EXISTS plan_features (
    sku text NOT NULL REFERENCES products(sku), code text NOT NULL, name text NOT NULL,
    included boolean NOT NULL, value text NOT NULL, sort_order integer NOT NULL,
    PRIMARY KEY (sku, code));
