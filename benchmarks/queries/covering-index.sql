-- Indexes that cover rank-sqlite.sql, added to a copy of regctl's registry for the "sqlite3 with a
-- covering index" run (regctl's own schema covers what rank reads of designations since migration v3,
-- not of firms).
CREATE INDEX bench_designation_rank ON designation(program, level, current, status, revoked_on, valid_from, valid_to,
                                                   year, filing, resolved, name_key, unit);
CREATE INDEX bench_firm_rank ON firm(nk, current, uscc, province);
ANALYZE;
