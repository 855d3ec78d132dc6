#!/usr/bin/env bash
# Loads the same N name-only designations (序号|省份|企业名称|认定年度, program and level by --set) once
# as an .xlsx in the published layout (merged title, provinces merged down, 合计, a 说明 sheet) and
# once as a CSV, each into a fresh registry, with the release build; issue #15's target is the
# workbook within 1.5× the CSV. Figures go in docs/benchmarks.md ("Excel workbooks").
#   benchmarks/xlsx-load.sh [ROWS]       default 100000; needs hyperfine
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
data=benchmarks/data/xlsx
mkdir -p "$data"
wb=$data/designations-$rows.xlsx
csv=$data/designations-$rows.csv
[ -f "$wb" ] && [ -f "$csv" ] || tools/gen-xlsx-fixtures.py --bench-load "$rows" "$wb" "$csv"
swift build -c release --product regctl >/dev/null
bin=$(swift build -c release --show-bin-path)/regctl
reg=$data/load-bench.sqlite
set_args="--kind designation --set program=little-giant --set level=national --quiet"
ls -l "$wb" "$csv"
hyperfine --warmup 1 --runs 5 --export-markdown "$data/load-results-$rows.md" \
  --prepare "rm -f $reg $reg-wal $reg-shm" \
  -n "regctl load (xlsx)" "$bin load $wb --registry $reg $set_args" \
  -n "regctl load (csv)" "$bin load $csv --registry $reg $set_args"
# Peak memory and CPU of each (GNU time).
for f in "$wb" "$csv"; do
  rm -f $reg $reg-wal $reg-shm
  /usr/bin/time -f "%e s wall, %U s user, %M KiB peak: $f" "$bin" load "$f" --registry "$reg" $set_args
done
rm -f $reg $reg-wal $reg-shm
