#!/usr/bin/env python3
"""Generate Sources/Core/Model/RegionData.swift, the built-in GB/T 2260 region table.

Usage:
    python3 tools/gen-regions.py MCA_RESULT_CSV [NBS_AREAS_CSV] > Sources/Core/Model/RegionData.swift

MCA_RESULT_CSV  result.csv of https://github.com/yescallop/areacodes (MCA code history
                1981-2024, CC0 1.0; UTF-8 with BOM). Columns:
                代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码
NBS_AREAS_CSV   optional dist/areas.csv of https://github.com/modood/Administrative-divisions-of-China
                (NBS 2022 statistical codes, WTFPL v2). County-level codes in it that the MCA
                history never had (development zones etc.) are added as statistical codes.

Python 3 standard library only. The output depends only on the input files (rows are
sorted by code), so the same input always gives the same bytes.

What the generator decides (so the Swift side only has to split lines):
  * one row per distinct 6-digit code: level, status, name (in-use entry, else the latest one);
  * for every retired code, the in-use code it resolves to today (see `resolve_entry`);
  * for every in-use code, its usual short form (湖南省 -> 湖南, 广西壮族自治区 -> 广西);
  * a name for every 4-digit prefix that has no 地级 (xxxx00) entry of its own (1101, 5002, 4190 ...).
"""

import csv
import sys
from collections import Counter, defaultdict

# Provenance written into the header (see the README.md beside each input file).
MCA_SOURCE = ("https://github.com/yescallop/areacodes",
              "eed219a0678d36bacaa717f62443b10e869f0291", "CC0 1.0")
NBS_SOURCE = ("https://github.com/modood/Administrative-divisions-of-China",
              "57a0aa9cef47169a2eb74cf057b0245052a34e8c", "WTFPL v2")

LEVELS = {"省级": "p", "地级": "d", "县级": "c"}
IN_USE = "在用"
MUNICIPALITIES = ("11", "12", "31", "50")

# ---------------------------------------------------------------------------------------------
# Short forms


# Suffixes removed to form the short name, longest first. 林区/特区 are not listed on purpose
# (万柏林区 and 碑林区 are 区 whose names end in 林); the two real cases are overrides below.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区",
            "省", "市", "盟", "县", "区", "旗")
AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
SHORT_OVERRIDES = {"神农架林区": "神农架", "六枝特区": "六枝"}
# The 55 minority nationalities (plus 各族, as in 龙胜各族自治县). Autonomous names use both the
# "X族" form and, for multi-character X, the bare form (新疆维吾尔自治区, 伊犁哈萨克自治州).
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
          "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
          "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 "
          "基诺 各").split()
ETHNIC_TAILS = sorted({e + "族" for e in ETHNIC} | {e for e in ETHNIC if len(e) >= 2},
                      key=lambda s: (-len(s), s))


def short_form(name):
    """The usual short form of an in-use MCA name, or "" when it has none (at least 2 characters)."""
    if name in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[name]
    stem = ""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    if not stem:
        return ""
    if name.endswith(AUTONOMOUS):
        stripped = True
        while stripped:
            stripped = False
            for tail in ETHNIC_TAILS:
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem = stem[: -len(tail)]
                    stripped = True
                    break
    return stem


# ---------------------------------------------------------------------------------------------
# MCA history


class Entry:
    __slots__ = ("code", "name", "level", "in_use", "renamed", "start", "end", "targets", "partial")

    def __init__(self, row):
        self.code = row["代码"]
        self.name = row["名称"]
        self.level = LEVELS[row["级别"]]
        self.in_use = row["状态"] == IN_USE
        self.renamed = row["状态"] == "变更"
        self.start = int(row["启用时间"])
        self.end = int(row["变更/弃用时间"]) if row["变更/弃用时间"] else None
        parts = [p for p in row["新代码"].split(";") if p]
        # Un-bracketed targets are where the code went when it was retired; "code[year]" marks a
        # partial transfer in an earlier year.
        self.targets = [p for p in parts if "[" not in p]
        self.partial = [p.split("[")[0] for p in parts if "[" in p]

    def alive(self, year):
        return self.start <= year and (self.end is None or year < self.end)


def fail(message):
    sys.stderr.write("gen-regions.py: " + message + "\n")
    sys.exit(1)


def load_mca(path):
    by_code = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            code = row["代码"]
            if len(code) != 6 or not code.isdigit():
                fail("bad code %r" % code)
            if any(ch in row["名称"] for ch in "|\n\r\"#") or not row["名称"]:
                fail("unusable name %r" % row["名称"])
            by_code[code].append(Entry(row))
    for code, entries in by_code.items():
        entries.sort(key=lambda e: (e.start, e.end if e.end is not None else 10000))
        if sum(e.in_use for e in entries) > 1:
            fail("%s has several in-use entries" % code)
    return by_code


class Resolver:
    """Maps a retired entry to the in-use code its area lies in today.

    Each step goes from a retired entry to one successor code:
      1. its first un-bracketed 新代码 target. When several targets lie in different prefectures
         this still picks the first listed one, so that every code has exactly one answer (the
         first listed is normally the main successor; the others received parts);
      2. else, for a 变更 entry whose code has a new entry from that year, the code itself
         (renamed, code kept: 420600 襄樊市 -> 襄阳市);
      3. else, for a prefecture-level entry, the prefecture that received most of its counties
         (地区 abolished or merged; the MCA gives no 新代码 for units with children);
      4. else the last bracketed target (never needed with the 2024 data: all such entries are
         prefecture-level and handled by 3).
    The successor code is looked up as it was in the year of the change (codes are reused, so its
    in-use entry may be a later, unrelated unit) and followed on until an in-use entry is reached;
    a cycle or a dead end stops the generator.
    """

    def __init__(self, by_code):
        self.by_code = by_code
        self.inferred = 0

    def entry_at(self, code, year):
        entries = self.by_code.get(code)
        if not entries:
            return None
        for e in entries:
            if e.alive(year):
                return e
        # A few targets (e.g. 132700 -> 132733 in 1983) were themselves retired the same year or
        # earlier: take the latest entry that had started by then.
        started = [e for e in entries if e.start <= year]
        return started[-1] if started else entries[0]

    def prefecture_at(self, code, year):
        """The 地级 code (or the province code for directly administered units) of `code` in `year`."""
        pref = code[:4] + "00"
        e = self.entry_at(pref, year)
        if e is not None and e.level == "d" and e.alive(year):
            return pref
        return code[:2] + "0000"

    def successors(self, entry):
        if entry.targets:
            return entry.targets
        if entry.renamed and any(e.start == entry.end for e in self.by_code[entry.code]):
            # 变更 without un-bracketed targets, and the code has a new entry from that year: the
            # code was kept under a new name (420600 襄樊市 -> 襄阳市 in 2010).
            return [entry.code]
        if entry.level == "d":
            # A prefecture retired without a successor of its own: its bracketed targets, if any,
            # are partial transfers of earlier years (372800 临沂地区 -> 372802[1985] 日照市), so
            # look at where its counties went instead.
            inferred = self.successor_from_counties(entry)
            if inferred:
                self.inferred += 1
                return [inferred]
        if entry.partial:
            return [entry.partial[-1]]
        return []

    def successor_from_counties(self, entry):
        """The prefecture (or province) code that received most of the entry's counties.

        Votes are the counties under the entry's prefix in the year before it was retired, each
        counted where it lay in the year of the change. Ties go to the prefecture whose short
        name matches (新乡地区 -> 新乡市, not 焦作市), then to the lowest code.
        """
        year = entry.end
        votes = Counter()
        for code in sorted(self.by_code):
            if code[:4] != entry.code[:4] or code == entry.code:
                continue
            child = self.entry_at(code, year - 1)
            if child is None or not child.alive(year - 1) or child.level != "c":
                continue
            if child.alive(year):
                succ = child.code
            elif child.targets:
                succ = child.targets[0]
            elif child.renamed:
                succ = child.code
            else:
                continue
            votes[self.prefecture_at(succ, year)] += 1
        if not votes:
            return None
        stem = short_form(entry.name)

        def rank(pref):
            same_name = any(e.alive(year) and stem and short_form(e.name) == stem
                            for e in self.by_code.get(pref, []))
            return (-votes[pref], not same_name, pref)

        return min(votes, key=rank)

    def resolve_entry(self, entry):
        seen = set()
        while not entry.in_use:
            key = (entry.code, entry.start)
            if key in seen:
                fail("cycle while resolving %s" % entry.code)
            seen.add(key)
            succ = self.successors(entry)
            if not succ:
                fail("%s %s (retired %s) has no successor" % (entry.code, entry.name, entry.end))
            nxt = self.entry_at(succ[0], entry.end)
            if nxt is None:
                fail("%s points to unknown code %s" % (entry.code, succ[0]))
            entry = nxt
        return entry.code


# ---------------------------------------------------------------------------------------------
# Output


def load_nbs(path, by_code):
    extras = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            code, name = row["code"], row["name"]
            if len(code) != 6 or not code.isdigit():
                fail("bad NBS code %r" % code)
            if row["cityCode"] != code[:4] or row["provinceCode"] != code[:2]:
                fail("NBS code %s does not lie in its own prefecture" % code)
            if code in by_code:
                continue
            if any(ch in name for ch in "|\n\r\"#") or not name:
                fail("unusable NBS name %r" % name)
            if not any(e.in_use for e in by_code.get(code[:2] + "0000", [])):
                fail("NBS code %s has no in-use province" % code)
            extras.append((code, name))
    return sorted(extras)


def prefix_names(by_code, codes):
    """Names of the 4-digit prefixes that have no 地级 entry of their own."""
    out = []
    for prefix in sorted({c[:4] for c in codes if not c.endswith("0000")}):
        if any(e.level == "d" for e in by_code.get(prefix + "00", [])):
            continue
        province = next(e.name for e in by_code[prefix[:2] + "0000"] if e.in_use)
        if prefix[:2] in MUNICIPALITIES:
            kind = prefix[2:]
            if kind == "01":
                name = province                   # 市辖区
            elif kind == "02":
                name = province + "（县）"          # 县 of a municipality (1102, 5002 ...)
            elif kind == "03":
                name = province + "（市）"          # county-level cities of 重庆 (5003, 1997-2006)
            else:
                fail("unexpected municipal prefix %s" % prefix)
        else:
            name = province + "直辖县级行政区划"   # xx90 and older 直辖 prefixes (4229, 6324 ...)
        out.append((prefix, name))
    return out


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    by_code = load_mca(argv[1])
    extras = load_nbs(argv[2], by_code) if len(argv) == 3 else []
    resolver = Resolver(by_code)

    rows = []
    retired = 0
    for code in sorted(by_code):
        entries = by_code[code]
        current = next((e for e in entries if e.in_use), None)
        if current is not None:
            rows.append("%s|%su|%s|%s" % (code, current.level, current.name, short_form(current.name)))
        else:
            latest = entries[-1]
            target = resolver.resolve_entry(latest)
            rows.append("%s|%sr|%s|%s" % (code, latest.level, latest.name, target))
            retired += 1
    for code, name in extras:
        rows.append("%s|cs|%s|" % (code, name))
    rows.sort()
    rows = [r[:-1] if r.endswith("|") else r for r in rows]
    prefixes = prefix_names(by_code, list(by_code) + [c for c, _ in extras])

    w = sys.stdout.write
    w("// Generated by tools/gen-regions.py from:\n")
    w("//   - %s result.csv, commit %s,\n" % (MCA_SOURCE[0], MCA_SOURCE[1]))
    w("//     licence %s: MCA (民政部) GB/T 2260 county-level and higher division codes, 1981-2024;\n"
      % MCA_SOURCE[2])
    if extras:
        w("//   - %s dist/areas.csv,\n" % NBS_SOURCE[0])
        w("//     commit %s, licence %s: NBS 2022 statistical codes\n" % (NBS_SOURCE[1], NBS_SOURCE[2]))
        w("//     (统计用区划代码); the county-level ones the MCA history never had (development zones\n")
        w("//     such as 130171 石家庄高新技术产业开发区) are added as in-use codes flagged `s`.\n")
    w("// Do not edit. Regenerate with:\n")
    w("//   python3 tools/gen-regions.py %s > Sources/Core/Model/RegionData.swift\n" % " ".join(argv[1:]))
    w("//\n")
    w("// %d codes: %d in use (MCA), %d retired, %d NBS statistical; %d prefix names.\n"
      % (len(rows), len(rows) - retired - len(extras), retired, len(extras), len(prefixes)))
    w("\n")
    w("/// The GB/T 2260 region table as text, parsed once by `RegionTable`.\n")
    w("///\n")
    w("/// One line per 6-digit code, sorted: `code|LS|name|extra`, where L is the level\n")
    w("/// (`p` 省级, `d` 地级, `c` 县级) and S the status (`u` in use in 2024, `r` retired,\n")
    w("/// `s` NBS statistical code, counted as in use). For `u` lines `extra` is the usual\n")
    w("/// short form of the name (may be absent), for `r` lines the in-use code the retired\n")
    w("/// code resolves to today; `s` lines have none. Then one line `prefix|name` for each\n")
    w("/// 4-digit prefix without a 地级 entry of its own (municipal districts, xx90 ...).\n")
    w("let regionTableText = #\"\"\"\n")
    for r in rows:
        w(r + "\n")
    for prefix, name in prefixes:
        w("%s|%s\n" % (prefix, name))
    w("\"\"\"#\n")
    sys.stderr.write("gen-regions.py: %d codes (%d retired, %d NBS), %d prefix names, "
                     "%d successors inferred from counties\n"
                     % (len(rows), retired, len(extras), len(prefixes), resolver.inferred))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
