-- PostgreSQL's state column becomes text in this step; SQLite has always kept the JSON text as written.
SELECT 1;
