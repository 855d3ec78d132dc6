#!/usr/bin/env python3
"""Turns run's raw results (results/) into the Markdown tables of README.md."""
import json
import re
import statistics
import sys
from pathlib import Path

res = Path(sys.argv[1])
out = []
p = out.append


def read(name):
    f = res / name
    return f.read_text().strip() if f.exists() else None


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib >= 10240 else f"{kib / 1024:.1f} MiB"


def ratio(a, b):
    return f"{a / b:.2f}×"


p("Machine and setup:\n")
p("```")
p(read("machine.txt"))
p("```\n")

# 1. builds
if read("build-debug-copy-libpq.time"):
    p("### 1. Build (clean, first, debug; resolution excluded) and binaries (release)\n")
    p("| | copy-libpq | copy-nio | nio / libpq |")
    p("|---|---:|---:|---:|")
    d = {k: [float(x) for x in read(f"build-debug-{k}.time").split()] for k in ("copy-libpq", "copy-nio")}
    p(f"| debug build, wall | {d['copy-libpq'][0]:.1f} s | {d['copy-nio'][0]:.1f} s | {ratio(d['copy-nio'][0], d['copy-libpq'][0])} |")
    cpu = {k: v[1] + v[2] for k, v in d.items()}
    p(f"| debug build, CPU (user+sys) | {cpu['copy-libpq']:.1f} s | {cpu['copy-nio']:.1f} s | {ratio(cpu['copy-nio'], cpu['copy-libpq'])} |")
    st = {k: read(f"build-debug-{k}.steps") or "?" for k in d}
    p(f"| build steps (SwiftPM's count) | {st['copy-libpq']} | {st['copy-nio']} | |")
    mods, cfiles = {}, {}
    for k in d:
        log = read(f"build-debug-{k}.log") or ""
        # "Compiling Module file.swift[, ...]" for Swift; "Compiling [Module ]file.cc" for C, C++, assembly.
        lines = re.findall(r"^\[\d+/\d+\] Compiling (.*)$", log, re.M)
        cfiles[k] = sum(1 for x in lines if re.search(r"\.(c|cc|cpp|S)$", x))
        mods[k] = len({x.split()[0] for x in lines if len(x.split()) > 1 and ".swift" in x})
    p(f"| Swift modules compiled | {mods['copy-libpq']} | {mods['copy-nio']} | |")
    p(f"| C, C++ and assembly files compiled (BoringSSL, NIO's shims) | {cfiles['copy-libpq']} | {cfiles['copy-nio']} | |")
else:
    p("### 1. Binaries (release)\n")
    p("| | copy-libpq | copy-nio | nio / libpq |")
    p("|---|---:|---:|---:|")
if read("build-release-copy-libpq.time"):
    r = {k: [float(x) for x in read(f"build-release-{k}.time").split()] for k in ("copy-libpq", "copy-nio")}
    p(f"| release build, wall (clean) | {r['copy-libpq'][0]:.1f} s | {r['copy-nio'][0]:.1f} s | {ratio(r['copy-nio'][0], r['copy-libpq'][0])} |")
    rc = {k: v[1] + v[2] for k, v in r.items()}
    p(f"| release build, CPU (user+sys) | {rc['copy-libpq']:.1f} s | {rc['copy-nio']:.1f} s | {ratio(rc['copy-nio'], rc['copy-libpq'])} |")
s = {k: [int(x) for x in read(f"size-{k}.txt").split()] for k in ("copy-libpq", "copy-nio")}
p(f"| release binary | {s['copy-libpq'][0] / 1e6:.2f} MB | {s['copy-nio'][0] / 1e6:.2f} MB | {ratio(s['copy-nio'][0], s['copy-libpq'][0])} |")
p(f"| release binary, stripped | {s['copy-libpq'][1] / 1e6:.2f} MB | {s['copy-nio'][1] / 1e6:.2f} MB | {ratio(s['copy-nio'][1], s['copy-libpq'][1])} |")
p(f"| shared libraries (ldd lines) | {s['copy-libpq'][2]} | {s['copy-nio'][2]} | |")
p("")

# 2. COPY
rows = [(line.split("\t") + [""])[:4] for line in read("copy.tsv").splitlines()]
by = {}
for client, run, times, output in rows:
    e, u, sy, m = times.split()[-4:]
    inner = None
    for word in output.split():
        if word.startswith("seconds="):
            inner = float(word.split("=")[1])
    by.setdefault(client, []).append((float(e), float(u) + float(sy), int(m), inner))
n = min(len(v) for v in by.values())
import re
m_rows = re.search(r"data: (.*), (\d+) rows", read("machine.txt") or "")
nrows = f"{int(m_rows.group(2)):,}" if m_rows else "?"
p(f"### 2. COPY of the {nrows}-row firms.csv into firms_bare (one transaction; median of {n} runs)\n")
p("| client | wall (process) | load as the tool times it | client CPU (user+sys) | peak RSS | wall / psql | wall / copy-libpq |")
p("|---|---:|---:|---:|---:|---:|---:|")
med = {k: statistics.median(x[0] for x in v) for k, v in by.items()}
for k in ("copy-libpq", "copy-nio", "psql"):
    v = by[k]
    inner = [x[3] for x in v if x[3] is not None]
    inner_s = f"{statistics.median(inner):.2f} s" if inner else "—"
    runs = ", ".join(f"{x[0]:.2f}" for x in v)
    label = {"psql": "psql `\\copy … CSV HEADER`"}.get(k, k)
    p(f"| {label} | {med[k]:.2f} s ({runs}) | {inner_s} | {statistics.median(x[1] for x in v):.2f} s "
      f"| {mib(max(x[2] for x in v))} | {ratio(med[k], med['psql'])} | {ratio(med[k], med['copy-libpq'])} |")
p("")
check = read("check.txt")
if check:
    p("Every client left the same table (count, count(park), count(status), sum(length(name)), md5 of the ordered USCCs):")
    p("```")
    p(check)
    p("```\n")

# 3. query latency
titles = {
    "loaded": "count(*) over the loaded 1M rows, `sslmode=disable`",
    "empty": "the table emptied (start-up + connect + SCRAM auth + a trivial query), `sslmode=disable`",
    "empty-prefer": "the table emptied, `sslmode=prefer` (libpq's default; the server has no TLS)",
}
p("### 3. A new process: connect, `SELECT count(*) FROM firms_bare`, exit (hyperfine, no shell)\n")
p("| case | copy-libpq | copy-nio | psql -c | nio / libpq |")
p("|---|---:|---:|---:|---:|")
for key, title in titles.items():
    f = res / f"query-{key}.json"
    if not f.exists():
        continue
    data = {r["command"]: r for r in json.loads(f.read_text())["results"]}
    cell = lambda c: f"{data[c]['median'] * 1000:.1f} ms ± {data[c]['stddev'] * 1000:.1f}"
    runs = len(data["copy-libpq"]["times"])
    p(f"| {title} ({runs} runs; median ± sd) | {cell('copy-libpq')} | {cell('copy-nio')} | {cell('psql')} "
      f"| {ratio(data['copy-nio']['median'], data['copy-libpq']['median'])} |")
rss = {k: read(f"query-rss-{k}.txt") for k in ("copy-libpq", "copy-nio", "psql")}
if all(rss.values()):
    m = {k: statistics.median(int(x) for x in v.split()) for k, v in rss.items()}
    p(f"| peak RSS of one query process | {mib(m['copy-libpq'])} | {mib(m['copy-nio'])} | {mib(m['psql'])} "
      f"| {ratio(m['copy-nio'], m['copy-libpq'])} |")
p("")
print("\n".join(out))
