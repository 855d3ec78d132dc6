#!/usr/bin/env python3
"""Writes a large synthetic filing for load-speed measurements: N firms with valid USCCs in Hunan,
and one national or provincial little-giant designation for every tenth firm, as one XML filing and
as two CSV filings (firms, designations) of the same records. Deterministic for a given N.

    python3 tools/gen-large-filing.py --firms 100000 --out /tmp/large
    regctl load /tmp/large/large.xml --registry /tmp/large-xml.sqlite
    regctl load /tmp/large/firms-large.csv /tmp/large/designations-large.csv --registry /tmp/large-csv.sqlite
"""
import argparse
import json
import os
import random

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
COUNTIES = ["430102", "430103", "430104", "430105", "430111", "430202", "430203", "430204", "430211", "430212",
            "430302", "430304", "430405", "430602", "430702", "430902", "431002", "431202", "430221"]
WORDS = ["精工", "智能", "新材", "光电", "时代", "动力", "华联", "科创", "博远", "德润", "中泰", "鼎力", "恒通", "瑞丰"]
TRADES = ["科技", "电子", "机械", "材料", "装备", "信息", "生物", "轨道"]


def uscc(region, n):
    org = "%08d" % n
    s = sum(int(c) * w for c, w in zip(org, [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - s % 11
    org += "X" if c9 == 10 else "0" if c9 == 11 else str(c9)
    first = "91" + region + org
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(first, WEIGHTS)) % 31) % 31
    return first + ALPHABET[check]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100000)
    ap.add_argument("--out", default="/tmp/large")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(42)
    firms, designations = [], []
    for i in range(a.firms):
        region = COUNTIES[rnd.randrange(len(COUNTIES))]
        code = uscc(region, 10_000_000 + i)
        name = "湖南%s%s%s%d有限公司" % (rnd.choice(WORDS), rnd.choice(WORDS), rnd.choice(TRADES), i)
        founded = "%d-%02d-%02d" % (rnd.randrange(1995, 2022), rnd.randrange(1, 13), rnd.randrange(1, 29))
        firms.append((code, name, region, "C%04d" % rnd.randrange(1300, 4300), founded))
        if i % 10 == 0:
            year = rnd.randrange(2019, 2025)
            level = "national" if rnd.random() < 0.3 else "provincial"
            designations.append((code, level, year, "%d-07-01" % year, "%d-06-30" % (year + 3)))
    with open(os.path.join(a.out, "large.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<filing xmlns="urn:regctl:filing:1" id="LARGE-%d" '
                'authority="测试" issued="2024-12-31" title="load test">\n' % a.firms)
        for c, n, r, ind, fd in firms:
            f.write('  <firm uscc="%s" name="%s" region="%s" industry="%s" founded="%s"/>\n' % (c, n, r, ind, fd))
        for c, lv, y, vf, vt in designations:
            f.write('  <designation uscc="%s" program="little-giant" level="%s" year="%d" valid-from="%s" valid-to="%s"/>\n'
                    % (c, lv, y, vf, vt))
        f.write("</filing>\n")
    with open(os.path.join(a.out, "firms-large.csv"), "w", encoding="utf-8") as f:
        f.write("uscc,name,region,industry,founded\n")
        for row in firms:
            f.write(",".join(row) + "\n")
    with open(os.path.join(a.out, "designations-large.csv"), "w", encoding="utf-8") as f:
        f.write("uscc,program,level,year,valid-from,valid-to\n")
        for c, lv, y, vf, vt in designations:
            f.write("%s,little-giant,%s,%d,%s,%s\n" % (c, lv, y, vf, vt))
    for stem, kind in (("firms-large", "firm"), ("designations-large", "designation")):
        with open(os.path.join(a.out, stem + ".csv.meta.json"), "w", encoding="utf-8") as f:
            json.dump({"id": "%s-%d" % (stem.upper(), a.firms), "authority": "测试", "issued": "2024-12-31"}, f)
    print("%d firms, %d designations in %s" % (len(firms), len(designations), a.out))


if __name__ == "__main__":
    main()
