-- PostgreSQL keeps the state in its row from this step; SQLite has always stored it in its row as written.
SELECT 1;
