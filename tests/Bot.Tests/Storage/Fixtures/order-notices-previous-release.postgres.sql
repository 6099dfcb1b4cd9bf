-- The shipment notices' PostgreSQL tables exactly as the release before the notice migrations left them: created at
-- run time by its OrderNoticeStore (CREATE TABLE IF NOT EXISTS, no journal), beside the bot's other tables; then the
-- rows that store wrote: the conversations of two orders (a Web Chat one and a Teams personal chat), three notices
-- (sent, undeliverable with the channel's answer, updates off) and the status feed's cursor. Dumped with
-- pg_dump --inserts; loaded after stores-previous-release.postgres.sql, into the same schema.
CREATE TABLE order_conversations (
    order_number text NOT NULL,
    user_id text NOT NULL,
    reference text NOT NULL,
    recorded_at text NOT NULL
);
CREATE TABLE order_notice_cursor (
    name text NOT NULL,
    seq bigint NOT NULL
);
CREATE TABLE order_notices (
    event_id text NOT NULL,
    order_number text NOT NULL,
    status text NOT NULL,
    outcome text NOT NULL,
    detail text,
    claimed_at text NOT NULL,
    finished_at text
);
INSERT INTO order_conversations VALUES ('SO-2026-68686', 'kim.ordering', '{"activityId":"8JcSe0ybqLW|0000006","user":{"id":"dl_kim","name":null,"aadObjectId":null,"role":"user"},"bot":{"id":"salesbot","name":"My 8x8 Sales","aadObjectId":null,"role":"bot"},"conversation":{"isGroup":null,"conversationType":null,"id":"8JcSe0ybqLW","name":null,"aadObjectId":null,"role":null,"tenantId":null},"channelId":"webchat","locale":"en-US","serviceUrl":"http://127.0.0.1:3978/directline/connector/4kq2Zp7x/"}', '2026-11-30T18:04:12.0000000+00:00');
INSERT INTO order_conversations VALUES ('SO-2026-70412', 'ava.ordering', '{"activityId":"1:7f0c9e1d2b","user":{"id":"29:ava-teams-id","name":"Ava Martinez","aadObjectId":"a1a1a1a1-0000-4000-8000-000000000001","role":null},"bot":{"id":"28:00000000-0000-0000-0000-0000000b0700","name":"My 8x8 Sales","aadObjectId":null,"role":null},"conversation":{"isGroup":null,"conversationType":"personal","id":"a:1c5b0e4f9a2d84e3b9f6a7c01d2e3f4a5","name":null,"aadObjectId":null,"role":null,"tenantId":"0f6b2c1a-0001-4a5e-9d1e-acde00000001"},"channelId":"msteams","locale":"en-US","serviceUrl":"https://smba.trafficmanager.net/amer/"}', '2026-11-30T20:04:12.0000000+00:00');
INSERT INTO order_notice_cursor VALUES ('feed', 41);
INSERT INTO order_notices VALUES ('lifecycle-SO-2026-68686-2', 'SO-2026-68686', 'Shipped', 'Sent', NULL, '2026-11-30T18:34:12.0000000+00:00', '2026-11-30T18:34:13.0000000+00:00');
INSERT INTO order_notices VALUES ('lifecycle-SO-2026-68686-3', 'SO-2026-68686', 'Delivered', 'Undeliverable', 'the channel answered 404 NotFound', '2026-12-01T00:04:12.0000000+00:00', '2026-12-01T00:04:13.0000000+00:00');
INSERT INTO order_notices VALUES ('wms-7731', 'SO-2026-70412', 'Shipped', 'UpdatesOff', NULL, '2026-11-30T21:04:12.0000000+00:00', '2026-11-30T21:04:13.0000000+00:00');
ALTER TABLE ONLY order_conversations
    ADD CONSTRAINT order_conversations_pkey PRIMARY KEY (order_number);
ALTER TABLE ONLY order_notice_cursor
    ADD CONSTRAINT order_notice_cursor_pkey PRIMARY KEY (name);
ALTER TABLE ONLY order_notices
    ADD CONSTRAINT order_notices_pkey PRIMARY KEY (event_id);
