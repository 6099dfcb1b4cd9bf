-- The migration journal (schemaversions) now records which scripts ran; the first release's own bookkeeping
-- (meta.schema_version = 1) has no further use.
DROP TABLE IF EXISTS meta;
