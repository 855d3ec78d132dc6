-- `regctl rank` with its defaults in SQL for DuckDB, on the tables DuckDB loaded from the CSV filings
-- (peers/duckdb_load.sql). The same active-designation rule as rank-sqlite.sql; what regctl's registry
-- precomputes is computed here from the raw columns:
--   * current facts: the CSV set holds one filing per kind, so every row is current;
--   * status: a designation is revoked when status says so, or when it states revoked-on without a
--     status (docs/filing-format.md); a revocation without a date takes effect on the issue date of the
--     designations' filing (its sidecar);
--   * designations by name resolve to the firm of that exact name (the generator's names need no
--     normalisation) whose region lies in the stated unit (aux/units.csv: province or planned city),
--     the first by USCC as regctl takes it; unresolved ones count as provisional firms in that unit;
--   * a firm's province is the first two digits of its region: the generator uses retired codes only
--     where the successor lies in the same province.
WITH as_of AS (SELECT max(CAST(issued AS DATE)) AS d FROM filing),
listed AS (SELECT CAST(issued AS DATE) AS issued FROM filing WHERE kind = 'designation'),
active AS (
  SELECT d.uscc, d.firm, d.region
  FROM designation d, as_of, listed
  WHERE d.program = 'little-giant' AND d.level = 'national'
    AND NOT (coalesce(d.status = 'revoked', d."revoked-on" IS NOT NULL)
             AND coalesce(d."revoked-on", listed.issued) <= as_of.d)
    AND coalesce(d."valid-from", make_date(d.year, 1, 1)) <= as_of.d
    AND (d."valid-to" IS NULL OR d."valid-to" >= as_of.d)
),
named AS (
  SELECT DISTINCT a.firm AS name, u.unit FROM active a JOIN unit u ON u.name = a.region WHERE a.uscc IS NULL
),
matched AS (
  SELECT n.name, n.unit, min(f.uscc) AS uscc, arg_min(f.region, f.uscc) AS region
  FROM named n JOIN firm f ON f.name = n.name
  WHERE starts_with(f.region, n.unit)
  GROUP BY n.name, n.unit
),
by_name AS (
  SELECT n.name, n.unit, m.uscc, m.region
  FROM named n LEFT JOIN matched m ON m.name = n.name AND m.unit = n.unit
),
counted AS (
  SELECT f.uscc AS firm, substr(f.region, 1, 2) AS province FROM active a JOIN firm f ON f.uscc = a.uscc
  UNION
  SELECT coalesce(uscc, '~' || name || '@' || unit), substr(coalesce(region, unit), 1, 2) FROM by_name
)
SELECT rank() OVER (ORDER BY count(*) DESC) AS rank, province AS code, count(*) AS count
FROM counted GROUP BY province ORDER BY count(*) DESC, province;
