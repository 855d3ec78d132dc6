-- Peer: DuckDB loads the CSV filings into a persistent database file, one table per kind, as
-- CREATE TABLE … AS SELECT * FROM read_csv(…) with DuckDB's own type detection. Columns holding codes
-- are read as text, so that 430211 stays a code (and a USCC of digits only a string).
-- benchmarks/run replaces @CSV@ and @AUX@ with absolute folders.
CREATE TABLE park AS SELECT * FROM read_csv('@CSV@/parks.csv', header = true,
    types = {'id': 'VARCHAR', 'region': 'VARCHAR'});
CREATE TABLE firm AS SELECT * FROM read_csv('@CSV@/firms.csv', header = true,
    types = {'uscc': 'VARCHAR', 'region': 'VARCHAR', 'park': 'VARCHAR', 'industry': 'VARCHAR'});
CREATE TABLE incubator AS SELECT * FROM read_csv('@CSV@/incubators.csv', header = true,
    types = {'id': 'VARCHAR', 'region': 'VARCHAR', 'park': 'VARCHAR', 'operator': 'VARCHAR'});
CREATE TABLE designation AS SELECT * FROM read_csv('@CSV@/designations.csv', header = true,
    types = {'uscc': 'VARCHAR', 'firm': 'VARCHAR', 'region': 'VARCHAR', 'batch': 'VARCHAR', 'status': 'VARCHAR',
             'valid-from': 'DATE', 'valid-to': 'DATE', 'revoked-on': 'DATE'});
CREATE TABLE incubation AS SELECT * FROM read_csv('@CSV@/incubations.csv', header = true,
    types = {'uscc': 'VARCHAR', 'incubator': 'VARCHAR'});
CREATE TABLE annual_report AS SELECT * FROM read_csv('@CSV@/annual-reports.csv', header = true,
    types = {'uscc': 'VARCHAR'});
CREATE TABLE transfer AS SELECT * FROM read_csv('@CSV@/transfers.csv', header = true,
    types = {'id': 'VARCHAR', 'recipient': 'VARCHAR'});
-- The filings' sidecars (id, authority, issue date, kind), and the region names designations by name state.
CREATE TABLE filing AS SELECT * FROM read_json('@CSV@/*.csv.meta.json');
CREATE TABLE unit AS SELECT * FROM read_csv('@AUX@/units.csv', header = true, types = {'name': 'VARCHAR', 'unit': 'VARCHAR'});
