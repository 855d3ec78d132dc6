-- `regctl rank` with its defaults (national little giants by province, planned cities merged, as of the
-- newest issue date) in SQL on regctl's own registry file (Sources/Core/Storage/Schema.swift).
--
-- The rule of docs/analytics.md, "Active designation on D": only current facts; not revoked by D (a
-- revocation takes effect on revoked-on, else on the issue date of the filing that states it, and a
-- revoked designation with neither is never active); begun by D (valid-from, else 1 January of the
-- year); not expired (valid-to absent or on or after D). A firm counts once. A designation by name
-- counts for the firm it resolved to (column `resolved`), else as a provisional firm in the province of
-- its stated unit. Ranks are standard competition ranks, ties by code.
WITH as_of(d) AS (SELECT max(issued) FROM filing),
counted AS (
  SELECT DISTINCT
         CASE WHEN f.uscc IS NOT NULL THEN f.uscc ELSE '~' || d.name_key || '@' || d.unit END AS firm,
         CASE WHEN f.uscc IS NOT NULL THEN f.province ELSE substr(d.unit, 1, 2) END AS province
  FROM designation d
  JOIN filing fl ON fl.seq = d.filing
  LEFT JOIN firm f ON f.nk = d.resolved AND f.current = 1
  CROSS JOIN as_of
  WHERE d.current = 1 AND d.program = 'little-giant' AND d.level = 'national'
    AND NOT (d.status = 'revoked' AND coalesce(d.revoked_on, fl.issued, '0000-00-00') <= as_of.d)
    AND coalesce(d.valid_from, d.year || '-01-01') <= as_of.d
    AND (d.valid_to IS NULL OR d.valid_to >= as_of.d)
)
SELECT rank() OVER (ORDER BY count(*) DESC) AS rank, province AS code, count(*) AS count
FROM counted GROUP BY province ORDER BY count(*) DESC, province;
