#!/usr/bin/env python3
"""Independent calculation of the figures the sample filings must give.

This script does NOT use the generator's bookkeeping: it parses the files in
samples/filings/ back (XML with xml.etree, CSV with csv; UTF-8, UTF-8 with BOM
and GB18030 alike), validates every record, applies the rules of
docs/analytics (shared spec "analytics.md") and writes samples/expected.json,
which the Swift test suite compares regctl's JSON output against.

Rules applied (see samples/README.md, "Choices where the spec is silent"):
- the default as-of date D is the newest `issued` date of all filings;
- a later filing (by `issued` date; load order does not matter) replaces an
  earlier record with the same natural key, whole;
- a designation is active on D if status is active or revoked-on is after D
  (a revocation without revoked-on takes effect on the issue date of the
  filing that states it), valid-from (else 1 January of year) <= D, and
  valid-to absent or >= D;
- --level L counts L and above; a firm is counted once;
- a name-only designation (firm + region, no uscc) is linked to a firm whose
  normalised name matches (NFKC-style full-width -> half-width, （）-> (),
  spaces removed) and whose region lies in the stated region; with no such
  firm (or more than one) it is a provisional firm located in that region;
- separately planned cities rank inside their province unless
  --planned-cities separate; 新疆生产建设兵团 counts in 65;
- competition ranking "1224", ties by unit code ascending, zero counts not
  listed.

Usage: python3 samples/tools/expected.py [--filings DIR] [--out FILE]
                                          [--regions result.csv]
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
NS = "urn:regctl:filing:1"

KINDS = ["park", "firm", "incubator", "designation", "incubation", "annual-report", "transfer"]
FILE_WORD = {"parks": "park", "firms": "firm", "incubators": "incubator",
             "designations": "designation", "incubations": "incubation",
             "annual-reports": "annual-report", "transfers": "transfer"}

FIELDS = {
    "park": (["id", "name", "region", "level", "kind"], ["short-name"]),
    "firm": (["uscc", "name", "region"], ["park", "industry", "founded", "status"]),
    "incubator": (["id", "name", "kind", "level", "region"],
                  ["recognized", "park", "operator", "area-m2", "focus"]),
    "designation": (["program", "level", "year"],
                    ["uscc", "firm", "region", "batch", "valid-from", "valid-to", "status", "revoked-on"]),
    "incubation": (["uscc", "incubator", "entered"], ["intake", "graduated", "exited"]),
    "annual-report": (["uscc", "year"], ["revenue", "main-revenue", "rd-expense", "employees", "rd-staff",
                                         "invention-patents", "assets", "liabilities", "equity-raised"]),
    "transfer": (["id", "title", "source", "source-kind", "recipient", "mode", "signed"], ["channel", "value"]),
}

LEVEL_ALIAS = {"国家级": "national", "省级": "provincial", "市级": "municipal"}
ENUM = {
    ("park", "level"): ({"national", "provincial"}, LEVEL_ALIAS),
    ("park", "kind"): ({"high-tech-zone", "economic-zone", "other"},
                       {"高新区": "high-tech-zone", "高新技术产业开发区": "high-tech-zone",
                        "经开区": "economic-zone", "经济技术开发区": "economic-zone", "其他": "other"}),
    ("firm", "status"): ({"active", "deregistered"}, {"存续": "active", "在业": "active", "注销": "deregistered"}),
    ("incubator", "kind"): ({"incubator", "maker-space", "accelerator"},
                            {"孵化器": "incubator", "众创空间": "maker-space", "加速器": "accelerator"}),
    ("incubator", "level"): ({"national", "provincial", "municipal"}, LEVEL_ALIAS),
    ("designation", "program"): ({"little-giant", "specialized-sme", "innovative-sme", "single-champion",
                                  "high-tech"},
                                 {'专精特新"小巨人"': "little-giant", "专精特新小巨人": "little-giant",
                                  "专精特新“小巨人”": "little-giant", "专精特新「小巨人」": "little-giant",
                                  "小巨人": "little-giant",
                                  "专精特新中小企业": "specialized-sme", "创新型中小企业": "innovative-sme",
                                  "制造业单项冠军": "single-champion", "单项冠军": "single-champion",
                                  "高新技术企业": "high-tech"}),
    ("designation", "level"): ({"national", "provincial", "municipal"}, LEVEL_ALIAS),
    ("designation", "status"): ({"active", "revoked"}, {"有效": "active", "撤销": "revoked", "取消": "revoked"}),
    ("incubation", "intake"): ({"local", "introduced", "spinoff"},
                               {"本地": "local", "引进": "introduced", "衍生": "spinoff"}),
    ("transfer", "source-kind"): ({"university", "institute", "enterprise", "rd-institution", "other"},
                                  {"高校": "university", "高等院校": "university", "科研院所": "institute",
                                   "企业": "enterprise", "新型研发机构": "rd-institution", "其他": "other"}),
    ("transfer", "mode"): ({"self", "transfer", "license", "cooperation", "equity", "other"},
                           {"转让": "transfer", "许可": "license", "作价投资": "equity",
                            "合作实施": "cooperation", "自行实施": "self", "其他": "other"}),
    ("transfer", "channel"): ({"local", "enclave", "other"},
                              {"就地转化": "local", "飞地孵化": "enclave", "其他": "other"}),
}
DATE_FIELDS = {"founded", "valid-from", "valid-to", "revoked-on", "entered", "graduated", "exited", "signed"}
YEAR_FIELDS = {"year", "recognized"}
MONEY_FIELDS = {"revenue", "main-revenue", "rd-expense", "assets", "liabilities", "equity-raised", "value"}
COUNT_FIELDS = {"employees", "rd-staff", "invention-patents", "batch"}

DEFAULTS = {"firm": {"status": "active"}, "designation": {"status": "active"},
            "incubation": {"intake": "local"}, "transfer": {"channel": "other"}}

PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区", "21": "辽宁省",
    "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省",
    "35": "福建省", "36": "江西省", "37": "山东省", "41": "河南省", "42": "湖北省", "43": "湖南省",
    "44": "广东省", "45": "广西壮族自治区", "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省",
    "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区", "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}
PLANNED = {"2102": "大连市", "3702": "青岛市", "3302": "宁波市", "3502": "厦门市", "4403": "深圳市"}
PREFECTURES = dict(PLANNED)
PREFECTURES.update({"4301": "长沙市", "4302": "株洲市", "4303": "湘潭市", "4304": "衡阳市", "4305": "邵阳市",
                    "4306": "岳阳市", "4307": "常德市", "4308": "张家界市", "4309": "益阳市", "4310": "郴州市",
                    "4311": "永州市", "4312": "怀化市", "4313": "娄底市", "4331": "湘西土家族苗族自治州"})
REGION_NAMES = {v: k for k, v in PROVINCES.items()}
REGION_NAMES.update({v: k for k, v in PREFECTURES.items()})
REGION_NAMES["新疆生产建设兵团"] = "65"

USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"


class Bad(Exception):
    pass


def halfwidth(s):
    return unicodedata.normalize("NFKC", s)


def norm_name(s):
    """docs/filing-format.md: NFKC (full-width -> half-width, （）-> ()), 【】〔〕[]{} -> (),
    white space removed, Latin letters upper-cased."""
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(str.maketrans("[【〔{]】〕}", "(((())))"))
    s = re.sub(r"\s+", "", s)
    return re.sub(r"[a-z]", lambda m: m.group(0).upper(), s)


def uscc_ok(u):
    if len(u) != 18 or any(c not in USCC_ALPHA for c in u):
        return False
    t = sum(USCC_ALPHA.index(c) * pow(3, i, 31) for i, c in enumerate(u[:17]))
    return USCC_ALPHA[(31 - t % 31) % 31] == u[17]


def region_code(text):
    """Region text of a designation -> code prefix (2, 4 or 6 digits)."""
    t = halfwidth(text).strip()
    if re.fullmatch(r"\d{6}", t):
        if t.endswith("0000"):
            return t[:2]
        if t.endswith("00"):
            return t[:4]
        return t
    if re.fullmatch(r"\d{2}|\d{4}", t):
        return t
    if t in REGION_NAMES:
        return REGION_NAMES[t]
    raise Bad("unknown region %r" % text)


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

def read_xml(path):
    raw = open(path, "rb").read()
    m = re.match(rb'<\?xml[^>]*encoding\s*=\s*["\']([A-Za-z0-9_.-]+)["\'][^>]*\?>', raw)
    enc = m.group(1).decode("ascii") if m else "utf-8"
    text = raw.decode(enc)
    text = re.sub(r"^\ufeff?<\?xml[^>]*\?>", "", text)      # expat cannot take GB18030 itself
    root = ET.fromstring(text)
    if root.tag != "{%s}filing" % NS:
        raise Bad("%s: root is %s" % (path, root.tag))
    meta = dict(root.attrib)
    records = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        ns, _, kind = el.tag[1:].partition("}")
        if ns != NS or kind not in KINDS:
            raise Bad("%s: unknown element %s" % (path, el.tag))
        records.append((kind, dict(el.attrib)))
    return meta, records, enc.upper()


def read_csv(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8"), "UTF-8 (BOM)"
    else:
        try:
            text, enc = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, enc = raw.decode("gb18030"), "GB18030"
    if b"\r\n" in raw:
        enc += ", CRLF"
    with open(path + ".meta.json", encoding="utf-8") as fh:
        meta = json.load(fh)
    base = os.path.basename(path)
    kind = meta.get("kind")
    if not kind:
        word = "annual-reports" if base.startswith("annual-reports") else re.split(r"[-_.]", base)[0]
        kind = FILE_WORD[word]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    records = [(kind, {k: v for k, v in r.items() if v != ""}) for r in rows]
    return meta, records, enc


XLSX_TITLES = {"省份": "region", "企业名称": "firm", "批次": "batch", "年度": "year"}


def read_xlsx(path):
    """A list as published (an .xlsx of one designation sheet and a 说明 sheet): the title row, the
    header row (序号|省份|企业名称|批次|年度), provinces merged down, the table ending at 合计; the
    sidecar gives id, authority, issued and the fields every record has ("set")."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        sst = [si.findtext("m:t", namespaces=ns) or "".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    grid = {}
    for c in sheet.iter("{%s}c" % ns["m"]):
        v = c.findtext("m:v", namespaces=ns)
        if v is not None:
            grid[c.get("r")] = sst[int(v)] if c.get("t") == "s" else v
    for m in sheet.iter("{%s}mergeCell" % ns["m"]):
        a, b = m.get("ref").split(":")
        col, r0, r1 = a[0], int(a[1:]), int(b[1:])
        for r in range(r0 + 1, r1 + 1):
            grid.setdefault("%s%d" % (col, r), grid.get(a))
    with open(path + ".meta.json", encoding="utf-8") as fh:
        meta = json.load(fh)
    meta.setdefault("title", grid["A1"])
    header_row = next(r for r in range(1, 31) if grid.get("C%d" % r) == "企业名称")
    cols = {col: XLSX_TITLES[grid[col + str(header_row)]] for col in "ABCDE" if grid.get(col + str(header_row)) in XLSX_TITLES}
    records, r = [], header_row + 1
    while grid.get("A%d" % r) not in (None, "合计"):
        rec = {f: grid[col + str(r)] for col, f in cols.items() if grid.get(col + str(r))}
        rec.update(meta.get("set", {}))
        records.append((meta["kind"], rec))
        r += 1
    return meta, records, "xlsx"


def clean(kind, rec, where):
    req, opt = FIELDS[kind]
    for k in rec:
        if k not in req and k not in opt:
            raise Bad("%s: %s: unknown field %s" % (where, kind, k))
    for k in req:
        if k not in rec:
            raise Bad("%s: %s: missing %s" % (where, kind, k))
    out = {}
    for k, v in rec.items():
        if (kind, k) in ENUM:
            values, alias = ENUM[(kind, k)]
            v = alias.get(v, v)
            if v not in values:
                raise Bad("%s: %s: bad %s %r" % (where, kind, k, v))
        elif k in ("uscc", "recipient", "operator"):
            v = halfwidth(v).upper()
            if not uscc_ok(v):
                raise Bad("%s: %s: USCC check fails: %s" % (where, kind, v))
        elif k in DATE_FIELDS:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                raise Bad("%s: bad date %s" % (where, v))
            v = date.fromisoformat(v)
        elif k in YEAR_FIELDS:
            if not re.fullmatch(r"\d{4}", v) or not 1949 <= int(v) <= 2100:
                raise Bad("%s: bad year %s" % (where, v))
            v = int(v)
        elif k in MONEY_FIELDS or k == "area-m2":
            if not re.fullmatch(r"\d+(\.\d{1,2})?", v):
                raise Bad("%s: bad amount %s" % (where, v))
            v = Decimal(v)
        elif k in COUNT_FIELDS:
            if not re.fullmatch(r"\d+", v):
                raise Bad("%s: bad count %s" % (where, v))
            v = int(v)
        elif k == "region" and kind != "designation":
            if not re.fullmatch(r"\d{6}", v):
                raise Bad("%s: bad region %s" % (where, v))
        out[k] = v
    if kind == "designation" and "revoked-on" in out:
        if out.get("status") == "active":
            raise Bad("%s: revoked-on with status active" % where)
        out.setdefault("status", "revoked")     # revoked-on without status means revoked
    for k, v in DEFAULTS.get(kind, {}).items():
        out.setdefault(k, v)
    if kind == "designation":
        if ("uscc" in out) == ("firm" in out):
            raise Bad("%s: designation needs uscc or firm (not both)" % where)
        if "firm" in out and "region" not in out:
            raise Bad("%s: name-only designation without region" % where)
    return out


def natural_key(kind, r):
    if kind in ("park", "incubator", "transfer"):
        return r["id"]
    if kind == "firm":
        return r["uscc"]
    if kind == "designation":
        who = r["uscc"] if "uscc" in r else ("name", norm_name(r["firm"]), region_code(r["region"]))
        return (who, r["program"], r["level"], r["year"])
    if kind == "incubation":
        return (r["uscc"], r["incubator"], r["entered"])
    return (r["uscc"], r["year"])


def load(fdir):
    filings = []
    for name in sorted(os.listdir(fdir)):
        path = os.path.join(fdir, name)
        if name.endswith(".xml"):
            meta, recs, enc = read_xml(path)
        elif name.endswith(".csv"):
            meta, recs, enc = read_csv(path)
        elif name.endswith(".xlsx"):
            meta, recs, enc = read_xlsx(path)
        else:
            continue
        for k in ("id", "authority", "issued"):
            if k not in meta:
                raise Bad("%s: filing without %s" % (name, k))
        issued = date.fromisoformat(meta["issued"])
        cleaned, keys = [], set()
        for i, (kind, r) in enumerate(recs):
            c = clean(kind, r, "%s#%d" % (name, i + 1))
            k = (kind, natural_key(kind, c))
            if k in keys:
                raise Bad("%s: duplicate natural key %r" % (name, k))
            keys.add(k)
            cleaned.append((kind, c))
        filings.append({"file": name, "id": meta["id"], "issued": issued, "title": meta.get("title"),
                        "authority": meta["authority"], "encoding": enc, "records": cleaned})
    ids = [f["id"] for f in filings]
    if len(ids) != len(set(ids)):
        raise Bad("filing ids not unique")
    return filings


def latest(filings):
    """kind -> key -> (record, filing); later issue date wins."""
    state = {k: {} for k in KINDS}
    for f in sorted(filings, key=lambda f: f["issued"]):
        for kind, r in f["records"]:
            key = natural_key(kind, r)
            old = state[kind].get(key)
            if old and old[1]["issued"] == f["issued"] and old[0] != r:
                raise Bad("conflicting %s %r in two filings of the same date (%s, %s)"
                          % (kind, key, old[1]["file"], f["file"]))
            state[kind][key] = (r, f)
    return state


# --------------------------------------------------------------------------
# checks of the whole set
# --------------------------------------------------------------------------

def check_references(filings, state, regions_csv):
    parks = set(state["park"])
    firms = set(state["firm"])
    incs = set(state["incubator"])
    problems = []
    for f in filings:
        for kind, r in f["records"]:
            refs = []
            if kind in ("firm", "incubator") and "park" in r:
                refs.append(("park", r["park"], parks))
            if kind == "incubator" and "operator" in r:
                refs.append(("operator", r["operator"], firms))
            if kind in ("designation", "incubation", "annual-report") and "uscc" in r:
                refs.append(("uscc", r["uscc"], firms))
            if kind == "incubation":
                refs.append(("incubator", r["incubator"], incs))
            if kind == "transfer":
                refs.append(("recipient", r["recipient"], firms))
            for field, v, pool in refs:
                if v not in pool:
                    problems.append("%s: %s %s=%s undefined" % (f["file"], kind, field, v))
    if regions_csv and os.path.exists(regions_csv):
        with open(regions_csv, encoding="utf-8-sig") as fh:
            known = {row["代码"] for row in csv.DictReader(fh)}
        for f in filings:
            for kind, r in f["records"]:
                if kind in ("park", "firm", "incubator") and r["region"] not in known:
                    problems.append("%s: %s region %s unknown" % (f["file"], kind, r["region"]))
                if kind in ("firm",):
                    div = r["uscc"][2:8]
                    if div not in known:
                        problems.append("%s: uscc division %s unknown" % (f["file"], div))
    if problems:
        raise Bad("\n".join(problems[:20]))


# --------------------------------------------------------------------------
# analytics
# --------------------------------------------------------------------------

LEVEL_RANK = {"municipal": 1, "provincial": 2, "national": 3}


class World:
    def __init__(self, filings):
        self.filings = filings
        self.D = max(f["issued"] for f in filings)
        self.win_from = date(self.D.year - 5, self.D.month, self.D.day) + timedelta(days=1)
        self.state = latest(filings)
        self.firms = {u: r for u, (r, f) in self.state["firm"].items()}
        self.parks = {p: r for p, (r, f) in self.state["park"].items()}
        self.incs = {i: r for i, (r, f) in self.state["incubator"].items()}
        self.link_designations()

    def link_designations(self):
        by_name = {}
        for u in sorted(self.firms):
            by_name.setdefault(norm_name(self.firms[u]["name"]), []).append(u)
        self.entities = {}       # id -> {"region", "park", "name"}
        for u, r in self.firms.items():
            self.entities[("firm", u)] = {"region": r["region"], "park": r.get("park"), "name": r["name"]}
        self.desigs = {}         # resolved key -> (record, filing, entity id)
        self.links, self.provisional = [], []
        for key, (r, f) in sorted(self.state["designation"].items(), key=lambda kv: repr(kv[0])):
            if "uscc" in r:
                ent = ("firm", r["uscc"])
            else:
                code = region_code(r["region"])
                cands = [u for u in by_name.get(norm_name(r["firm"]), [])
                         if self.firms[u]["region"].startswith(code)]
                if len(cands) == 1:
                    ent = ("firm", cands[0])
                    self.links.append({"firm": r["firm"], "region": r["region"], "uscc": cands[0],
                                       "filing": f["id"]})
                else:
                    ent = ("provisional", norm_name(r["firm"]), code)
                    self.entities.setdefault(ent, {"region": code, "park": None, "name": r["firm"]})
                    self.provisional.append({"firm": r["firm"], "region": r["region"], "code": code,
                                             "filing": f["id"], "candidates": len(cands)})
            rkey = (ent, r["program"], r["level"], r["year"])
            if rkey in self.desigs:
                old = self.desigs[rkey]
                if old[1]["issued"] == f["issued"]:
                    raise Bad("designation %r stated twice on the same date" % (rkey,))
                if old[1]["issued"] > f["issued"]:
                    continue
            self.desigs[rkey] = (r, f, ent)

    def active(self, r, f, on):
        if r.get("status") == "revoked":
            eff = r.get("revoked-on") or f["issued"]
            if eff <= on:
                return False
        vf = r.get("valid-from") or date(r["year"], 1, 1)
        if vf > on:
            return False
        vt = r.get("valid-to")
        if vt is not None and vt < on:
            return False
        return True

    def holders(self, program, level, exact=False, on=None):
        on = on or self.D
        out = set()
        for (ent, prog, lev, year), (r, f, _e) in self.desigs.items():
            if prog != program:
                continue
            if exact and lev != level:
                continue
            if not exact and LEVEL_RANK[lev] < LEVEL_RANK[level]:
                continue
            if self.active(r, f, on):
                out.add(ent)
        return out

    def unit_name(self, by, code):
        if by == "park":
            p = self.parks[code]
            return p.get("short-name") or p["name"]
        if by == "province":
            return PLANNED[code] if len(code) == 4 else PROVINCES[code]
        raise ValueError(by)

    def rank(self, program="little-giant", level="national", by="province", within=None,
             planned="merged", exact=False):
        units = {}
        for ent in self.holders(program, level, exact):
            e = self.entities[ent]
            if within and not (e["region"].startswith(within) or e["park"] == within):
                continue
            if by == "park":
                code = e["park"]
                if not code:
                    continue
            elif by == "province":
                code = e["region"][:2]
                if planned == "separate" and e["region"][:4] in PLANNED:
                    code = e["region"][:4]
            else:
                raise ValueError(by)
            units.setdefault(code, set()).add(ent)
        rows = sorted(((len(v), k) for k, v in units.items()), key=lambda t: (-t[0], t[1]))
        out, prev, rank = [], None, 0
        for i, (n, code) in enumerate(rows):
            if n != prev:
                rank, prev = i + 1, n
            out.append({"rank": rank, "code": code, "name": self.unit_name(by, code), "count": n})
        return out

    def park_profile(self, park):
        D, W = self.D, self.win_from
        incs = {i: r for i, r in self.incs.items() if r.get("park") == park}
        by_kind_level = {}
        for r in incs.values():
            by_kind_level.setdefault(r["kind"], {}).setdefault(r["level"], 0)
            by_kind_level[r["kind"]][r["level"]] += 1
        counted = [r for r in incs.values() if r["kind"] in ("incubator", "maker-space")
                   and r["level"] in ("national", "provincial")]
        area = sum((r.get("area-m2") or Decimal(0)) for r in counted)
        area_all = sum((r.get("area-m2") or Decimal(0)) for r in incs.values())
        recs = [r for (r, f) in self.state["incubation"].values() if r["incubator"] in incs]
        open_recs = [r for r in recs if r["entered"] <= D
                     and not (r.get("graduated") and r["graduated"] <= D)
                     and not (r.get("exited") and r["exited"] <= D)]
        entered = {r["uscc"] for r in recs if r["entered"] <= D}
        graduated = {r["uscc"] for r in recs if r.get("graduated") and r["graduated"] <= D}
        intro = [r for r in recs if r.get("intake", "local") == "introduced" and W <= r["entered"] <= D]
        trs = [r for (r, f) in self.state["transfer"].values()
               if W <= r["signed"] <= D and self.firms[r["recipient"]].get("park") == park]
        vals = [r["value"] for r in trs if "value" in r]
        lg_prov = {e for e in self.holders("little-giant", "provincial") if self.entities[e]["park"] == park}
        lg_nat = {e for e in self.holders("little-giant", "national") if self.entities[e]["park"] == park}
        prov_code = self.parks[park]["region"][:2]
        in_prov = self.rank(level="national", by="park", within=prov_code)
        my = [row for row in in_prov if row["code"] == park]
        alumni = {e for e in lg_prov if e[0] == "firm" and e[1] in graduated}
        return {
            "park": park, "name": self.unit_name("park", park), "as_of": D.isoformat(),
            "window": {"from": W.isoformat(), "to": D.isoformat()},
            "firms_in_incubation": len({r["uscc"] for r in open_recs}),
            "incubation_records_open": len(open_recs),
            "little_giants_provincial_and_above": len(lg_prov),
            "little_giants_national": len(lg_nat),
            "rank_in_province_by_national_little_giants": my[0]["rank"] if my else None,
            "province": prov_code,
            "incubators_and_maker_spaces_provincial_and_above": {
                "count": len(counted),
                "incubators": sum(1 for r in counted if r["kind"] == "incubator"),
                "maker_spaces": sum(1 for r in counted if r["kind"] == "maker-space"),
                "national": sum(1 for r in counted if r["level"] == "national"),
                "provincial": sum(1 for r in counted if r["level"] == "provincial"),
                "area_m2": str(area),
            },
            "incubators_all_kinds_levels": {"count": len(incs), "by_kind_level": by_kind_level,
                                            "area_m2": str(area_all),
                                            "without_area": sum(1 for r in incs.values() if "area-m2" not in r)},
            "projects_introduced_5y": len(intro),
            "projects_introduced_5y_distinct_firms": len({r["uscc"] for r in intro}),
            "graduated_firms": len(graduated),
            "entered_firms": len(entered),
            "graduation_rate": round(len(graduated) / len(entered), 4) if entered else None,
            "alumni_with_active_provincial_or_above_little_giant": len(alumni),
            "transfers_5y": len(trs),
            "transfers_5y_value_total": str(sum(vals, Decimal(0))),
            "transfers_5y_without_value": len(trs) - len(vals),
            "transfers_5y_distinct_recipients": len({r["recipient"] for r in trs}),
        }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--filings", default=os.path.join(SAMPLES, "filings"))
    ap.add_argument("--out", default=os.path.join(SAMPLES, "expected.json"))
    ap.add_argument("--regions", default=os.path.join(SAMPLES, "..", "..", "shared", "data",
                                                       "cn-admin-divisions-mca", "result.csv"),
                    help="GB/T 2260 code list to check region codes against (skipped if absent)")
    a = ap.parse_args()
    filings = load(a.filings)
    w = World(filings)
    check_references(filings, w.state, a.regions)
    regions_checked = bool(a.regions and os.path.exists(a.regions))

    queries = []

    def q(args, **kw):
        rows = w.rank(**kw)
        queries.append({"args": args, "as_of": w.D.isoformat(), "rows": rows})
        return rows

    q(["rank", "--level", "national", "--by", "park", "--within", "43"],
      level="national", by="park", within="43")
    q(["rank", "--level", "provincial", "--by", "park", "--within", "43"],
      level="provincial", by="park", within="43")
    q(["rank", "--level", "municipal", "--by", "park", "--within", "43"],
      level="municipal", by="park", within="43")
    q(["rank"])
    q(["rank", "--planned-cities", "separate"], planned="separate")
    q(["rank", "--level", "provincial", "--within", "43"], level="provincial", within="43")

    kinds_total = {}
    for f in filings:
        for kind, _ in f["records"]:
            kinds_total[kind] = kinds_total.get(kind, 0) + 1
    out = {
        "as_of": w.D.isoformat(),
        "note": "Computed by samples/tools/expected.py from the files in samples/filings; "
                "see samples/README.md for the rules and the choices made where the spec is silent.",
        "queries": queries,
        "profile": w.park_profile("zz-htz"),
        "registry": {
            "filings": len(filings),
            "records": kinds_total,
            "distinct": {k: len(v) for k, v in w.state.items()},
            "name_only_designations": len(w.links) + len(w.provisional),
            "name_only_linked": len(w.links),
            "name_only_provisional": len(w.provisional),
            "provisional_firms": len({(p["code"], norm_name(p["firm"])) for p in w.provisional}),
            "links": sorted(w.links, key=lambda l: (l["filing"], l["uscc"])),
            "region_codes_checked": regions_checked,
        },
        "filings": [{"file": f["file"], "id": f["id"], "issued": f["issued"].isoformat(),
                     "authority": f["authority"], "encoding": f["encoding"],
                     "records": {k: sum(1 for kk, _ in f["records"] if kk == k)
                                 for k in KINDS if any(kk == k for kk, _ in f["records"])}}
                    for f in filings],
    }
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    with open(a.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    # human summary
    print("as of", out["as_of"], "(window %s .. %s)" % (out["profile"]["window"]["from"], out["as_of"]))
    for qq in queries:
        print("\n$ regctl " + " ".join(qq["args"]))
        for r in qq["rows"][:40]:
            print("  %3d  %-8s %-12s %5d" % (r["rank"], r["code"], r["name"], r["count"]))
    print("\nprofile zz-htz:")
    for k, v in out["profile"].items():
        print("  %s: %s" % (k, v))
    print("\nname-only designations: %d linked, %d provisional" % (len(w.links), len(w.provisional)))
    print("region codes checked against GB/T 2260 list:", regions_checked)
    print("wrote", os.path.relpath(a.out))


if __name__ == "__main__":
    try:
        main()
    except Bad as e:
        print("error:", e, file=sys.stderr)
        sys.exit(1)
