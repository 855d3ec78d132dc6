#!/usr/bin/env bash
# Reads a 100,000-row list in the published layout (序号|省份|企业名称|统一社会信用代码|所属领域|认定年度,
# shared strings, a merged title) with regctl's workbook reader, openpyxl (read_only) and
# python-calamine; figures go in docs/excel.md.
#   benchmarks/xlsx-read.sh [ROWS]       default 100000; needs hyperfine, pip install openpyxl python-calamine
# The reader runs through FuzzXLSX --read (release build), which reads every sheet with the default
# limits and counts rows and cells, as the loader will. A second workbook without the merged title
# shows what the first pass over a sheet (for its merged ranges) costs.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
data=benchmarks/data/xlsx
mkdir -p "$data"
wb=$data/list-$rows.xlsx
flat=$data/list-$rows-no-merges.xlsx
[ -f "$wb" ] || tools/gen-xlsx-fixtures.py --bench "$rows" "$wb"
[ -f "$flat" ] || tools/gen-xlsx-fixtures.py --bench "$rows" "$flat" --no-merges
swift build -c release --product FuzzXLSX >/dev/null
bin=$(swift build -c release --show-bin-path)/FuzzXLSX
for f in "$wb" "$flat"; do
  echo "$f: $($bin --read "$f") (regctl), $(python3 benchmarks/peers/xlsx_read.py openpyxl "$f") (openpyxl), $(python3 benchmarks/peers/xlsx_read.py calamine "$f") (calamine)"
done
hyperfine --warmup 1 --runs 5 --export-markdown "$data/results-$rows.md" \
  -n regctl "$bin --read $wb" \
  -n regctl-no-merges "$bin --read $flat" \
  -n openpyxl-read-only "python3 benchmarks/peers/xlsx_read.py openpyxl $wb" \
  -n python-calamine "python3 benchmarks/peers/xlsx_read.py calamine $wb"
# Peak memory of each (GNU time's maximum resident set size).
for cmd in "$bin --read $wb" "python3 benchmarks/peers/xlsx_read.py openpyxl $wb" "python3 benchmarks/peers/xlsx_read.py calamine $wb"; do
  /usr/bin/time -f "%M KiB peak: $cmd" $cmd >/dev/null
done
