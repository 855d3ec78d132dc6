#!/usr/bin/env python3
"""Generate the regctl sample data set under samples/filings/.

Python 3 standard library only; a fixed seed, so two runs give byte-identical
files.  The data reproduce what a newspaper printed about 株洲高新区
(Zhuzhou High-tech Zone, park id ``zz-htz``) on the default as-of date
2024-12-31 (the newest ``issued`` date of the set).  See samples/README.md.

Everything here is synthetic except the names in the MIIT key-support list
(samples/data/little-giants-key-support.csv), which is written out unchanged
as one name-only designation filing, and a dozen of those real names reused
as firm names (with synthetic USCCs) so that name linking is exercised.

Usage:  python3 samples/tools/generate.py [--key-support PATH] [--out DIR]

The script checks its own bookkeeping against the target figures and stops
if any of them is missed; samples/tools/expected.py recomputes the figures
independently from the written files.
"""

import argparse
import csv
import io
import json
import math
import os
import random
import sys
import zipfile
from datetime import date, timedelta
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
DEFAULT_KEY_CSV = os.path.join(SAMPLES, "data", "little-giants-key-support.csv")
DEFAULT_OUT = os.path.join(SAMPLES, "filings")

SEED = 20241231
R = random.Random(SEED)

D = date(2024, 12, 31)            # default as-of date = newest issued date
WIN_FROM = date(2020, 1, 1)       # "five years to D": 2020-01-01 .. 2024-12-31

# Target figures for 株洲高新区 (checked at the end).
T_ZZ_NAT = 25
T_ZZ_PROV = 70
T_ZZ_INCUBATORS = 31
T_ZZ_AREA = 3086750               # m², the 31 incubators and maker spaces
T_ZZ_IN_INCUBATION = 1486
T_ZZ_INTRODUCED = 846
T_ZZ_TRANSFERS = 156


# --------------------------------------------------------------------------
# helpers: dates, USCC
# --------------------------------------------------------------------------

def d(s):
    return date.fromisoformat(s)


def add_years(dt, n):
    try:
        return dt.replace(year=dt.year + n)
    except ValueError:                      # 29 Feb
        return dt.replace(year=dt.year + n, day=28)


def plus3(vf):
    """Three-year validity: valid-to = valid-from + 3 years - 1 day."""
    return add_years(vf, 3) - timedelta(days=1)


def rdate(a, b):
    return a + timedelta(days=R.randint(0, (b - a).days))


def rdate_years(weights, lo=None, hi=None):
    """A random date in a year drawn from {year: weight}, clipped to [lo, hi]."""
    years = sorted(weights)
    y = R.choices(years, weights=[weights[k] for k in years])[0]
    a, b = date(y, 1, 1), date(y, 12, 31)
    if lo and a < lo:
        a = lo
    if hi and b > hi:
        b = hi
    if a > b:
        a = b
    return rdate(a, b)


ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
AVAL = {c: i for i, c in enumerate(ALPHA)}
UW = [pow(3, i, 31) for i in range(17)]
OW = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check(s17):
    t = sum(AVAL[c] * w for c, w in zip(s17, UW))
    return ALPHA[(31 - t % 31) % 31]


def org_check(b8):
    def v(c):
        return int(c) if c.isdigit() else ord(c) - 55      # A=10 … Z=35
    r = 11 - sum(v(c) * w for c, w in zip(b8, OW)) % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def uscc_valid(u):
    return (len(u) == 18 and all(c in AVAL for c in u)
            and uscc_check(u[:17]) == u[17] and org_check(u[8:16]) == u[16])


for _real in ("914403001922038216", "91440300708461136T", "91110000802100433B"):
    assert uscc_valid(_real), _real

USED_USCC = set()
OLD_ORG_PREFIX = ["18", "55", "56", "57", "58", "59", "66", "67", "68", "69", "73",
                  "74", "75", "76", "77", "78", "79", "05", "06", "07", "08", "09",
                  "32", "33", "34", "35", "39"]
ORG_BODY_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"    # letters GB 32100 allows


def make_uscc(division, founded, kind="91"):
    """Synthetic USCC: old 8-digit organisation codes for firms founded before
    the USCC reform (Oct 2015), MA-series codes after it."""
    while True:
        if founded < date(2015, 10, 1):
            body = R.choice(OLD_ORG_PREFIX) + "".join(R.choice("0123456789") for _ in range(6))
        elif division.startswith("43"):
            body = "MA4" + R.choice("LMNPQRTUWXY") + "".join(R.choice(ORG_BODY_ALPHA) for _ in range(4))
        else:
            body = "MA" + "".join(R.choice(ORG_BODY_ALPHA) for _ in range(6))
        s17 = kind + division + body + org_check(body)
        if all(c in AVAL for c in s17):
            u = s17 + uscc_check(s17)
            if u not in USED_USCC:
                USED_USCC.add(u)
                assert uscc_valid(u)
                return u


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------

Z1 = "华中天恒科新瑞博精达盛鑫宏嘉宇泰联创德睿智航锐晟源凯汇景旭远弘启卓诚信安康佳兴隆昌邦捷迈拓威驰骏辰钧铂星辉明光润泽"
Z2 = "力达泰华诚瑞博兴源通宇科创嘉恒誉凯越锋峰鼎衡德晟昊宸锦辉腾谷川岳麟翔宁信和丰盈远"

# (name word, GB/T 4754-2017 code)
IND_MANUF = [
    ("轨道交通装备", "C3716"), ("轨道科技", "C3715"), ("航空科技", "C3744"),
    ("航空装备", "C3744"), ("硬质合金", "C3240"), ("合金材料", "C3240"),
    ("电子材料", "C3985"), ("光电科技", "C3976"), ("电气", "C3824"),
    ("电力电子", "C3824"), ("新能源", "C3841"), ("汽车部件", "C3670"),
    ("医疗器械", "C3581"), ("药业", "C2720"), ("智能装备", "C3491"),
    ("机器人", "C3491"), ("电机", "C3812"), ("自动化", "C4011"),
    ("仪器", "C4014"), ("精密陶瓷", "C3073"), ("精密机械", "C3484"),
    ("工具", "C3421"), ("传感技术", "C3983"), ("环保装备", "C3591"),
]
IND_START = [
    ("软件", "I6513"), ("信息技术", "I6531"), ("网络科技", "I6513"),
    ("数字科技", "I6531"), ("智能科技", "C4011"), ("电子科技", "C3989"),
    ("生物科技", "C2761"), ("医疗科技", "C3581"), ("新材料科技", "C3985"),
    ("环保科技", "C3591"), ("检测技术", "M7452"), ("机器人", "C3491"),
    ("无人机", "C3744"), ("传感技术", "C3983"), ("新能源科技", "C3841"),
    ("汽车科技", "C3670"), ("精密制造", "C3484"), ("光电科技", "C3976"),
    ("陶瓷科技", "C3073"), ("航空科技", "C3744"), ("轨道科技", "C3715"),
    ("电气", "C3824"), ("动力科技", "C3812"),
]
IND_CERAMIC = [("陶瓷", "C3074"), ("电瓷", "C3073"), ("精密陶瓷", "C3073")]

USED_NAMES = set()
REAL_NAMES_NORM = set()       # filled from the key-support list


def norm_name(s):
    """NFKC-style: full-width ASCII -> half-width, （）-> (), spaces removed."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif ch == "\u3000":
            ch = " "
        out.append(ch)
    return "".join(out).replace(" ", "")


def make_name(city, pool, big=False, suffixes=None):
    for _ in range(10000):
        c1 = R.choice(Z1)
        c2 = R.choice(Z2)
        if c1 == c2:
            continue
        word, code = R.choice(pool)
        if suffixes:
            suffix = R.choice(suffixes)
        elif "科技" in word or "技术" in word:
            suffix = R.choice(["有限公司", "有限公司", "股份有限公司" if big else "有限公司", "有限责任公司"])
        else:
            suffix = R.choice(["科技有限公司", "科技有限公司", "有限公司",
                               "股份有限公司" if big else "技术有限公司", "技术有限公司"])
        name = city + c1 + c2 + word + suffix
        n = norm_name(name)
        if n in USED_NAMES or n in REAL_NAMES_NORM:
            continue
        USED_NAMES.add(n)
        return name, code
    raise RuntimeError("name space exhausted")


def claim_name(name):
    n = norm_name(name)
    assert n not in USED_NAMES, name
    USED_NAMES.add(n)


# --------------------------------------------------------------------------
# parks and areas
# --------------------------------------------------------------------------

PARKS = [
    # id, name, short-name, region, level, kind
    ("cs-htz", "长沙高新技术产业开发区", "长沙高新区", "430104", "national", "high-tech-zone"),
    ("zz-htz", "株洲高新技术产业开发区", "株洲高新区", "430211", "national", "high-tech-zone"),
    ("xt-htz", "湘潭高新技术产业开发区", "湘潭高新区", "430304", "national", "high-tech-zone"),
    ("hy-htz", "衡阳高新技术产业开发区", "衡阳高新区", "430408", "national", "high-tech-zone"),
    ("yiy-htz", "益阳高新技术产业开发区", "益阳高新区", "430903", "national", "high-tech-zone"),
    ("cz-htz", "郴州高新技术产业开发区", "郴州高新区", "431002", "national", "high-tech-zone"),
    ("hh-htz", "怀化高新技术产业开发区", "怀化高新区", "431202", "national", "high-tech-zone"),
    ("cs-etdz", "长沙经济技术开发区", "长沙经开区", "430121", "national", "economic-zone"),
    ("nx-etdz", "宁乡经济技术开发区", "宁乡经开区", "430182", "national", "economic-zone"),
    ("ly-etdz", "浏阳经济技术开发区", "浏阳经开区", "430181", "national", "economic-zone"),
    ("yy-etdz", "岳阳经济技术开发区", "岳阳经开区", "430602", "national", "economic-zone"),
    ("cd-etdz", "常德经济技术开发区", "常德经开区", "430702", "national", "economic-zone"),
    ("ll-etdz", "湖南醴陵经济开发区", "醴陵经开区", "430281", "provincial", "economic-zone"),
    ("lk-etdz", "湖南渌口经济开发区", "渌口经开区", "430212", "provincial", "economic-zone"),
    ("xm-torch", "厦门火炬高技术产业开发区", "厦门火炬高新区", "350206", "national", "high-tech-zone"),
    ("sz-htz", "深圳市高新技术产业园区", "深圳高新区", "440305", "national", "high-tech-zone"),
    ("zgc", "中关村科技园区", "中关村", "110108", "national", "high-tech-zone"),
]
PARK_BY_ID = {p[0]: p for p in PARKS}

# area key -> (regions with weights, city word for names)
AREAS = {
    "zz-htz": ([("430211", 78), ("430203", 12), ("430204", 10)], "株洲"),
    "cs-htz": ([("430104", 1)], "长沙"),
    "xt-htz": ([("430304", 1)], "湘潭"),
    "hy-htz": ([("430408", 1)], "衡阳"),
    "yiy-htz": ([("430903", 1)], "益阳"),
    "cz-htz": ([("431002", 1)], "郴州"),
    "hh-htz": ([("431202", 1)], "怀化"),
    "cs-etdz": ([("430121", 1)], "长沙"),
    "nx-etdz": ([("430182", 1)], "宁乡"),
    "ly-etdz": ([("430181", 1)], "浏阳"),
    "yy-etdz": ([("430602", 1)], "岳阳"),
    "cd-etdz": ([("430702", 1)], "常德"),
    "ll-etdz": ([("430281", 1)], "醴陵"),
    "lk-etdz": ([("430212", 3), ("430221", 2)], "株洲"),
    "hn-none": ([("430202", 8), ("430223", 3), ("430221", 3), ("430302", 4), ("430321", 3),
                 ("430422", 3), ("430582", 3), ("430624", 2), ("430725", 2), ("431103", 2),
                 ("431302", 2), ("431381", 2), ("433101", 1), ("430111", 4)], None),
}
CITY_OF_PREFIX = {"4301": "长沙", "4302": "株洲", "4303": "湘潭", "4304": "衡阳", "4305": "邵阳",
                  "4306": "岳阳", "4307": "常德", "4309": "益阳", "4310": "郴州", "4311": "永州",
                  "4312": "怀化", "4313": "娄底", "4331": "湘西"}
OOP = {  # out-of-province firm areas: region -> (park, city)
    "440305": ("sz-htz", "深圳"), "440306": (None, "深圳"), "350206": ("xm-torch", "厦门"),
    "350211": (None, "厦门"), "110108": ("zgc", "北京"), "310115": (None, "上海"),
    "440106": (None, "广州"), "420111": (None, "武汉"), "360111": (None, "南昌"),
    "500112": (None, "重庆"), "510107": (None, "成都"),
}

# --------------------------------------------------------------------------
# the world
# --------------------------------------------------------------------------

FIRMS = {}          # uscc -> firm dict (final state)
FIRM_ORDER = []     # creation order


def new_firm(region, park, founded, pool=IND_MANUF, big=False, city=None, name=None,
             industry=None, division=None, kind="91", no_industry_p=0.08, suffixes=None):
    if city is None:
        city = CITY_OF_PREFIX.get(region[:4], "湖南")
        if region.startswith("43") and R.random() < 0.12:
            city = "湖南"
    if name is None:
        name, code = make_name(city, pool, big, suffixes)
        if industry is None:
            industry = code
    else:
        claim_name(name)
    if division is None:
        division = region
        if region == "430212" and founded < date(2018, 7, 1):
            division = "430221"            # 株洲县 until 2018
        elif region == "430182" and founded < date(2017, 6, 1):
            division = "430124"            # 宁乡县 until 2017
        elif region == "430582" and founded < date(2019, 8, 1):
            division = "430521"            # 邵东县 until 2019
        elif region.startswith("4302") and R.random() < 0.3:
            division = "430200"            # registered with the municipal AMR
    u = make_uscc(division, founded, kind)
    f = {"uscc": u, "name": name, "region": region, "park": park,
         "industry": None if R.random() < no_industry_p else industry,
         "founded": founded, "status": "active",
         "hist": [],           # list of (until_date, {field: old value})
         "dereg": None, "role": set(), "lg": False}
    FIRMS[u] = f
    FIRM_ORDER.append(u)
    return f


def firm_state(f, when):
    s = {k: f[k] for k in ("uscc", "name", "region", "park", "industry", "founded", "status")}
    for until, old in sorted(f["hist"], key=lambda h: h[0], reverse=True):
        if when < until:
            s.update(old)
    if f["dereg"] and when < f["dereg"]:
        s["status"] = "active"
    return s


def pick_region(area):
    regs, _ = AREAS[area]
    return R.choices([r for r, _ in regs], weights=[w for _, w in regs])[0]


def area_park(area):
    return None if area == "hn-none" else area


# --------------------------------------------------------------------------
# designations
# --------------------------------------------------------------------------

DESIGS = []         # dicts with '_f' (filing key) and fields

MIIT = {  # key: (issued, year, batch, valid-from, valid-to, title)
    "miit-b1": (d("2019-06-05"), 2019, 1, d("2019-07-01"), d("2022-06-30"), "第一批专精特新\"小巨人\"企业名单"),
    "miit-b2": (d("2020-11-13"), 2020, 2, d("2020-12-01"), d("2023-11-30"), "第二批专精特新\"小巨人\"企业名单"),
    "miit-b3": (d("2021-07-19"), 2021, 3, d("2021-08-01"), d("2024-07-31"), "第三批专精特新\"小巨人\"企业名单"),
    "miit-b4": (d("2022-08-03"), 2022, 4, d("2022-09-01"), d("2025-08-31"), "第四批专精特新\"小巨人\"企业名单"),
    "miit-b5": (d("2023-07-28"), 2023, 5, d("2023-08-01"), d("2026-07-31"), "第五批专精特新\"小巨人\"企业名单"),
    "miit-b6": (d("2024-08-16"), 2024, 6, d("2024-09-01"), d("2027-08-31"), "第六批专精特新\"小巨人\"企业名单"),
    "miit-r1": (d("2022-06-20"), 2022, 1, d("2022-07-01"), d("2025-06-30"), "第一批专精特新\"小巨人\"企业复核通过名单"),
    "miit-r2": (d("2023-11-24"), 2023, 2, d("2023-12-01"), d("2026-11-30"), "第二批专精特新\"小巨人\"企业复核通过名单"),
    "miit-r3": (d("2024-07-26"), 2024, 3, d("2024-08-01"), d("2027-07-31"), "第三批专精特新\"小巨人\"企业复核通过名单"),
}
HN = {  # Hunan provincial little-giant lists: key: (issued, year, valid-from, valid-to)
    "hn-2019": (d("2019-12-16"), 2019, d("2019-12-16"), d("2022-12-15")),
    "hn-2020": (d("2020-12-21"), 2020, d("2020-12-21"), d("2023-12-20")),
    "hn-2021": (d("2021-12-31"), 2021, d("2022-01-01"), d("2024-12-31")),
    "hn-2022": (d("2022-12-26"), 2022, d("2022-12-26"), d("2025-12-25")),
    "hn-2023": (d("2023-12-22"), 2023, d("2023-12-22"), d("2026-12-21")),
    "hn-2024": (d("2024-12-20"), 2024, d("2024-12-20"), d("2027-12-19")),
}
MIIT_REVOKE_ISSUED = d("2024-06-14")
HN_REVOKE_ISSUED = d("2024-08-30")


def add_desig(fkey, uscc=None, program="little-giant", level="national", year=None,
              batch=None, vf=None, vt=None, status=None, revoked_on=None, firm=None,
              region=None, **extra):
    rec = {"_f": fkey, "uscc": uscc, "firm": firm, "region": region, "program": program,
           "level": level, "year": year, "batch": batch, "valid-from": vf, "valid-to": vt,
           "status": status, "revoked-on": revoked_on}
    rec.update(extra)
    DESIGS.append(rec)
    return rec


def miit(f, key):
    issued, year, batch, vf, vt, _ = MIIT[key]
    return add_desig(key, f["uscc"], "little-giant", "national", year, batch, vf, vt)


def hn(f, key, nodate=False, vf=None, vt=None):
    issued, year, hvf, hvt = HN[key]
    if nodate:
        hvf = hvt = None
    if vf:
        hvf, hvt = vf, vt
    return add_desig(key, f["uscc"], "little-giant", "provincial", year, None, hvf, hvt)


def revoke(rec, fkey, revoked_on):
    r = dict(rec)
    r["_f"] = fkey
    r["status"] = "revoked"
    r["revoked-on"] = revoked_on
    r.pop("_nodate_effective", None)
    DESIGS.append(r)
    return r


N_PRIOR = {"N_B4": [None, "hn-2019", "hn-2020", "hn-2021"],
           "N_B5": [None, "hn-2020", "hn-2021", "hn-2022"],
           "N_B6": [None, "hn-2021", "hn-2022", "hn-2023"],
           "N_B1R": [None], "N_B2R": [None, "hn-2019"], "N_B3R": [None, "hn-2019", "hn-2020"]}


def apply_template(f, t, hunan=True):
    """Designation history of one firm.  Returns nothing; the status on D is
    recomputed from DESIGS by lg_status()."""
    f["lg"] = True
    f["tpl"] = t
    if t in N_PRIOR and hunan:
        p = R.choice(N_PRIOR[t])
        if p:
            hn(f, p)
    if t == "N_B4":
        miit(f, "miit-b4")
    elif t == "N_B5":
        miit(f, "miit-b5")
    elif t == "N_B6":
        miit(f, "miit-b6")
    elif t == "N_B1R":
        miit(f, "miit-b1"); miit(f, "miit-r1")
    elif t == "N_B2R":
        miit(f, "miit-b2"); miit(f, "miit-r2")
    elif t == "N_B3R":
        miit(f, "miit-b3"); miit(f, "miit-r3")
    elif t == "N_REV_LATE":          # revoked with effect after D: still counts
        hn(f, "hn-2021")
        r = miit(f, "miit-b5")
        revoke(r, "miit-revoke", d("2025-03-01"))
    elif t == "N_KEY":               # national only through the MIIT key-support list;
        pass                         # real names get no invented designations
    elif t == "P21":
        hn(f, "hn-2021")
    elif t == "P22":
        hn(f, "hn-2022")
    elif t == "P23":
        hn(f, "hn-2023")
    elif t == "P24":
        hn(f, "hn-2024")
    elif t == "P24_NODATE":          # no valid-from: active from 1 Jan 2024
        hn(f, "hn-2024", nodate=True)
    elif t == "P19_22":
        hn(f, "hn-2019"); hn(f, "hn-2022")
    elif t == "P20_23":
        hn(f, "hn-2020"); hn(f, "hn-2023")
    elif t == "PX_NAT_EXPIRED":      # national expired 2024-07-31, provincial valid to D
        miit(f, "miit-b3"); hn(f, "hn-2021")
    elif t == "X_P19":
        hn(f, "hn-2019")
    elif t == "X_P20":
        hn(f, "hn-2020")
    elif t == "X_NAT_B1":
        miit(f, "miit-b1")
    elif t == "X_NAT_B3":
        if hunan and R.random() < 0.5:
            hn(f, "hn-2020")
        miit(f, "miit-b3")
    elif t == "X_REV_EARLY":         # both revoked before D
        p = hn(f, "hn-2021")
        r = miit(f, "miit-b4")
        revoke(r, "miit-revoke", MIIT_REVOKE_ISSUED)
        revoke(p, "hn-revoke", d("2024-07-01"))
    elif t == "X_REV_EARLY_NAT":
        r = miit(f, "miit-b4")
        revoke(r, "miit-revoke", MIIT_REVOKE_ISSUED)
    elif t == "X_REV_NODATE_NAT":    # revoked, no revoked-on: effective 2024-06-14
        r = miit(f, "miit-b4")
        revoke(r, "miit-revoke", None)
    elif t == "X_REV_NODATE":        # provincial revoked, no revoked-on: effective 2024-08-30
        p = hn(f, "hn-2022")
        revoke(p, "hn-revoke", None)
    elif t == "X_FUTURE":            # valid-from after D
        hn(f, "hn-2024", vf=d("2025-01-01"), vt=d("2027-12-31"))
    elif t == "X_MUNI":              # municipal only (name-only 株洲市 list)
        f["muni_lg"] = True
    else:
        raise ValueError(t)


FILING_ISSUED = {}   # filled in later for every filing key


def desig_active(rec, on=D):
    if rec["status"] == "revoked":
        eff = rec["revoked-on"] or FILING_ISSUED[rec["_f"]]
        if eff <= on:
            return False
    vf = rec["valid-from"] or date(rec["year"], 1, 1)
    if vf > on:
        return False
    if rec["valid-to"] and rec["valid-to"] < on:
        return False
    return True


# --------------------------------------------------------------------------
# main build
# --------------------------------------------------------------------------

def build(key_rows):
    global REAL_NAMES_NORM
    REAL_NAMES_NORM = {norm_name(r["name"]) for r in key_rows}
    key_by_name = {r["name"]: r for r in key_rows}

    # ---------------- little-giant pools ----------------
    NAT_W = [("N_B4", 25), ("N_B5", 25), ("N_B6", 20), ("N_B1R", 8), ("N_B2R", 10), ("N_B3R", 12)]
    PROV_W = [("P21", 20), ("P22", 20), ("P23", 20), ("P24", 20), ("P19_22", 10), ("P20_23", 10)]
    X_W = [("X_P19", 30), ("X_P20", 30), ("X_NAT_B1", 15), ("X_NAT_B3", 25)]

    def wchoice(pairs):
        return R.choices([a for a, _ in pairs], weights=[w for _, w in pairs])[0]

    def lg_new(area, founded=None):
        founded = founded or rdate(date(1996, 1, 1), date(2017, 12, 31))
        region = pick_region(area)
        pool = IND_CERAMIC + IND_MANUF[:6] if area == "ll-etdz" else IND_MANUF
        f = new_firm(region, area_park(area), founded, pool, big=True)
        return f

    # real names used as firm names (names exactly as MIIT prints them, except
    # where noted); all USCCs synthetic
    REAL_USE = [
        # name, area, region override, name as written in the firm register
        ("株洲菲斯罗克光电科技股份有限公司", "zz-htz", "430211", None),
        ("株洲时代金属制造有限公司", "zz-htz", "430211", None),
        ("株洲火炬安泰新材料有限公司", "zz-htz", "430211", None),
        ("株洲嘉成科技发展股份有限公司", "zz-htz", "430204", None),
        ("株洲瑞德尔智能装备有限公司", "zz-htz", "430211", None),
        ("株洲中车机电科技有限公司", "zz-htz", "430203", None),
        ("中轻长泰（长沙）智能科技股份有限公司", "cs-htz", "430104", "中轻长泰(长沙)智能科技股份有限公司"),
        ("长沙天恒测控技术有限公司", "cs-htz", "430104", None),
        ("株洲精工硬质合金有限公司", "hn-none", "430202", None),
        ("株洲齿轮有限责任公司", "hn-none", "430203", None),
        ("醴陵华鑫电瓷科技股份有限公司", "ll-etdz", "430281", None),
    ]
    REAL_NEGATIVE = ("绿萌科技股份有限公司", "430203")   # listed under 江西省: must NOT link
    real_firms = {}
    for name, area, region, written in REAL_USE:
        assert name in key_by_name, name
        founded = rdate(date(1998, 1, 1), date(2013, 12, 31))
        ind = {"株洲菲斯罗克光电科技股份有限公司": "C3976", "株洲时代金属制造有限公司": "C3715",
               "株洲火炬安泰新材料有限公司": "C3985", "株洲嘉成科技发展股份有限公司": "C3716",
               "株洲瑞德尔智能装备有限公司": "C3562", "株洲中车机电科技有限公司": "C3715",
               "中轻长泰（长沙）智能科技股份有限公司": "C3562", "长沙天恒测控技术有限公司": "C4014",
               "株洲精工硬质合金有限公司": "C3240", "株洲齿轮有限责任公司": "C3670",
               "醴陵华鑫电瓷科技股份有限公司": "C3073"}[name]
        f = new_firm(region, area_park(area), founded, name=written or name, industry=ind,
                     no_industry_p=0)
        f["real"] = name
        real_firms[name] = f
        apply_template(f, "N_KEY")
    # renamed firm: the 2021 register still has the pre-conversion name
    jc = real_firms["株洲嘉成科技发展股份有限公司"]
    jc["hist"].append((d("2022-09-15"), {"name": "株洲嘉成科技发展有限公司"}))
    claim_name("株洲嘉成科技发展有限公司")
    neg = new_firm(REAL_NEGATIVE[1], None, d("2016-04-12"), name=REAL_NEGATIVE[0],
                   industry="C3562", no_industry_p=0)
    neg["real"] = REAL_NEGATIVE[0]
    neg["negative"] = True
    assert key_by_name[REAL_NEGATIVE[0]]["sourceRegion"] == "江西省"

    # zz-htz, exact composition
    zz_plan = [("N_B4", 5), ("N_B5", 4), ("N_MOVE_IN", 1), ("N_B6", 4), ("N_B1R", 1),
               ("N_B2R", 1), ("N_B3R", 2), ("N_REV_LATE", 1),
               ("P21", 9), ("P22", 9), ("P23", 8), ("P24", 7), ("P24_NODATE", 2),
               ("P19_22", 4), ("P20_23", 4), ("PX_NAT_EXPIRED", 2),
               ("X_P19", 3), ("X_P20", 3), ("X_NAT_B1", 1), ("X_NAT_B3", 1),
               ("X_REV_EARLY", 1), ("X_REV_NODATE", 1), ("X_FUTURE", 1), ("X_MUNI", 8)]
    for t, n in zz_plan:
        for _ in range(n):
            if t == "X_MUNI":
                f = lg_new("zz-htz", rdate(date(2008, 1, 1), date(2019, 12, 31)))
            else:
                f = lg_new("zz-htz")
            if t == "N_MOVE_IN":       # no park until May 2024 (park boundary extended)
                f["hist"].append((d("2024-05-01"), {"park": None}))
                f["trap"] = "move-in"
                apply_template(f, "N_B5")
            else:
                apply_template(f, t)
    # other areas: (national, provincial-only, expired/other)
    plan = {
        "cs-htz": (38, 96, 9), "xt-htz": (9, 22, 3), "hy-htz": (8, 18, 3),
        "cs-etdz": (7, 30, 3), "yy-etdz": (5, 14, 2), "nx-etdz": (5, 16, 2),
        "cd-etdz": (4, 12, 2), "yiy-htz": (3, 10, 1), "cz-htz": (2, 9, 1),
        "hh-htz": (1, 6, 1), "ll-etdz": (1, 7, 1), "lk-etdz": (0, 5, 1),
        "ly-etdz": (0, 9, 1), "hn-none": (10, 40, 5),
    }
    for area, (nn, np_, nx) in plan.items():
        for _ in range(nn):
            apply_template(lg_new(area), wchoice(NAT_W))
        for _ in range(np_):
            apply_template(lg_new(area), wchoice(PROV_W))
        for _ in range(nx):
            apply_template(lg_new(area), wchoice(X_W))
    # special cases outside zz-htz
    mo = new_firm("430211", "zz-htz", rdate(date(2003, 1, 1), date(2014, 12, 31)), IND_MANUF, big=True,
                  city="株洲", division="430211")
    mo["hist"].append((d("2024-03-18"), {"park": "zz-htz", "region": "430211"}))
    mo["park"], mo["region"] = "cs-htz", "430104"     # moved to 长沙高新区 in March 2024
    mo["trap"] = "move-out"
    apply_template(mo, "N_B5")
    apply_template(lg_new("cs-htz"), "X_REV_EARLY_NAT")
    apply_template(lg_new("hy-htz"), "N_B4")
    apply_template(lg_new("hy-htz"), "X_REV_NODATE_NAT")
    # out of province (national lists only)
    oop_plan = [("440305", 6, 1), ("440306", 3, 0), ("350206", 4, 1), ("350211", 2, 0),
                ("110108", 4, 0), ("310115", 4, 1), ("440106", 3, 0), ("420111", 3, 0),
                ("360111", 3, 0), ("500112", 2, 0), ("510107", 3, 1)]
    for region, nn, nx in oop_plan:
        park, city = OOP[region]
        for i in range(nn + nx):
            f = new_firm(region, park, rdate(date(1996, 1, 1), date(2016, 12, 31)),
                         IND_MANUF, big=True, city=city)
            f["oop"] = True
            apply_template(f, wchoice(NAT_W) if i < nn else R.choice(["X_NAT_B1", "X_NAT_B3"]),
                           hunan=False)

    # ---------------- key-support list (name-only) ----------------
    order = {"miit-key-little-giant-batch-1-year-3": 1, "miit-key-little-giant-batch-2-year-3": 2,
             "miit-key-little-giant-batch-3-year-2": 3}
    for r in sorted(key_rows, key=lambda r: (order[r["sourceKey"]], int(r["sourceSequence"]))):
        b = order[r["sourceKey"]]
        add_desig("key", None, "little-giant", "national", 2018 + b, b, None, None,
                  firm=r["name"], region=r["sourceRegion"], _seq=int(r["sourceSequence"]))

    # ---------------- incubators ----------------
    ops = build_operators()
    build_incubators(ops)
    build_incubations()
    build_other_programs()
    build_transfers()
    build_reports()
    return real_firms


# ---------------- operators, incubators ----------------

INCUBATORS = []      # final state dicts
INC_OLD = {}         # id -> overrides in the 2023 roster


def build_operators():
    ops = []
    words = ["创业服务", "科技园发展", "科创园运营管理", "众创空间管理", "孵化器管理", "产业园运营"]
    for i in range(13):
        founded = rdate(date(2006, 1, 1), date(2019, 12, 31))
        for _ in range(1000):
            zh = R.choice(Z1) + R.choice(Z2)
            name = "株洲高新区" + zh + R.choice(words) + "有限公司"
            if norm_name(name) not in USED_NAMES:
                break
        f = new_firm("430211", "zz-htz", founded, name=name, industry="M7540", no_industry_p=0)
        f["role"].add("operator")
        ops.append(f)
    for name in ["株洲高新区创业服务中心", "株洲市科技创业服务中心"]:
        f = new_firm("430211", "zz-htz", rdate(date(2001, 1, 1), date(2010, 12, 31)), name=name,
                     industry="M7540", kind="12", division="430200", no_industry_p=0)
        f["role"].add("operator")
        ops.append(f)
    return ops


FOCI = ["轨道交通", "航空航天", "先进硬质材料", "电子信息", "生物医药", "智能制造", "新能源汽车",
        "陶瓷新材料", "软件与信息服务", "大学生创业", "海归创业", "电力电子", "新材料", "检测认证",
        "工业设计", "数字经济"]


def build_incubators(ops):
    # ---- 株洲高新区: 15 incubators + 16 maker spaces (provincial or national),
    #      5 municipal, 2 accelerators
    spec = ([("incubator", "national")] * 6 + [("incubator", "provincial")] * 9 +
            [("maker-space", "national")] * 5 + [("maker-space", "provincial")] * 11 +
            [("incubator", "municipal")] * 2 + [("maker-space", "municipal")] * 3 +
            [("accelerator", "provincial"), ("accelerator", "municipal")])
    seq = {"incubator": 0, "maker-space": 0, "accelerator": 0}
    tag = {"incubator": "FH", "maker-space": "ZC", "accelerator": "JS"}
    used = set()
    for kind, level in spec:
        seq[kind] += 1
        iid = "ZZHTZ-%s-%03d" % (tag[kind], seq[kind])
        while True:
            zh = R.choice(Z1) + R.choice(Z2)
            focus = R.sample(FOCI, R.choice([1, 2, 2, 3]))
            if kind == "incubator":
                name = "株洲%s%s科技企业孵化器" % (zh, focus[0])
                area = R.randint(60, 320) * 1000 + R.randint(0, 9) * 100
            elif kind == "maker-space":
                name = "%s%s众创空间" % (zh, focus[0])
                area = R.randint(25, 250) * 100
            else:
                name = "株洲高新区%s%s企业加速器" % (zh, focus[0])
                area = R.randint(60, 150) * 1000
            if name not in used:
                used.add(name)
                break
        if level == "national":
            rec = R.randint(2009, 2021)
        elif level == "provincial":
            rec = R.randint(2013, 2023)
        else:
            rec = R.randint(2016, 2023)
        INCUBATORS.append({"id": iid, "name": name, "kind": kind, "level": level,
                           "recognized": rec, "region": R.choice(["430211"] * 5 + ["430203", "430204"]),
                           "park": "zz-htz", "operator": R.choice(ops)["uscc"] if R.random() < 0.9 else None,
                           "area-m2": area, "focus": "、".join(focus)})
    zz = [i for i in INCUBATORS if i["park"] == "zz-htz"]
    counted = [i for i in zz if i["kind"] in ("incubator", "maker-space") and i["level"] != "municipal"]
    # level changes between the 2023 and the 2024 roster
    up_nat = [i for i in counted if i["kind"] == "incubator" and i["level"] == "provincial"][0]
    INC_OLD[up_nat["id"]] = {"level": "provincial", "recognized": up_nat["recognized"]}
    up_nat["level"] = "national"
    up_nat["recognized"] = 2024
    muni = [i for i in zz if i["level"] == "municipal" and i["kind"] == "maker-space"]
    up_prov = muni[0]                               # municipal -> provincial in 2024
    INC_OLD[up_prov["id"]] = {"level": "municipal", "recognized": up_prov["recognized"]}
    up_prov["level"] = "provincial"
    up_prov["recognized"] = 2024
    down = [i for i in counted if i["kind"] == "maker-space" and i["level"] == "provincial"
            and i is not up_prov][-1]               # lost its provincial record in 2024
    INC_OLD[down["id"]] = {"level": "provincial", "recognized": down["recognized"]}
    down["level"] = "municipal"
    down["recognized"] = 2024
    # one of the incubators was provincial in 2023 and is one of the national ones now;
    # counts are made on the final (2024) roster
    counted = [i for i in zz if i["kind"] in ("incubator", "maker-space") and i["level"] != "municipal"]
    assert len(counted) == T_ZZ_INCUBATORS, len(counted)
    # hit the area target exactly by adjusting the largest incubator
    total = sum(i["area-m2"] for i in counted)
    big = max(counted, key=lambda i: i["area-m2"])
    big["area-m2"] += T_ZZ_AREA - total
    assert 50000 < big["area-m2"] < 600000, big["area-m2"]
    # municipal ones: one without area, one with a fractional area
    munis = [i for i in zz if i["level"] == "municipal"]
    munis[1]["area-m2"] = None
    munis[2]["area-m2"] = munis[2]["area-m2"] + 0.5
    # ---- elsewhere in Hunan (provincial roster)
    other = [("cs-htz", "incubator", "national", 3), ("cs-htz", "maker-space", "national", 1),
             ("cs-htz", "incubator", "provincial", 2), ("cs-htz", "maker-space", "provincial", 2),
             ("xt-htz", "incubator", "national", 1), ("xt-htz", "maker-space", "provincial", 2),
             ("hy-htz", "incubator", "provincial", 1), ("hy-htz", "maker-space", "provincial", 1),
             ("cs-etdz", "incubator", "provincial", 1), ("cs-etdz", "accelerator", "provincial", 1),
             ("yy-etdz", "incubator", "provincial", 1), ("cd-etdz", "maker-space", "provincial", 1),
             ("cz-htz", "incubator", "provincial", 1), ("ll-etdz", "maker-space", "provincial", 1),
             ("hn-none", "maker-space", "provincial", 2)]
    seqs = {}
    for area, kind, level, n in other:
        for _ in range(n):
            pre = area.replace("-", "").upper() if area != "hn-none" else "HN"
            k = (pre, kind)
            seqs[k] = seqs.get(k, 0) + 1
            iid = "%s-%s-%03d" % (pre, tag[kind], seqs[k])
            region = pick_region(area) if area != "hn-none" else R.choice(["430302", "430422"])
            city = CITY_OF_PREFIX[region[:4]]
            zh = R.choice(Z1) + R.choice(Z2)
            focus = R.sample(FOCI, 2)
            name = {"incubator": "%s%s%s科技企业孵化器", "maker-space": "%s%s%s众创空间",
                    "accelerator": "%s%s%s产业加速器"}[kind] % (city, zh, focus[0])
            area_m2 = (R.randint(40, 260) * 1000 if kind != "maker-space" else R.randint(20, 200) * 100)
            op = None
            if R.random() < 0.7:
                op_f = new_firm(region, area_park(area), rdate(date(2005, 1, 1), date(2018, 12, 31)),
                                [("科技企业孵化器管理", "M7540"), ("创业服务", "M7540"), ("科技园运营", "M7540")],
                                suffixes=["有限公司", "有限责任公司"], no_industry_p=0)
                op_f["role"].add("operator")
                op = op_f["uscc"]
            INCUBATORS.append({"id": iid, "name": name, "kind": kind, "level": level,
                               "recognized": R.randint(2012, 2023), "region": region,
                               "park": area_park(area), "operator": op, "area-m2": area_m2,
                               "focus": "、".join(focus)})


# ---------------- incubations ----------------

INCUBATIONS = []     # dicts: uscc, incubator, entered, intake, graduated, exited


def duration(kind):
    return {"maker-space": (150, 900), "incubator": (300, 1600), "accelerator": (300, 1200)}[kind]


def new_startup(area, founded, introduced=False, region=None):
    region = region or pick_region(area)
    city = None
    if introduced and R.random() < 0.25:
        city = "湖南"
    f = new_firm(region, area_park(area), founded, IND_START, city=city, no_industry_p=0.12)
    f["role"].add("startup")
    return f


def build_incubations():
    zz = [i for i in INCUBATORS if i["park"] == "zz-htz"]
    weight = {i["id"]: (math.sqrt(i["area-m2"] or 8000) * (2.2 if i["kind"] == "maker-space" else 1.0))
              for i in zz}
    inc_by_id = {i["id"]: i for i in INCUBATORS}

    def pick(kinds=None):
        c = [i for i in zz if kinds is None or i["kind"] in kinds]
        return R.choices(c, weights=[weight[i["id"]] for i in c])[0]

    recent = {2020: 8, 2021: 12, 2022: 20, 2023: 27, 2024: 33}

    def add(f, inc, entered, intake, close=None, how=None):
        rec = {"uscc": f["uscc"], "incubator": inc["id"], "entered": entered, "intake": intake,
               "graduated": close if how == "g" else None, "exited": close if how == "e" else None}
        INCUBATIONS.append(rec)
        f["role"].add("incubated")
        return rec

    def founded_for(entered, intake):
        if intake == "introduced":
            lo = entered - timedelta(days=R.randint(20, 400))
        elif intake == "spinoff":
            lo = entered - timedelta(days=R.randint(10, 200))
        else:
            lo = entered - timedelta(days=R.randint(15, 700))
        return min(max(lo, date(2012, 1, 1)), entered, date(2024, 12, 15))

    def closed(inc, lo, hi, grad_p=0.6):
        a, b = duration(inc["kind"])
        entered = rdate(lo, hi)
        close = entered + timedelta(days=R.randint(a, b))
        if close > D:
            close = entered + timedelta(days=R.randint(30, max(31, (D - entered).days)))
            if close > D:
                close = D
        return entered, close, ("g" if R.random() < grad_p else "e")

    # A: open on D, introduced, entered in the window
    for k in range(560):
        inc = pick()
        if k == 0:
            entered = WIN_FROM
        elif k == 1:
            entered = D
        else:
            entered = rdate_years(recent)
        f = new_startup("zz-htz", founded_for(entered, "introduced"), True)
        add(f, inc, entered, "introduced")
    # B: introduced in the window, graduated or exited by D
    for k in range(286):
        inc = pick()
        entered, close, how = closed(inc, WIN_FROM, d("2024-06-30"))
        if k < 2:
            how, close = "g", D                    # graduated on D: not in incubation
        f = new_startup("zz-htz", founded_for(entered, "introduced"), True)
        add(f, inc, entered, "introduced", close, how)
    # boundary: introduced on 2019-12-31, still in incubation (not in the window)
    inc = pick(["incubator"])
    f = new_startup("zz-htz", founded_for(d("2019-12-31"), "introduced"), True)
    add(f, inc, d("2019-12-31"), "introduced")
    # C: open on D, local or spin-off; some after a maker-space spell
    c_years = {2018: 2, 2019: 5, 2020: 8, 2021: 13, 2022: 20, 2023: 24, 2024: 28}
    for k in range(925):
        intake = "spinoff" if R.random() < 0.15 else "local"
        entered = rdate_years(c_years)
        if k < 120 and entered > d("2018-06-30"):
            inc = pick(["incubator", "accelerator"])
            g = entered - timedelta(days=R.randint(1, 90))
            e0 = g - timedelta(days=R.randint(200, 900))
            if e0 < d("2016-01-01"):
                e0 = d("2016-01-01")
            f = new_startup("zz-htz", founded_for(e0, "local"))
            add(f, pick(["maker-space"]), e0, "local", g, "g")
            add(f, inc, entered, "local")
            continue
        inc = pick()
        f = new_startup("zz-htz", founded_for(entered, intake))
        add(f, inc, entered, intake if R.random() < 0.92 else None)   # intake omitted = local
    # D: closed, local/spin-off any year, introduced only before the window
    d_years = {2016: 10, 2017: 12, 2018: 14, 2019: 15, 2020: 13, 2021: 13, 2022: 11, 2023: 8, 2024: 4}
    for k in range(1880):
        inc = pick()
        entered = rdate_years(d_years, hi=d("2024-09-30"))
        a, b = duration(inc["kind"])
        close = entered + timedelta(days=R.randint(a, b))
        if close >= D:                             # still running at D: it closed earlier instead
            close = rdate(entered + timedelta(days=30), D - timedelta(days=1))
        how = "g" if R.random() < 0.6 else "e"
        r = R.random()
        if entered < WIN_FROM and r < 0.22:
            intake = "introduced"
        else:
            intake = "spinoff" if r > 0.88 else "local"
        f = new_startup("zz-htz", founded_for(entered, intake), intake == "introduced")
        rec = add(f, inc, entered, intake, close, how)
        if how == "e" and intake != "introduced" and entered < WIN_FROM and R.random() < 0.45:
            f["dereg"] = min(close + timedelta(days=R.randint(100, 700)), d("2024-12-01"))
            f["status"] = "deregistered"
    # alumni: some zz-htz little giants came out of the park's incubators
    lg_zz = [f for u, f in FIRMS.items() if f["park"] == "zz-htz" and f["lg"] and not f.get("real")
             and not f.get("trap")]
    for f in R.sample(lg_zz, 25):
        entered = rdate(d("2016-01-01"), d("2018-12-31"))
        f["founded"] = min(f["founded"], entered - timedelta(days=R.randint(30, 600)))
        inc = pick(["incubator"])
        close = entered + timedelta(days=R.randint(500, 1300))
        add(f, inc, entered, R.choice(["local", "local", "spinoff"]), close, "g")
    # other incubators in Hunan: state as of 2024-09-30 (provincial roster)
    cut = d("2024-09-30")
    for inc in INCUBATORS:
        if inc["park"] == "zz-htz":
            continue
        area = inc["park"] or "hn-none"
        for k in range(R.randint(10, 26)):
            entered = rdate(d("2017-01-01"), cut)
            intake = R.choices(["local", "introduced", "spinoff"], weights=[70, 20, 10])[0]
            f = new_startup(area, founded_for(entered, intake), intake == "introduced",
                            region=inc["region"] if area == "hn-none" else None)
            a, b = duration(inc["kind"])
            close = entered + timedelta(days=R.randint(a, b))
            if close > cut:
                add(f, inc, entered, intake)
            else:
                add(f, inc, entered, intake, close, "g" if R.random() < 0.6 else "e")
    # a few firms registered before 2021 lost their park when they left the incubator
    for rec in INCUBATIONS:
        f = FIRMS[rec["uscc"]]
        if (rec["exited"] and rec["exited"] <= d("2024-11-30") and f["park"] == "zz-htz" and f["status"] == "active"
                and "startup" in f["role"] and R.random() < 0.05):
            f["hist"].append((rec["exited"], {"park": "zz-htz", "region": f["region"]}))
            f["park"] = None
            f["region"] = R.choice(["430202", "430203"])


# ---------------- other programs (high-tech, specialized-sme, innovative-sme,
#                  single-champion, municipal) ----------------

GQ = {  # high-tech enterprise lists: key -> (issued, year, certificate date)
    "gq-2021": (d("2021-12-15"), 2021, d("2021-09-18")),
    "gq-2022": (d("2022-12-19"), 2022, d("2022-10-18")),
    "gq-2023": (d("2023-12-12"), 2023, d("2023-10-16")),
    "gq-2024": (d("2024-12-02"), 2024, d("2024-11-05")),
}
ZJTX = {"zjtx-2022": (d("2022-09-30"), 2022), "zjtx-2023": (d("2023-10-16"), 2023),
        "zjtx-2024": (d("2024-10-28"), 2024)}
CXX = {"cxx-2023": (d("2023-08-25"), 2023), "cxx-2024": (d("2024-09-06"), 2024)}


def build_other_programs():
    hunan_lg = [FIRMS[u] for u in FIRM_ORDER if FIRMS[u]["lg"] and FIRMS[u]["region"].startswith("43")
                and not FIRMS[u].get("real")]
    active = [FIRMS[u] for u in FIRM_ORDER if FIRMS[u]["status"] == "active"]
    startups_zz = [f for f in active if "startup" in f["role"] and f["park"] == "zz-htz"
                   and f["founded"] <= d("2022-06-30")]
    startups_other = [f for f in active if "startup" in f["role"] and f["park"] != "zz-htz"
                      and f["region"].startswith("43") and f["founded"] <= d("2022-06-30")]
    gq_firms = ([f for f in hunan_lg if R.random() < 0.85] + R.sample(startups_zz, 240)
                + R.sample(startups_other, 60))
    for f in gq_firms:
        f["gq"] = True
        y0 = R.choice([2021, 2022, 2023, 2024])
        if f["founded"].year >= y0:
            y0 = min(2024, f["founded"].year + 1)
        for y in (y0, y0 + 3):
            if y > 2024:
                break
            key = "gq-%d" % y
            cert = GQ[key][2]
            add_desig(key, f["uscc"], "high-tech", "national", y, None, cert, plus3(cert))
    zj_firms = ([f for f in hunan_lg if R.random() < 0.7] + R.sample(startups_zz, 90)
                + R.sample(startups_other, 30))
    for f in zj_firms:
        key = R.choice(sorted(ZJTX))
        issued, y = ZJTX[key]
        add_desig(key, f["uscc"], "specialized-sme", "provincial", y, None, issued, plus3(issued))
    cx_firms = R.sample(startups_zz, 180) + R.sample(startups_other, 50)
    for f in cx_firms:
        key = R.choice(sorted(CXX))
        issued, y = CXX[key]
        add_desig(key, f["uscc"], "innovative-sme", "provincial", y, None, issued, plus3(issued))
    # single champions (manufacturing), 2023
    zz_nat = [f for f in hunan_lg if f["park"] == "zz-htz" and f.get("tpl") in ("N_B4", "N_B3R")]
    cs_nat = [f for f in hunan_lg if f["park"] == "cs-htz" and f.get("tpl") == "N_B4"]
    sz = [FIRMS[u] for u in FIRM_ORDER if FIRMS[u]["region"] == "440305" and FIRMS[u]["lg"]]
    for f in (zz_nat[0], cs_nat[0], sz[0]):
        add_desig("dxgj-2023", f["uscc"], "single-champion", "national", 2023, 8,
                  d("2024-01-01"), d("2026-12-31"))
    # 株洲市 municipal list, name-only (names as the city prints them)
    zz_city = [f for f in active if f["region"].startswith("4302") and "operator" not in f["role"]]
    muni_lg = [f for f in zz_city if f.get("muni_lg")]
    prov_zz = [f for f in hunan_lg if f["park"] == "zz-htz" and f.get("tpl", "").startswith("P")]
    muni = []
    for f in muni_lg + R.sample(prov_zz, 6):
        muni.append((f, "little-giant"))
    sme_pool = [f for f in zz_city if "startup" in f["role"] and f["founded"] <= d("2021-12-31")
                and "（" not in f["name"]]
    for f in R.sample(sme_pool, 62):
        muni.append((f, "specialized-sme"))
    # two firms whose register name has half-width brackets, printed full-width
    for f in [m[0] for m in muni if m[1] == "specialized-sme"][:2]:
        old = f["name"]
        new = "湖南" + old[2:] if old[:2] in ("株洲", "湖南") else "湖南" + old
        for suf in ("股份有限公司", "有限责任公司", "有限公司"):
            if new.endswith(suf):
                new = new[:-len(suf)] + "(株洲)" + suf
                break
        USED_NAMES.discard(norm_name(old))
        claim_name(new)
        f["name"] = new
    for i, (f, prog) in enumerate(muni):
        printed = f["name"].replace("(", "（").replace(")", "）")
        if i == 3:
            printed = printed[:4] + "\u3000" + printed[4:]     # a stray ideographic space
        region = "株洲市"
        if f["region"] == "430211" and i % 5 == 0:
            region = "430211"
        add_desig("zz-muni", None, prog, "municipal", 2023, None, None, None,
                  firm=printed, region=region)
    # one name the register extract does not contain: stays a provisional firm in 4302
    ghost, _c = make_name("株洲", IND_START)
    add_desig("zz-muni", None, "specialized-sme", "municipal", 2023, None, None, None,
              firm=ghost, region="株洲市")


# ---------------- transfers ----------------

TRANSFERS = []
SOURCES = [
    ("中南大学", "university", 14), ("湖南大学", "university", 12), ("湖南工业大学", "university", 16),
    ("湘潭大学", "university", 7), ("国防科技大学", "university", 6), ("长沙理工大学", "university", 5),
    ("湖南科技大学", "university", 4), ("南华大学", "university", 3), ("西南交通大学", "university", 3),
    ("北京航空航天大学", "university", 2), ("华中科技大学", "university", 3),
    ("中国科学院金属研究所", "institute", 4), ("中国科学院半导体研究所", "institute", 3),
    ("中国科学院上海硅酸盐研究所", "institute", 3), ("中国科学院宁波材料技术与工程研究所", "institute", 3),
    ("中国科学院深圳先进技术研究院", "institute", 2), ("中国科学院长春光学精密机械与物理研究所", "institute", 2),
    ("株洲先进轨道交通装备产业技术研究院", "rd-institution", 5),
    ("湖南先进陶瓷材料产业技术研究院", "rd-institution", 3),
    ("株洲航空动力产业技术创新研究院", "rd-institution", 3),
    ("自然人（发明人）", "other", 2),
]
TECH = {
    "C3716": ["轨道车辆制动系统控制", "列车牵引变流器散热", "转向架构架焊接变形控制"],
    "C3715": ["城轨车辆受电弓", "机车齿轮箱密封", "轨道车辆空调节能控制"],
    "C3744": ["航空发动机叶片精密铸造", "无人机飞控", "航空齿轮表面强化"],
    "C3240": ["超细晶硬质合金制备", "硬质合金涂层刀片", "钨钴合金回收再利用"],
    "C3985": ["电子浆料", "高纯氧化铝陶瓷基板", "导热界面材料"],
    "C3976": ["光纤陀螺", "大功率激光器封装", "红外探测器读出电路"],
    "C3824": ["IGBT模块封装", "SiC功率器件驱动", "大功率晶闸管"],
    "C3841": ["磷酸铁锂正极材料", "动力电池热管理", "电池管理系统均衡"],
    "C3670": ["新能源汽车电驱减速器", "汽车传感器标定", "轻量化铝合金轮毂"],
    "C3581": ["便携式超声诊断", "康复训练机器人", "医用导管涂层"],
    "C3491": ["工业机器人视觉引导", "协作机器人关节模组", "AGV调度"],
    "C3073": ["氮化硅陶瓷轴承球", "压电陶瓷", "高压电瓷釉料"],
    "I6513": ["工业互联网平台", "设备预测性维护软件", "数字孪生建模"],
}
MODE_WORD = {"transfer": "专利权转让", "license": "专利实施许可", "cooperation": "合作开发及成果转化",
             "equity": "科技成果作价入股", "self": "科技成果自行实施转化", "other": "秘密转让"}


def build_transfers():
    active = [FIRMS[u] for u in FIRM_ORDER if FIRMS[u]["status"] == "active"
              and not FIRMS[u].get("trap") and not FIRMS[u].get("real")
              and "operator" not in FIRMS[u]["role"]]
    zz = [f for f in active if f["park"] == "zz-htz" and not f.get("muni_lg")]
    zz_lg = [f for f in zz if f["lg"]]
    zz_other = [f for f in zz if not f["lg"] and (f.get("gq") or "startup" in f["role"])]
    hn_other = [f for f in active if f["park"] != "zz-htz" and f["region"].startswith("43")]
    hn_other_lg = [f for f in hn_other if f["lg"]]
    oop = [f for f in active if f.get("oop")]
    seq = {}

    def recipient(pool_a, pool_b, pa, signed):
        for _ in range(1000):
            f = R.choice(pool_a) if R.random() < pa else R.choice(pool_b)
            if f["founded"] <= signed:
                return f
        raise RuntimeError("no recipient")

    def make(f, signed, zz_side):
        src, sk, _w = R.choices(SOURCES, weights=[s[2] for s in SOURCES])[0]
        if R.random() < 0.12:                      # firm-to-firm
            g = R.choice(hn_other_lg if zz_side else zz_lg)
            src, sk = g["name"], "enterprise"
        mode = R.choices(list(MODE_WORD), weights=[35, 25, 20, 10, 5, 5])[0]
        if zz_side:
            channel = R.choices(["local", "enclave", "other", None], weights=[45, 15, 15, 25])[0]
        else:
            channel = R.choices(["local", "enclave", "other", None], weights=[35, 8, 20, 37])[0]
        techs = TECH.get(f["industry"] or "", None) or R.choice(list(TECH.values()))
        title = R.choice(techs) + "技术" + MODE_WORD[mode]
        r = R.random()
        if r < 0.05:
            value = None
        else:
            v = math.exp(R.gauss(math.log(800000), 1.15))
            v = min(max(v, 20000), 50000000)
            value = round(v, -3) if r < 0.92 else round(v, 2)
        y = signed.year
        seq[y] = seq.get(y, 0) + 1
        tid = "JS-%d-43-%05d" % (y, seq[y])
        rec = {"id": tid, "title": title, "source": src, "source-kind": sk, "recipient": f["uscc"],
               "mode": mode, "channel": channel, "value": value, "signed": signed}
        TRANSFERS.append(rec)
        return rec

    # in the window, recipient in zz-htz
    for k in range(T_ZZ_TRANSFERS):
        signed = WIN_FROM if k == 0 else D if k == 1 else rdate(WIN_FROM, D)
        make(recipient(zz_lg, zz_other, 0.55, signed), signed, True)
    # before the window
    for k in range(72):
        signed = d("2019-12-31") if k == 0 else rdate(d("2016-01-01"), d("2019-12-31"))
        make(recipient(zz_lg, zz_other, 0.55, signed), signed, True)
    # elsewhere in Hunan
    for k in range(196):
        signed = rdate(d("2016-01-01"), D)
        make(recipient(hn_other_lg, hn_other, 0.6, signed), signed, False)
    # out of province recipients
    for k in range(14):
        signed = rdate(d("2016-01-01"), D)
        make(recipient(oop, oop, 1, signed), signed, False)
    TRANSFERS.sort(key=lambda t: (t["signed"], t["id"]))
    # renumber in date order so ids look like a register
    seq = {}
    for t in TRANSFERS:
        y = t["signed"].year
        seq[y] = seq.get(y, 0) + 1
        t["id"] = "JS-%d-43-%05d" % (y, seq[y])
    # corrections restated in the 2023-2024 register
    in_xml = [t for t in TRANSFERS if d("2020-01-01") <= t["signed"] <= d("2022-12-31")]
    zz_uscc = {f["uscc"] for f in zz}
    cand = [t for t in in_xml if t["recipient"] in zz_uscc and t["value"]]
    t1 = cand[3]                                   # recipient corrected: first stated elsewhere
    t1["_old"] = {"recipient": R.choice([f for f in hn_other_lg if f["founded"] <= t1["signed"]])["uscc"]}
    t2 = cand[10]                                  # value corrected
    t2["_old"] = {"value": round(t2["value"] * 1.5, -3)}
    # CSV quoting cases
    t3 = [t for t in TRANSFERS if t["signed"] < WIN_FROM][5]
    t3["title"] = "SiC MOSFET驱动,保护电路设计技术专利实施许可"
    t4 = [t for t in TRANSFERS if t["signed"] >= d("2023-01-01")][7]
    t4["title"] = "\"一种轨道车辆转向架\"系列专利权转让"


# ---------------- annual reports ----------------

REPORTS = []


def money(v, cents=False):
    if v is None:
        return None
    if cents:
        return round(v, 2)
    return float(int(round(v, -2)))


def build_reports():
    lg = [FIRMS[u] for u in FIRM_ORDER if FIRMS[u]["lg"] and not FIRMS[u].get("real")]
    zz_others = [FIRMS[u] for u in FIRM_ORDER
                 if FIRMS[u]["park"] == "zz-htz" and not FIRMS[u]["lg"] and FIRMS[u]["status"] == "active"
                 and "startup" in FIRMS[u]["role"] and FIRMS[u]["founded"] <= d("2022-12-31")]
    gq_first = [f for f in zz_others if f.get("gq")]
    rest = [f for f in zz_others if not f.get("gq")]
    others = gq_first[:220] + R.sample(rest, 90)
    for f in lg + others:
        f["reports"] = True
        if f["lg"]:
            base = math.exp(R.uniform(math.log(6e7), math.log(1.2e9)))
        else:
            base = math.exp(R.uniform(math.log(1.5e6), math.log(6e7)))
        kind = R.choices(["fast", "stable", "shrink"], weights=[25, 50, 25])[0]
        g = {"fast": R.uniform(0.18, 0.55), "stable": R.uniform(-0.02, 0.12),
             "shrink": R.uniform(-0.25, -0.03)}[kind]
        share = R.uniform(0.74, 0.99) if f["lg"] else R.uniform(0.6, 1.0)
        rd = R.uniform(0.03, 0.12) if f["lg"] else R.uniform(0.02, 0.25)
        prod = R.uniform(6e5, 1.6e6)
        rdshare = R.uniform(0.12, 0.45)
        pat = R.randint(3, 40) if f["lg"] else R.randint(0, 6)
        lev = R.uniform(0.2, 0.72)
        assets_x = R.uniform(0.9, 2.2)
        eq_year = R.choice([None, None, None, None, 2021, 2022, 2023, 2024])
        rev = base
        first = max(2020, f["founded"].year + (1 if f["founded"].month > 6 else 0))
        for y in range(2020, 2025):
            if y > 2020:
                rev = rev * (1 + g + R.uniform(-0.05, 0.05))
            if y < first:
                continue
            emp = max(8, int(rev / prod * R.uniform(0.9, 1.1)))
            rep = {"uscc": f["uscc"], "year": y,
                   "revenue": money(rev), "main-revenue": money(rev * share * R.uniform(0.98, 1.0)),
                   "rd-expense": money(rev * rd * R.uniform(0.85, 1.15), cents=R.random() < 0.05),
                   "employees": emp, "rd-staff": max(1, int(emp * rdshare)),
                   "invention-patents": pat,
                   "assets": money(rev * assets_x), "liabilities": money(rev * assets_x * lev),
                   "equity-raised": money(R.uniform(1e7, 2e8)) if y == eq_year else None}
            pat += R.choice([0, 0, 1, 1, 2, 3]) if f["lg"] else R.choice([0, 0, 0, 1])
            for k in ("main-revenue", "rd-expense", "rd-staff", "invention-patents", "assets",
                      "liabilities", "employees"):
                if R.random() < 0.03:
                    rep[k] = None
            if y == 2024:                      # 快报: no balance-sheet items
                rep["assets"] = rep["liabilities"] = None
            REPORTS.append(rep)


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------

def fmt(v):
    if v is None:
        return None
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return "%.2f" % v
    return str(v)


ZH = {
    "level": {"national": "国家级", "provincial": "省级", "municipal": "市级"},
    "program": {"little-giant": "专精特新\"小巨人\"", "specialized-sme": "专精特新中小企业",
                "innovative-sme": "创新型中小企业", "single-champion": "制造业单项冠军",
                "high-tech": "高新技术企业"},
    "kind": {"incubator": "孵化器", "maker-space": "众创空间", "accelerator": "加速器"},
    "mode": {"transfer": "转让", "license": "许可", "equity": "作价投资", "cooperation": "合作实施",
             "self": "自行实施"},
    "channel": {"local": "就地转化", "enclave": "飞地孵化"},
    # aliases the project accepts beyond the design input (docs/filing-format.md)
    "source-kind": {"university": "高校", "institute": "科研院所", "enterprise": "企业",
                    "rd-institution": "新型研发机构"},
    "intake": {"local": "本地", "introduced": "引进", "spinoff": "衍生"},
}

FIELDS = {
    "park": ["id", "name", "short-name", "region", "level", "kind"],
    "firm": ["uscc", "name", "region", "park", "industry", "founded", "status"],
    "incubator": ["id", "name", "kind", "level", "recognized", "region", "park", "operator",
                  "area-m2", "focus"],
    "designation": ["uscc", "firm", "region", "program", "level", "year", "batch", "valid-from",
                    "valid-to", "status", "revoked-on"],
    "incubation": ["uscc", "incubator", "entered", "intake", "graduated", "exited"],
    "annual-report": ["uscc", "year", "revenue", "main-revenue", "rd-expense", "employees",
                      "rd-staff", "invention-patents", "assets", "liabilities", "equity-raised"],
    "transfer": ["id", "title", "source", "source-kind", "recipient", "mode", "channel", "value",
                 "signed"],
}


def zh_rec(kind, rec, which):
    """Replace enumeration values by their Chinese labels (those listed in the spec)."""
    out = dict(rec)
    for field in which:
        table = ZH["kind" if field == "kind" else field]
        if out.get(field) in table:
            out[field] = table[out[field]]
    return out


def xml_attr(v, style):
    v = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if '"' in v:
        if style == "single" and "'" not in v:
            return "'" + v + "'"
        v = v.replace('"', "&quot;")
    return '"' + v + '"'


class Filing:
    def __init__(self, fname, fid, authority, issued, title, fmt_="xml", encoding="UTF-8",
                 crlf=False, bom=False, comment=None, quote_style="escape", kind_in_meta=False):
        self.fname, self.id, self.authority, self.issued, self.title = fname, fid, authority, issued, title
        self.fmt = "csv" if fname.endswith(".csv") else "xlsx" if fname.endswith(".xlsx") else "xml"
        assert fmt_ in (self.fmt, "xml"), fname
        self.encoding, self.crlf, self.bom = encoding, crlf, bom
        self.comment, self.quote_style, self.kind_in_meta = comment, quote_style, kind_in_meta
        self.records = []        # (kind, {field: value})

    def add(self, kind, rec):
        self.records.append((kind, {k: fmt(rec.get(k)) for k in FIELDS[kind] if rec.get(k) is not None}))

    def check_keys(self):
        seen = set()
        for kind, r in self.records:
            if kind == "park" or kind == "incubator" or kind == "transfer":
                k = (kind, r["id"])
            elif kind == "firm":
                k = (kind, r["uscc"])
            elif kind == "designation":
                k = (kind, r.get("uscc") or (norm_name(r["firm"]), r["region"]), r["program"],
                     r["level"], r["year"])
            elif kind == "incubation":
                k = (kind, r["uscc"], r["incubator"], r["entered"])
            else:
                k = (kind, r["uscc"], r["year"])
            if k in seen:
                if kind == "firm":
                    continue          # identical firm record repeated: dropped below
                raise AssertionError("duplicate key in %s: %r" % (self.fname, k))
            seen.add(k)

    def write(self, outdir):
        # drop exact duplicate firm records (a firm listed twice in one list)
        seen, recs = set(), []
        for kind, r in self.records:
            key = (kind, tuple(sorted(r.items())))
            if key in seen:
                continue
            seen.add(key)
            recs.append((kind, r))
        self.records = recs
        self.check_keys()
        path = os.path.join(outdir, self.fname)
        if self.fmt == "xml":
            self._write_xml(path)
        elif self.fmt == "xlsx":
            self._write_xlsx(path)
        else:
            self._write_csv(path)

    def _write_xml(self, path):
        nl = "\n"
        s = io.StringIO()
        s.write('<?xml version="1.0" encoding="%s"?>%s' % (self.encoding, nl))
        if self.comment:
            s.write("<!--%s%s%s-->%s" % (nl, self.comment.rstrip(), nl, nl))
        s.write('<filing xmlns="urn:regctl:filing:1" id=%s authority=%s issued=%s title=%s>%s' % (
            xml_attr(self.id, "escape"), xml_attr(self.authority, "escape"),
            xml_attr(self.issued.isoformat(), "escape"), xml_attr(self.title, "escape"), nl))
        for kind, r in self.records:
            attrs = " ".join("%s=%s" % (k, xml_attr(v, self.quote_style)) for k, v in r.items())
            s.write("  <%s %s/>%s" % (kind, attrs, nl))
        s.write("</filing>" + nl)
        data = s.getvalue().encode("gb18030" if self.encoding.upper() == "GB18030" else "utf-8")
        with open(path, "wb") as fh:
            fh.write(data)

    def _write_csv(self, path):
        kinds = {k for k, _ in self.records}
        assert len(kinds) == 1, (self.fname, kinds)
        kind = kinds.pop()
        prefix = {"park": "parks", "firm": "firms", "incubator": "incubators",
                  "designation": "designations", "incubation": "incubations",
                  "annual-report": "annual-reports", "transfer": "transfers"}[kind]
        assert self.fname.startswith(prefix + "-"), self.fname
        used = [f for f in FIELDS[kind] if any(f in r for _, r in self.records)]
        s = io.StringIO()
        w = csv.writer(s, lineterminator="\r\n" if self.crlf else "\n")
        w.writerow(used)
        for _, r in self.records:
            w.writerow([r.get(f, "") for f in used])
        text = s.getvalue()
        if self.encoding.upper() == "GB18030":
            data = text.encode("gb18030")
        else:
            data = (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        meta = {"id": self.id, "authority": self.authority, "issued": self.issued.isoformat(),
                "title": self.title}
        if self.kind_in_meta:
            meta["kind"] = kind
        with open(path + ".meta.json", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")

    def _write_xlsx(self, path):
        """The list as a ministry publishes it (docs/excel.md): one sheet, the title merged across
        the columns, a blank row, the header 序号|省份|企业名称|批次|年度, each province merged down
        over its firms, a 合计 row, a footnote, and a 说明 sheet (the comment). Fields the same for
        every record (program, level) are no column: the sidecar's "set" gives them."""
        kinds = {k for k, _ in self.records}
        assert kinds == {"designation"}, (self.fname, kinds)
        constant = {f: self.records[0][1][f] for f in ("program", "level")}
        assert all(all(r[f] == v for f, v in constant.items()) for _, r in self.records)
        header = [("序号", None), ("省份", "region"), ("企业名称", "firm"), ("批次", "batch"), ("年度", "year")]
        assert all(set(r) == {"firm", "region", "batch", "year"} | set(constant) for _, r in self.records)
        strings, index = [], {}

        def sst(text):
            if text not in index:
                index[text] = len(strings)
                strings.append(text)
            return index[text]

        def cell(ref, value=None, number=False):
            if value is None:
                return '<c r="%s" s="1"/>' % ref            # a covered cell of a merge, as Excel writes it
            if number:
                return '<c r="%s" s="1"><v>%s</v></c>' % (ref, value)
            return '<c r="%s" s="1" t="s"><v>%d</v></c>' % (ref, sst(value))

        rows, merges = [], ["A1:E1"]
        rows.append('<row r="1">%s</row>' % cell("A1", self.title))
        rows.append('<row r="3">%s</row>' % "".join(cell("%s3" % "ABCDE"[i], t) for i, (t, _) in enumerate(header)))
        r, run_start = 4, 4
        for i, (_, rec) in enumerate(self.records):
            first = i == 0 or rec["region"] != self.records[i - 1][1]["region"]
            if first and r - run_start > 1:
                merges.append("B%d:B%d" % (run_start, r - 1))
            if first:
                run_start = r
            rows.append('<row r="%d">%s%s%s%s%s</row>' % (
                r, cell("A%d" % r, i + 1, True), cell("B%d" % r, rec["region"] if first else None),
                cell("C%d" % r, rec["firm"]), cell("D%d" % r, rec["batch"], True), cell("E%d" % r, rec["year"], True)))
            r += 1
        if r - run_start > 1:
            merges.append("B%d:B%d" % (run_start, r - 1))
        rows.append('<row r="%d">%s%s</row>' % (r, cell("A%d" % r, "合计"), cell("C%d" % r, len(self.records), True)))
        rows.append('<row r="%d">%s</row>' % (r + 1, cell("A%d" % (r + 1), "注：企业名称以工业和信息化部公布的名单为准。")))
        merges.append("A%d:E%d" % (r + 1, r + 1))
        notes = ['<row r="%d">%s</row>' % (j + 1, cell("A%d" % (j + 1), line.strip()))
                 for j, line in enumerate(["说明"] + [l for l in (self.comment or "").strip().splitlines() if l.strip()])]
        ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

        def sheet(body, merged=()):
            m = ('<mergeCells count="%d">%s</mergeCells>' % (len(merged), "".join('<mergeCell ref="%s"/>' % x for x in merged))) if merged else ""
            return decl + '<worksheet %s><sheetData>%s</sheetData>%s</worksheet>' % (ns, "".join(body), m)

        name_sheet, notes_sheet = sheet(rows, merges), sheet(notes)
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        parts = {
            "[Content_Types].xml": decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
            "_rels/.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel,
            "xl/workbook.xml": decl + '<workbook %s xmlns:r="%s"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/>'
            '<sheet name="说明" sheetId="2" r:id="rId2"/></sheets></workbook>' % (ns, rel),
            "xl/_rels/workbook.xml.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="%s/styles" Target="styles.xml"/></Relationships>' % (rel, rel, rel, rel),
            "xl/styles.xml": decl + '<styleSheet %s><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf borderId="0"/></cellXfs></styleSheet>' % ns,
            "xl/worksheets/sheet1.xml": name_sheet,
            "xl/worksheets/sheet2.xml": notes_sheet,
        }
        parts["xl/sharedStrings.xml"] = decl + '<sst %s count="%d" uniqueCount="%d">%s</sst>' % (
            ns, len(strings), len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % xml_escape(t) for t in strings))
        order = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                 "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for part in order:
                z.writestr(zipfile.ZipInfo(part, date_time=(2024, 4, 30, 0, 0, 0)), parts[part].encode("utf-8"),
                           compress_type=zipfile.ZIP_DEFLATED)
        meta = {"id": self.id, "authority": self.authority, "issued": self.issued.isoformat(),
                "kind": "designation", "set": constant}
        with open(path + ".meta.json", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")


SYN = "（样例数据）"


def write_all(outdir, key_rows, key_csv_path):
    for name in sorted(os.listdir(outdir)):
        if name.endswith((".xml", ".csv", ".xlsx", ".meta.json")):
            os.remove(os.path.join(outdir, name))
    filings = []

    def F(*a, **k):
        f = Filing(*a, **k)
        filings.append(f)
        return f

    # ---- parks
    kfq = F("parks-kfq-2018.csv", "KFQ-ML-2018",
            "国家发展和改革委员会 科学技术部 国土资源部 住房和城乡建设部 商务部 海关总署",
            d("2018-02-26"), "中国开发区审核公告目录（2018年版）摘录" + SYN, "csv", kind_in_meta=True)
    for p in PARKS:
        rec = dict(zip(FIELDS["park"], p))
        if p[0] == "lk-etdz":                     # before 株洲县 became 渌口区
            rec.update({"name": "湖南株洲县经济开发区", "short-name": "株洲县经开区", "region": "430221"})
        kfq.add("park", rec)
    hnp = F("hn-parks-2022.xml", "HN-FGW-2022-PARKS", "湖南省发展和改革委员会", d("2022-08-15"),
            "湖南省省级及以上产业园区名录（2022年）" + SYN)
    for p in PARKS:
        if p[3].startswith("43"):
            hnp.add("park", dict(zip(FIELDS["park"], p)))

    # ---- firm registers
    def frec(f, when):
        s = firm_state(f, when)
        if s["status"] == "active" and R.random() < 0.9:
            s["status"] = None                    # default active
        if s["founded"] and f.get("no_founded"):
            s["founded"] = None
        return s

    for u in FIRM_ORDER:                          # a few registers leave out the founding date
        if R.random() < 0.01:
            FIRMS[u]["no_founded"] = True
    zz21 = F("zz-amr-firms-2021.xml", "ZZ-AMR-2021-12", "株洲市市场监督管理局", d("2022-01-14"),
             "株洲市企业登记信息摘录（2021年末）" + SYN)
    zz24 = F("firms-zhuzhou-2024.csv", "ZZ-AMR-2024-12", "株洲市市场监督管理局", d("2024-12-20"),
             "株洲市企业登记信息摘录（2024年12月）" + SYN)
    hn24 = F("firms-hunan-2024.csv", "HN-AMR-2024-11", "湖南省市场监督管理局", d("2024-11-29"),
             "湖南省企业登记信息摘录（株洲市以外，2024年11月）" + SYN)
    for u in FIRM_ORDER:
        f = FIRMS[u]
        if f.get("oop"):
            continue
        s21 = firm_state(f, d("2021-12-31"))
        if (f["founded"] <= d("2021-12-31") and s21["region"].startswith("4302")
                and (f.get("trap") or f.get("real") or R.random() < 0.18)):
            zz21.add("firm", frec(f, d("2021-12-31")))
        if f["region"].startswith("4302"):
            zz24.add("firm", frec(f, d("2024-12-20")))
        else:
            hn24.add("firm", frec(f, d("2024-11-29")))

    # ---- designations
    by_f = {}
    for r in DESIGS:
        by_f.setdefault(r["_f"], []).append(r)

    def firm_line(fl, u, when):
        fl.add("firm", frec(FIRMS[u], when))

    for key in ["miit-b1", "miit-b2", "miit-b3", "miit-b4", "miit-b5", "miit-b6"]:
        issued, year, batch, vf, vt, title = MIIT[key]
        fl = F("miit-lg-b%d-%d.xml" % (batch, year), "MIIT-LG-%d-B%d" % (year, batch), "工业和信息化部",
               issued, title + SYN, quote_style="escape")
        for r in by_f.get(key, []):
            firm_line(fl, r["uscc"], issued)
            fl.add("designation", r)
    for key in ["miit-r1", "miit-r2", "miit-r3"]:
        issued, year, batch, vf, vt, title = MIIT[key]
        fl = F("miit-lg-review-%d.xml" % year, "MIIT-LG-%d-R%d" % (year, batch), "工业和信息化部",
               issued, title + SYN)
        for r in by_f.get(key, []):
            fl.add("designation", r)
    fl = F("miit-lg-revocations-2024.xml", "MIIT-LG-2024-REVOKE", "工业和信息化部", MIIT_REVOKE_ISSUED,
           "关于撤销部分企业专精特新\"小巨人\"企业称号的通知" + SYN,
           comment="  A revoked-on after the as-of date keeps the designation active until then;\n"
                   "  a revocation without revoked-on takes effect on this filing's issue date.")
    for r in by_f.get("miit-revoke", []):
        fl.add("designation", r)
    fl = F("miit-single-champion-2023.xml", "MIIT-DXGJ-2023-8", "工业和信息化部", d("2023-12-22"),
           "第八批制造业单项冠军企业名单" + SYN)
    for r in by_f.get("dxgj-2023", []):
        fl.add("designation", r)
    # the real key-support list
    key_comment = (
        "  Real data (names and regions as MIIT published them), not synthetic.\n"
        "  MIIT lists of national specialised little giants (专精特新\"小巨人\") recommended for\n"
        "  continued central-budget support (建议继续支持的重点\"小巨人\"企业名单):\n"
        "    batch 1, year 3: https://www.miit.gov.cn/cms_files/filemanager/1226211233/attach/20244/bc918b07c4064658955a97246d069c8b.pdf (409)\n"
        "    batch 2, year 3: https://www.miit.gov.cn/cms_files/filemanager/1226211233/attach/20243/e06b50962e81471cb6163f72d4694295.pdf (381)\n"
        "    batch 3, year 2: https://www.miit.gov.cn/cms_files/filemanager/1226211233/attach/20243/5e6cfbab42ec4087a9a135426b0ec60b.pdf (398)\n"
        "  Transcribed from github.com/Lyb-L-dev/career-radar, data/company_candidates.json,\n"
        "  commit 97125802c4cf80c3f670b4dc9ddb54c566c1aa4d (MIT licence, (c) 2026 Career Radar\n"
        "  Contributors; the names are public MIIT notices); copy: samples/data/.\n"
        "  Records are in PDF order (batch, then sequence number).  year = 2019/2020/2021 for\n"
        "  batches 1/2/3; no USCC, no validity dates.  The issue date is a stand-in: the\n"
        "  attachment paths date the PDFs to March/April 2024.")
    # As MIIT publishes a list: an .xlsx workbook (the quick start loads Excel too).
    fl = F("miit-key-little-giants-2024.xlsx", "MIIT-LG-KEY-SUPPORT-2024", "工业和信息化部",
           d("2024-04-30"), "建议继续支持的专精特新\"小巨人\"企业名单（第一批第三年、第二批第三年、第三批第二年）",
           comment=key_comment)
    for r in by_f["key"]:
        fl.add("designation", r)
    # Hunan provincial little-giant lists
    titles = {y: "%d年湖南省专精特新\"小巨人\"企业名单%s" % (y, SYN) for y in range(2019, 2025)}
    for y in (2019, 2020):
        key = "hn-%d" % y
        fl = F("designations-hn-lg-%d.csv" % y, "HN-GXT-%d-LG" % y, "湖南省工业和信息化厅",
               HN[key][0], titles[y], "csv")
        for r in by_f.get(key, []):
            fl.add("designation", r)
    fl = F("hn-lg-2021.xml", "HN-GXT-2021-12", "湖南省工业和信息化厅", HN["hn-2021"][0], titles[2021])
    for r in by_f.get("hn-2021", []):
        firm_line(fl, r["uscc"], HN["hn-2021"][0])
        fl.add("designation", r)
    fl = F("hn-lg-2022.xml", "HN-GXT-2022-LG", "湖南省工业和信息化厅", HN["hn-2022"][0], titles[2022],
           quote_style="single",
           comment="  Enumerations use the Chinese labels (省级, 专精特新\"小巨人\") as the notice prints them.")
    for r in by_f.get("hn-2022", []):
        firm_line(fl, r["uscc"], HN["hn-2022"][0])
        fl.add("designation", zh_rec("designation", r, ["level", "program"]))
    fl = F("hn-lg-2023.xml", "HN-GXT-2023-LG", "湖南省工业和信息化厅", HN["hn-2023"][0], titles[2023],
           encoding="GB18030", quote_style="escape",
           comment="  This file is encoded in GB18030, as declared above.")
    for r in by_f.get("hn-2023", []):
        firm_line(fl, r["uscc"], HN["hn-2023"][0])
        fl.add("designation", zh_rec("designation", r, ["level", "program"]))
    fl = F("designations-hn-lg-2024.csv", "HN-GXT-2024-LG", "湖南省工业和信息化厅", HN["hn-2024"][0],
           titles[2024], "csv", encoding="GB18030", crlf=True)
    for r in by_f.get("hn-2024", []):
        fl.add("designation", zh_rec("designation", r, ["level", "program"]))
    fl = F("hn-lg-revocations-2024.xml", "HN-GXT-2024-REVOKE", "湖南省工业和信息化厅", HN_REVOKE_ISSUED,
           "关于撤销部分企业湖南省专精特新\"小巨人\"企业称号的通知" + SYN)
    for r in by_f.get("hn-revoke", []):
        fl.add("designation", r)
    # other programs
    for key, (issued, y, cert) in GQ.items():
        fl = F("designations-hn-gq-%d.csv" % y, "HN-GQ-%d" % y, "湖南省高新技术企业认定管理工作领导小组办公室",
               issued, "湖南省%d年认定的高新技术企业名单%s" % (y, SYN), "csv")
        for r in by_f.get(key, []):
            fl.add("designation", zh_rec("designation", r, ["program"]) if y == 2022 else r)
    for key, (issued, y) in ZJTX.items():
        fl = F("designations-hn-zjtx-%d.csv" % y, "HN-GXT-%d-ZJTX" % y, "湖南省工业和信息化厅", issued,
               "%d年湖南省专精特新中小企业名单%s" % (y, SYN), "csv")
        for r in by_f.get(key, []):
            fl.add("designation", zh_rec("designation", r, ["program", "level"]) if y == 2023 else r)
    for key, (issued, y) in CXX.items():
        fl = F("designations-hn-cxx-%d.csv" % y, "HN-GXT-%d-CXX" % y, "湖南省工业和信息化厅", issued,
               "%d年湖南省创新型中小企业名单%s" % (y, SYN), "csv")
        for r in by_f.get(key, []):
            fl.add("designation", r)
    fl = F("designations-zz-muni-2023.csv", "ZZ-GXJ-2023-ZJTX", "株洲市工业和信息化局", d("2023-11-20"),
           "2023年株洲市专精特新\"小巨人\"及专精特新中小企业名单" + SYN, "csv")
    for r in by_f.get("zz-muni", []):
        fl.add("designation", zh_rec("designation", r, ["program", "level"]))

    # ---- incubators
    zz_inc = [i for i in INCUBATORS if i["park"] == "zz-htz"]
    fl = F("zz-incubators-2023.xml", "ZZHTZ-INC-2023", "株洲高新区管理委员会", d("2023-12-29"),
           "株洲高新区科技企业孵化器、众创空间名录（2023年）" + SYN)
    for i in zz_inc:
        r = dict(i)
        r.update(INC_OLD.get(i["id"], {}))
        fl.add("incubator", r)
    fl = F("zz-incubators-2024.xml", "ZZHTZ-INC-2024", "株洲高新区管理委员会", D,
           "株洲高新区科技企业孵化器、众创空间名录（2024年）" + SYN, quote_style="escape",
           comment="  Enumerations use the Chinese labels (孵化器/众创空间/加速器, 国家级/省级/市级).")
    for i in zz_inc:
        fl.add("incubator", zh_rec("incubator", i, ["kind", "level"]))
    fl = F("incubators-hunan-2024.csv", "HN-KJT-2024-INC", "湖南省科学技术厅", d("2024-10-18"),
           "湖南省科技企业孵化器和众创空间名录（株洲高新区以外）" + SYN, "csv", crlf=True, bom=True)
    for i in INCUBATORS:
        if i["park"] != "zz-htz":
            fl.add("incubator", i)

    # ---- incubations: state at each roster date
    def state(rec, asof):
        r = dict(rec)
        for k in ("graduated", "exited"):
            if r[k] and r[k] > asof:
                r[k] = None
        return r

    zz_ids = {i["id"] for i in zz_inc}
    zz_recs = sorted([r for r in INCUBATIONS if r["incubator"] in zz_ids],
                     key=lambda r: (r["incubator"], r["entered"], r["uscc"]))
    fl20 = F("incubations-zz-2020.csv", "ZZHTZ-INCUB-2020", "株洲高新区管理委员会", d("2021-01-15"),
             "株洲高新区在孵及毕业企业名单（截至2020年末）" + SYN, "csv")
    fl22 = F("zz-incubations-2022.xml", "ZZHTZ-INCUB-2022", "株洲高新区管理委员会", d("2023-01-16"),
             "株洲高新区在孵及毕业企业名单（2021—2022年）" + SYN,
             comment="  Intake uses the Chinese labels 本地/引进/衍生 (local/introduced/spinoff).")
    fl24 = F("incubations-zz-2024.csv", "ZZHTZ-INCUB-2024", "株洲高新区管理委员会", D,
             "株洲高新区在孵及毕业企业名单（2023—2024年）" + SYN, "csv")
    for r in zz_recs:
        close = r["graduated"] or r["exited"]
        if r["entered"] <= d("2020-12-31"):
            fl20.add("incubation", state(r, d("2020-12-31")))
        if r["entered"] <= d("2022-12-31") and not (close and close < d("2021-01-01")):
            fl22.add("incubation", zh_rec("incubation", state(r, d("2022-12-31")), ["intake"]))
        if not (close and close < d("2023-01-01")):
            fl24.add("incubation", state(r, D))
    fl = F("incubations-hunan-2024.csv", "HN-KJT-2024-INCUB", "湖南省科学技术厅", d("2024-10-18"),
           "湖南省科技企业孵化器在孵企业名单（株洲高新区以外，截至2024年9月30日）" + SYN, "csv")
    for r in sorted([r for r in INCUBATIONS if r["incubator"] not in zz_ids],
                    key=lambda r: (r["incubator"], r["entered"], r["uscc"])):
        fl.add("incubation", r)

    # ---- annual reports
    def in_zz(u, year):
        return firm_state(FIRMS[u], date(year, 12, 31))["park"] == "zz-htz"

    zz_years = {2020: d("2021-06-30"), 2021: d("2022-06-30"), 2022: d("2023-06-30"), 2023: d("2024-06-28"),
                2024: D}
    fls = {}
    for y, issued in zz_years.items():
        fls[y] = F("annual-reports-zz-%d.csv" % y, "ZZHTZ-AR-%d" % y, "株洲高新区管理委员会经济发展局", issued,
                   ("株洲高新区企业%d年度经营数据" % y if y < 2024 else
                    "株洲高新区企业2024年度经营快报（含2023年度数据更正）") + SYN, "csv")
    hn_mon = F("hn-lg-monitoring-2023.xml", "HN-GXT-MON-2023", "湖南省工业和信息化厅", d("2024-07-15"),
               "湖南省专精特新企业运行监测年度数据（2020—2023年）" + SYN)
    hn_24 = F("annual-reports-hn-2024.csv", "HN-GXT-MON-2024", "湖南省工业和信息化厅", D,
              "湖南省专精特新企业2024年度经营快报" + SYN, "csv")
    miit_mon = F("miit-lg-monitoring-2024.xml", "MIIT-MON-2024", "工业和信息化部中小企业局", D,
                 "专精特新\"小巨人\"企业运行监测数据（湖南省以外，2020—2024年）" + SYN)
    corrections = []
    for rep in REPORTS:
        f = FIRMS[rep["uscc"]]
        if f.get("oop"):
            miit_mon.add("annual-report", rep)
        elif in_zz(rep["uscc"], rep["year"]):
            fls[rep["year"]].add("annual-report", rep)
            if rep["year"] == 2023 and len(corrections) < 3 and rep["revenue"] and R.random() < 0.05:
                corrections.append(rep)
        elif rep["year"] < 2024:
            hn_mon.add("annual-report", rep)
        else:
            hn_24.add("annual-report", rep)
    for rep in corrections:                      # the 2024 file restates three 2023 reports
        r = dict(rep)
        r["revenue"] = money(rep["revenue"] * 1.04)
        fls[2024].add("annual-report", r)

    # ---- transfers
    t1 = F("transfers-hn-2016-2019.csv", "HN-JSSC-2016-2019", "湖南省科学技术厅（技术合同认定登记）",
           d("2020-03-31"), "湖南省技术合同登记：科技成果转化（2016—2019年）" + SYN, "csv")
    t2 = F("hn-transfers-2020-2022.xml", "HN-JSSC-2020-2022", "湖南省科学技术厅（技术合同认定登记）",
           d("2023-03-31"), "湖南省技术合同登记：科技成果转化（2020—2022年）" + SYN, quote_style="escape",
           comment="  Transfer modes, channels and source kinds use the Chinese labels (转让/许可/作价投资/\n"
                   "  合作实施/自行实施, 就地转化/飞地孵化, 高校/科研院所/企业/新型研发机构).\n"
                   "  Recipients outside Hunan are defined by the MIIT lists.")
    t3 = F("transfers-hn-2023-2024.csv", "HN-JSSC-2023-2024", "湖南省科学技术厅（技术合同认定登记）", D,
           "湖南省技术合同登记：科技成果转化（2023—2024年，含更正）" + SYN, "csv")
    for t in TRANSFERS:
        if t["signed"] < d("2020-01-01"):
            t1.add("transfer", t)
        elif t["signed"] < d("2023-01-01"):
            r = dict(t)
            r.update(t.get("_old", {}))
            t2.add("transfer", zh_rec("transfer", r, ["mode", "channel", "source-kind"]))
            if "_old" in t:
                t3.add("transfer", t)
        else:
            t3.add("transfer", t)

    for fl in filings:
        FILING_ISSUED_BY_FILE[fl.fname] = fl.issued
        fl.write(outdir)
    return filings


FILING_ISSUED_BY_FILE = {}


# --------------------------------------------------------------------------
# own bookkeeping check
# --------------------------------------------------------------------------

def self_check(real_firms):
    FILING_ISSUED.update({k: v[0] for k, v in MIIT.items()})
    FILING_ISSUED.update({k: v[0] for k, v in HN.items()})
    FILING_ISSUED.update({"miit-revoke": MIIT_REVOKE_ISSUED, "hn-revoke": HN_REVOKE_ISSUED,
                          "key": d("2024-04-30")})
    # latest statement per key (revocations restate)
    latest = {}
    for r in DESIGS:
        if r["_f"] in ("zz-muni",) or r["program"] != "little-giant":
            continue
        u = r["uscc"]
        if u is None:
            hit = [f for f in real_firms.values() if norm_name(f["name"]) == norm_name(r["firm"])]
            if not hit:
                continue
            u = hit[0]["uscc"]
        k = (u, r["level"], r["year"])
        if k not in latest or FILING_ISSUED[r["_f"]] >= FILING_ISSUED[latest[k]["_f"]]:
            latest[k] = dict(r, uscc=u)
    nat, prov = {}, {}
    for (u, level, year), r in latest.items():
        if desig_active(r):
            park = FIRMS[u]["park"]
            if FIRMS[u]["region"].startswith("43"):
                (nat if level == "national" else prov).setdefault(park, set()).add(u)
    zz_nat = nat.get("zz-htz", set())
    zz_prov = zz_nat | prov.get("zz-htz", set())
    print("generator bookkeeping: zz-htz national", len(zz_nat), "provincial+", len(zz_prov))
    assert len(zz_nat) == T_ZZ_NAT and len(zz_prov) == T_ZZ_PROV
    counts = sorted(((len(v), k) for k, v in nat.items() if k), reverse=True)
    assert counts[0][1] == "cs-htz" and counts[1][1] == "zz-htz", counts
    zz_ids = {i["id"] for i in INCUBATORS if i["park"] == "zz-htz"}
    open_ = {r["uscc"] for r in INCUBATIONS if r["incubator"] in zz_ids and r["entered"] <= D
             and not (r["graduated"] and r["graduated"] <= D) and not (r["exited"] and r["exited"] <= D)}
    intro = [r for r in INCUBATIONS if r["incubator"] in zz_ids and r["intake"] == "introduced"
             and WIN_FROM <= r["entered"] <= D]
    print("generator bookkeeping: in incubation", len(open_), "introduced", len(intro))
    assert len(open_) == T_ZZ_IN_INCUBATION and len(intro) == T_ZZ_INTRODUCED
    tr = [t for t in TRANSFERS if WIN_FROM <= t["signed"] <= D and FIRMS[t["recipient"]]["park"] == "zz-htz"]
    print("generator bookkeeping: transfers", len(tr))
    assert len(tr) == T_ZZ_TRANSFERS


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--key-support", default=DEFAULT_KEY_CSV,
                    help="little-giants-key-support.csv (default: samples/data copy; "
                         "../shared/data/cn-little-giants-key-support/ in the workspace)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    with open(a.key_support, encoding="utf-8", newline="") as fh:
        key_rows = list(csv.DictReader(fh))
    assert len(key_rows) == 1188, len(key_rows)
    os.makedirs(a.out, exist_ok=True)
    real_firms = build(key_rows)
    self_check(real_firms)
    filings = write_all(a.out, key_rows, a.key_support)
    print("wrote %d filings, %d firms, %d designations, %d incubators, %d incubations, "
          "%d annual reports, %d transfers" % (len(filings), len(FIRMS), len(DESIGS), len(INCUBATORS),
                                               len(INCUBATIONS), len(REPORTS), len(TRANSFERS)))


if __name__ == "__main__":
    main()
