#!/usr/bin/env bash
# Each analysis's time and peak memory at several sizes: the table of docs/benchmarks.md, "Analyses in
# bounded memory (issue #19)".
#
#   benchmarks/plugins.sh [--regctl BIN] [--before BIN] [--data DIR] [--runs R] N...
#
# For each N (firm records): generates the data once (regctl-gen --format xml into DATA/gen-N), loads it
# once into DATA/plugins-N.sqlite, then runs every plugin with its defaults as benchmarks/run does
# (`--format csv`; profile: the first park) R times (default 3) on a registry in the page cache, and
# prints a Markdown table: the median wall time, the median CPU time (user + system) and the largest
# peak RSS. With --before BIN, each plugin runs with that binary too, interleaved run by run, and the two
# answers are compared with cmp (an analysis made cheaper must answer byte for byte the same).
# CPU seconds and peak RSS are stable on a shared machine; wall time only when the load is low, so the
# load average is printed beside each table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REGCTL=$ROOT/.build/release/regctl
GEN=$ROOT/.build/release/regctl-gen
BEFORE=
DATA=${TMPDIR:-/tmp}/regctl-plugins
RUNS=3
SIZES=()
while [ $# -gt 0 ]; do
    case $1 in
        --regctl) REGCTL=$2; shift 2 ;;
        --before) BEFORE=$2; shift 2 ;;
        --data) DATA=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) SIZES+=("$1"); shift ;;
    esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
for bin in "$REGCTL" ${BEFORE:+"$BEFORE"}; do
    [ -x "$bin" ] || { echo "no executable $bin (swift build -c release --product regctl)" >&2; exit 1; }
done
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$DATA"

# One run: wall seconds, CPU seconds, peak KiB on one line; the answer in $4.
measure() {
    local out=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$DATA/time.txt" "$@" > "$out"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$DATA/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for N in "${SIZES[@]}"; do
    D=$DATA/gen-$N
    R=$DATA/plugins-$N.sqlite
    if [ ! -f "$D/xml/filing.xml" ]; then
        # Only generating needs regctl-gen: data made before (or linked into DATA) is used as it is.
        [ -x "$GEN" ] || { echo "no executable $GEN (swift build -c release --product regctl-gen)" >&2; exit 1; }
        echo "generating $N firms into $D" >&2
        "$GEN" --firms "$N" --out "$D" --format xml --quiet
    fi
    if [ ! -f "$R" ]; then
        echo "loading $D/xml into $R" >&2
        "$REGCTL" load "$D/xml" --registry "$R" -q
    fi
    PARK=$(grep -m1 -o '<park id="[^"]*"' "$D/xml/filing.xml" | cut -d'"' -f2)
    echo
    echo "### $N firms ($(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    if [ -n "$BEFORE" ]; then
        echo "| plugin | wall s before | wall s after | CPU s before | CPU s after | peak MB before | peak MB after | same answer |"
        echo "|---|---:|---:|---:|---:|---:|---:|---|"
    else
        echo "| plugin | wall s | CPU s | peak MB |"
        echo "|---|---:|---:|---:|"
    fi
    for plugin in rank growth transfers incubators screen profile; do
        args=("$plugin")
        label=$plugin
        if [ "$plugin" = profile ]; then args+=("$PARK"); label="profile PARK"; fi
        args+=(--registry "$R" --format csv)
        : > "$DATA/after.runs"; : > "$DATA/before.runs"
        for _ in $(seq "$RUNS"); do
            cat "$R" > /dev/null
            measure "$DATA/after.csv" "$REGCTL" "${args[@]}" >> "$DATA/after.runs"
            if [ -n "$BEFORE" ]; then
                cat "$R" > /dev/null
                measure "$DATA/before.csv" "$BEFORE" "${args[@]}" >> "$DATA/before.runs"
            fi
        done
        col() { awk -v c="$2" '{ print $c }' "$1"; }
        wall=$(col "$DATA/after.runs" 1 | median); cpu=$(col "$DATA/after.runs" 2 | median)
        peak=$(col "$DATA/after.runs" 3 | sort -n | tail -1)
        if [ -n "$BEFORE" ]; then
            bwall=$(col "$DATA/before.runs" 1 | median); bcpu=$(col "$DATA/before.runs" 2 | median)
            bpeak=$(col "$DATA/before.runs" 3 | sort -n | tail -1)
            same=$(cmp -s "$DATA/before.csv" "$DATA/after.csv" && echo yes || echo "**no**")
            printf '| %s | %s | %s | %s | %s | %d | %d | %s |\n' "$label" "$bwall" "$wall" "$bcpu" "$cpu" $((bpeak / 1024)) $((peak / 1024)) "$same"
        else
            printf '| %s | %s | %s | %d |\n' "$label" "$wall" "$cpu" $((peak / 1024))
        fi
    done
done
