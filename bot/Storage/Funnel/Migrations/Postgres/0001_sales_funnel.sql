-- The sales funnel per day in the sales time zone: one row per subject (conversation, cart, order, handoff) and stage,
-- written by every instance; the primary key makes a second instance's record of the same stage a no-op.
CREATE TABLE IF NOT EXISTS sales_funnel (
    day     date NOT NULL,
    stage   text NOT NULL,
    subject text NOT NULL,
    detail  text,
    at      timestamptz NOT NULL,
    PRIMARY KEY (day, stage, subject)
);
