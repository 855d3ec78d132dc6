-- Floor: the sqlite3 shell's .import of every CSV filing into a fresh file, one table per kind (the
-- shell creates it from the header, every column TEXT, and imports each file in one transaction).
-- benchmarks/run replaces @CSV@ with the absolute folder.
.mode csv
.import @CSV@/parks.csv park
.import @CSV@/firms.csv firm
.import @CSV@/incubators.csv incubator
.import @CSV@/designations.csv designation
.import @CSV@/incubations.csv incubation
.import @CSV@/annual-reports.csv annual_report
.import @CSV@/transfers.csv transfer
