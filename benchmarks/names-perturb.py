#!/usr/bin/env python3
"""Names without a code for the candidate benchmark (docs/benchmarks.md, "Candidates for names").

Reads regctl-gen's firms.csv and writes a designation filing (CSV) of COUNT little giants named as
lists misprint them: every (firms / COUNT)-th firm, its name changed in turn by legal form
(有限公司 -> 有限责任公司), a dropped 有限, a one-character typo, or its province put in front (or
dropped); the
region is the firm's province. None links by itself, so `regctl resolve` has COUNT names to match.
"""
import csv, sys

firms_csv, count = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(firms_csv, encoding="utf-8")))
step = max(1, len(rows) // count)
provinces = {"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林", "23": "黑龙江",
             "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东", "41": "河南",
             "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
             "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆"}
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["firm", "region", "program", "level", "year"])
for i, r in enumerate(rows[::step][:count]):
    name, prov = r["name"], r["region"][:2]
    kind = i % 4
    if kind == 0 and name.endswith("有限公司") and not name.endswith("股份有限公司"):
        name = name[:-4] + "有限责任公司"
    elif kind == 1 and "有限公司" in name:
        name = name.replace("有限公司", "公司", 1)
    elif kind == 2 and len(name) > 6:
        j = len(name) // 3
        name = name[:j] + ("鑫" if name[j] != "鑫" else "森") + name[j + 1:]
    else:
        short = provinces.get(prov, "")
        name = name[len(short):] if short and name.startswith(short) else short + name
    out.writerow([name, prov + "0000", "little-giant", "national", "2024"])
