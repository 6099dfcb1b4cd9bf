-- A conversation's state (2–5 KB of JSON text) is kept in its row, uncompressed. By default PostgreSQL compresses a
-- value once its row passes about 2 KB and moves it to the TOAST table, so every turn's write compressed the state
-- and replaced its TOAST chunks (and their index entries), and every read fetched and decompressed them. Rows stay
-- as they are until written again; both settings change only the catalog (no rewrite, a brief lock). A state too
-- large for a page is still compressed (MAIN), and moved out only when even that does not fit.
ALTER TABLE bot_state SET (toast_tuple_target = 8160);
ALTER TABLE bot_state ALTER COLUMN data SET STORAGE MAIN;
