-- Callbacks are worked from the console: one agent claims a request (claimed_by, so the list shows who has it without
-- reading every body), finishes it with an outcome or moves it to another time; the list is read open ones first by
-- preferred time.
ALTER TABLE callback_requests ADD COLUMN claimed_by TEXT;
CREATE INDEX IF NOT EXISTS ix_callback_requests_worklist ON callback_requests (done, preferred_at, id);
