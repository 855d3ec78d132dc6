#!/usr/bin/env bash
# Load test of `regctl serve` against Datasette on the same registry file (docs/benchmarks.md, "regctl
# serve under load"): regctl-gen's N firms (default 1,000,000) loaded from CSV into a SQLite registry;
# `regctl serve` (release build) and Datasette (PyPI) serve that file, read-only, on loopback; both
# answer the same ranking (rank's defaults: national little giants by province): regctl at
# /api/v1/rank, Datasette by SQL (benchmarks/queries/rank-sqlite.sql as a canned query, JSON). The two
# answers are checked to be the same numbers, then wrk (Debian's) loads each for DURATION seconds with
# CONNECTIONS connections:
#
#   regctl, cached     the same request again and again (the normal case: an answer is kept per
#                      registry state, so each request costs the state read and a look-up)
#   regctl, uncached   each request with another `top` (100, 101, …: the same rows, a new cache key),
#                      so every request computes the ranking, as Datasette does every time
#   Datasette          the canned query, computed every time (Datasette keeps no answers)
#
# Usage: benchmarks/serve-load.sh [--no-build] [N]   (DURATION=20 CONNECTIONS=8 in the environment)
# Needs: wrk (apt-get install -y wrk), datasette (pip install datasette), Swift. Stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
N=${1:-1000000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
DATA=${DATA:-benchmarks/data/serve-$N}
for tool in wrk datasette python3; do
  command -v "$tool" >/dev/null || { echo "benchmarks/serve-load.sh: $tool is missing (wrk: apt-get install -y wrk; datasette: pip install datasette)" >&2; exit 2; }
done
if [ $build = 1 ]; then
  swift build -c release --product regctl >&2
  swift build -c release --product regctl-gen >&2
fi
BIN=${BIN:-.build/release}
mkdir -p "$DATA/results"
RES="$DATA/results"
if [ ! -f "$DATA/gen/csv/firms.csv" ]; then
  "$BIN/regctl-gen" --firms "$N" --out "$DATA/gen" --format csv >/dev/null
fi
REG="$DATA/registry.sqlite"
if [ ! -f "$REG" ]; then
  "$BIN/regctl" load "$DATA/gen/csv" --registry "$REG" | tail -1
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

RP=$(free_port)
"$BIN/regctl" serve --registry "$REG" --port "$RP" --quiet --max-in-flight "$CONNECTIONS" >"$RES/regctl-serve.out" 2>&1 &
pids+=($!)
DP=$(free_port)
python3 - "$RES/metadata.json" benchmarks/queries/rank-sqlite.sql <<'PY'
import json, sys
sql = "\n".join(l for l in open(sys.argv[2], encoding="utf-8") if not l.startswith("--"))
json.dump({"databases": {"registry": {"queries": {"rank": {"sql": sql}}}}}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
# Read-only and immutable, as regctl serve is read-only: the file is not changed while served.
datasette serve -i "$REG" --port "$DP" --metadata "$RES/metadata.json" >"$RES/datasette.out" 2>&1 &
pids+=($!)
REGCTL_URL="http://127.0.0.1:$RP/api/v1/rank"
DATASETTE_URL="http://127.0.0.1:$DP/registry/rank.json?_shape=array"
wait_for "http://127.0.0.1:$RP/healthz"
wait_for "http://127.0.0.1:$DP/-/versions.json"

# The same numbers: (rank, province code, count) from both.
curl -fsS "$REGCTL_URL" >"$RES/answer-regctl.json"
curl -fsS "$DATASETTE_URL" >"$RES/answer-datasette.json"
python3 - "$RES/answer-regctl.json" "$RES/answer-datasette.json" <<'PY' | tee "$RES/answer-check.txt"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))["rows"]
d = json.load(open(sys.argv[2], encoding="utf-8"))
a = [(int(x["rank"]), str(x["code"]), int(x["count"])) for x in r]
b = [(int(x["rank"]), str(x["code"]), int(x["count"])) for x in d]
if a != b:
    print("the answers differ:\nregctl    ", a[:5], "\ndatasette ", b[:5]); sys.exit(1)
print(f"the same answer from both: {len(a)} provinces, {sum(x[2] for x in a):,} firms counted")
PY


cat >"$RES/vary-top.lua" <<'LUA'
-- Each request another `top` (100, 101, …): the same rows, a key the cache has not seen.
local n = 100
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?top=" .. n)
end
LUA

run() {  # name url [script]
  local name=$1 url=$2 script=${3:-}
  # --timeout: a request is measured however long it takes (wrk's default drops those over 2 s).
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s --latency ${script:+-s "$script"} "$url" >"$RES/wrk-$name.txt"
}
curl -fsS -o /dev/null "$REGCTL_URL"   # the cached answer is there before the cached run
run regctl-cached "$REGCTL_URL"
run regctl-uncached "$REGCTL_URL" "$RES/vary-top.lua"
run datasette "$DATASETTE_URL"

python3 - "$RES" "$N" "$DURATION" "$CONNECTIONS" "$RES/answer-check.txt" <<'PY' | tee "$RES/table.md"
import re, sys, os
res, n, duration, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def ms(s):
    v, unit = re.match(r"([\d.]+)(us|ms|s)", s).groups()
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rows = {}
for name in ["regctl-cached", "regctl-uncached", "datasette"]:
    t = open(os.path.join(res, f"wrk-{name}.txt")).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    errors = re.search(r"Socket errors: (.*)", t)
    rows[name] = (rps, p50, p99, int(bad.group(1)) if bad else 0, errors.group(1) if errors else "none")
print(f"{n:,} firms, {conns} connections, {duration} s each (wrk -t2 --timeout 60s --latency), load average {os.getloadavg()[0]:.1f} when done; "
      + open(sys.argv[5]).read().strip() + ".\n")
print("| server, request | requests/s | p50 | p99 | non-2xx | vs Datasette: requests/s | p99 |")
print("|---|---:|---:|---:|---:|---:|---:|")
d = rows["datasette"]
labels = {"regctl-cached": "regctl serve, cached (same request)", "regctl-uncached": "regctl serve, uncached (new `top` each time)",
          "datasette": "Datasette, canned SQL query"}
for name, (rps, p50, p99, bad, err) in rows.items():
    if name == "datasette":
        ratio = "1× | 1×"
    else:
        ratio = f"{rps / d[0]:.1f}× | " + (f"{d[2] / p99:.1f}× lower" if p99 < d[2] else f"{p99 / d[2]:.1f}× higher")
    print(f"| {labels[name]} | {rps:,.0f} |" if rps >= 100 else f"| {labels[name]} | {rps:.1f} |", end="")
    print(f" {p50:.1f} ms | {p99:.1f} ms | {bad} | {ratio} |")
print("\nwrk's socket errors: " + "; ".join(f"{k} {v[4]}" for k, v in rows.items()) + ".")
PY
# The table into docs/benchmarks.md, between its markers (the words around it are written by hand).
if [ "${WRITE_DOCS:-1}" = 1 ] && grep -q '<!-- serve:table:begin' docs/benchmarks.md; then
  python3 - "$RES/table.md" docs/benchmarks.md <<'PY'
import re, sys
table, doc = open(sys.argv[1], encoding="utf-8").read().strip(), sys.argv[2]
text = open(doc, encoding="utf-8").read()
text = re.sub(r"(<!-- serve:table:begin[^>]*-->\n).*?(\n<!-- serve:table:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
open(doc, "w", encoding="utf-8").write(text)
PY
fi
