-- Conversation state is stored as the text the bot wrote, not as jsonb: nothing queries inside it, and jsonb cost every
-- turn a parse on the server when written, a conversion back to text when read, and on the bot a structural comparison
-- (jsonb does not keep the text, so "unchanged" could not be a string comparison). The ALTER rewrites the table once,
-- under an exclusive lock: the retention sweep keeps it to the conversations of the last days. Instances of the previous
-- release keep working against the new column (their jsonb values are assigned to text).
ALTER TABLE bot_state ALTER COLUMN data TYPE text USING data::text;
