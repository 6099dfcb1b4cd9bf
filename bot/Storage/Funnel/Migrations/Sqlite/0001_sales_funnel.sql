-- The sales funnel per day in the sales time zone: one row per subject (conversation, cart, order, handoff) and stage.
CREATE TABLE IF NOT EXISTS sales_funnel (
    day     TEXT NOT NULL,
    stage   TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT,
    at      TEXT NOT NULL,
    PRIMARY KEY (day, stage, subject)
);
