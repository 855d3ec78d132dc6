#!/usr/bin/env python3
"""Writes the .xlsx test fixtures (Tests/CoreTests/Fixtures/xlsx/) and the benchmark workbook.

Only the standard library: each workbook is hand-written XML in a zip, so the tests need nothing
installed, and each fixture shows exactly the markup it tests. Run from the repository root:
    tools/gen-xlsx-fixtures.py                 # the fixtures (small; committed)
    tools/gen-xlsx-fixtures.py --bench N OUT [--no-merges]   # an N-row list in the published layout, for benchmarks/
    tools/gen-xlsx-fixtures.py --bench-load N OUT.xlsx OUT.csv   # the same N name-only rows as a workbook and a CSV
Hostile fixtures stay small on disk: the bombs are highly compressible.
"""
import io
import os
import sys
import zipfile
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "CoreTests", "Fixtures", "xlsx")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def content_types(sheets, sst=True, styles=True):
    parts = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for i in range(1, sheets + 1):
        parts.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if sst:
        parts.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    if styles:
        parts.append('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(parts) + "</Types>")


def root_rels(target="xl/workbook.xml"):
    return (DECL + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="{target}"/></Relationships>')


def workbook_xml(names, date1904=False, states=None):
    states = states or {}
    sheets = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}"{" state=%s" % chr(34) + states[n] + chr(34) if n in states else ""} r:id="rId{i}"/>'
        for i, n in enumerate(names, 1))
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    return DECL + f'<workbook xmlns="{NS}" xmlns:r="{REL}">{pr}<sheets>{sheets}</sheets></workbook>'


def workbook_rels(n, absolute=False):
    base = "/xl/" if absolute else ""
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="{base}worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL}/sharedStrings" Target="{base}sharedStrings.xml"/>'
    rels += f'<Relationship Id="rId{n + 2}" Type="{REL}/styles" Target="{base}styles.xml"/>'
    return DECL + f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'


# cellXfs: 0 General, 1 date (built-in 14), 2 custom Chinese date, 3 [Red] number (not a date),
# 4 a date-time (built-in 22), 5 a built-in East Asian date (31) that the workbook does not declare.
STYLES = (DECL + f'<styleSheet xmlns="{NS}"><numFmts count="2">'
          '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="177" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>'
          '<cellXfs count="6"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="176" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" fontId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="22" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>')


class SST:
    """A shared-string table; `add` returns the index (plain text or a raw <si> body)."""

    def __init__(self):
        self.items, self.index = [], {}

    def add(self, text=None, raw=None):
        body = raw if raw is not None else f'<t xml:space="preserve">{escape(text)}</t>'
        if body not in self.index:
            self.index[body] = len(self.items)
            self.items.append(body)
        return self.index[body]

    def xml(self):
        return DECL + f'<sst xmlns="{NS}" count="{len(self.items)}" uniqueCount="{len(self.items)}">' + "".join(
            f"<si>{b}</si>" for b in self.items) + "</sst>"


def sheet_xml(rows, merges=(), cols=None):
    """rows: list of (row number, [cell xml]); merges: ['A1:C1', …]."""
    data = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in rows)
    m = ""
    if merges:
        m = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{x}"/>' for x in merges) + "</mergeCells>"
    # The used range, as Excel writes it (openpyxl's read-only mode reads no further).
    last_row = max((r for r, _ in rows), default=1)
    last_col = max((len(cells) for _, cells in rows), default=1)
    dim = f"A1:{col(max(last_col, 1))}{last_row}"
    return DECL + f'<worksheet xmlns="{NS}" xmlns:r="{REL}"><dimension ref="{dim}"/><sheetData>{data}</sheetData>{m}</worksheet>'


def s(ref, idx, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}" t="s"{st}><v>{idx}</v></c>'


def n(ref, value, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{st}><v>{value}</v></c>'


def styled(ref, style=1):
    return f'<c r="{ref}" s="{style}"/>'


def write(name, parts, compression=zipfile.ZIP_DEFLATED):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", compression) as z:
        for part, text in parts.items():
            data = text.encode("utf-8") if isinstance(text, str) else text
            z.writestr(zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return path


def package(sheets, sst, date1904=False, states=None, absolute=False, styles=STYLES, extra=None):
    names = [n for n, _ in sheets]
    parts = {
        "[Content_Types].xml": content_types(len(sheets)),
        "_rels/.rels": root_rels("/xl/workbook.xml" if absolute else "xl/workbook.xml"),
        "xl/workbook.xml": workbook_xml(names, date1904, states),
        "xl/_rels/workbook.xml.rels": workbook_rels(len(sheets), absolute),
        "xl/sharedStrings.xml": sst.xml(),
        "xl/styles.xml": styles,
    }
    for i, (_, xml) in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    parts.update(extra or {})
    return parts


# --- realistic lists -------------------------------------------------------------------------

MIIT_FIRMS = [
    ("北京市", ["北京示例精密机械有限公司", "北京示例微电子股份有限公司", "北京示例生物科技有限公司"]),
    ("宁波市", ["宁波示例模具有限公司"]),
    ("新疆生产建设兵团", ["新疆示例农业装备有限公司", "石河子示例材料有限公司"]),
]


def miit():
    """MIIT's published layout: merged title, blank row, 序号|省份|企业名称, provinces merged down,
    a 合计 row, a footnote merged across, and a 说明 sheet."""
    sst = SST()
    rows = [(1, [s("A1", sst.add('第六批专精特新"小巨人"企业名单'))]),
            (3, [s("A3", sst.add("序号")), s("B3", sst.add("省份")), s("C3", sst.add("企业名称"))])]
    merges = ["A1:C1"]
    r, k = 4, 1
    for province, firms in MIIT_FIRMS:
        first = r
        for j, firm in enumerate(firms):
            cells = [n(f"A{r}", k)]
            # Excel writes the covered cells of a merge as styled empty cells.
            cells.append(s(f"B{r}", sst.add(province)) if j == 0 else styled(f"B{r}", 0))
            cells.append(s(f"C{r}", sst.add(firm)))
            rows.append((r, cells))
            r, k = r + 1, k + 1
        if len(firms) > 1:
            merges.append(f"B{first}:B{r - 1}")
    rows.append((r, [s(f"A{r}", sst.add("合计")), n(f"C{r}", k - 1)]))
    note = r + 1
    rows.append((note, [s(f"A{note}", sst.add("注：企业名称以营业执照为准，排名不分先后。"))]))
    merges.append(f"A{note}:C{note}")
    notes = sheet_xml([(1, [s("A1", sst.add("说明"))]), (2, [s("A2", sst.add("1. 本名单由各省级中小企业主管部门推荐。"))])])
    write("miit-list.xlsx", package([("第六批", sheet_xml(rows, merges)), ("说明", notes)], sst))


def types():
    """Every cell type, the date styles, rich text and phonetic runs, a numeric USCC, escapes, a hidden sheet."""
    sst = SST()
    rich = sst.add(raw='<r><rPr><b/></rPr><t>湖南</t></r><r><t xml:space="preserve">示例科技</t></r>'
                       '<rPh sb="0" eb="2"><t>hunan</t></rPh><phoneticPr fontId="1"/>')
    cr = sst.add("第一行_x000D_\n第二行")
    rows = [
        (1, [s("A1", sst.add("文本")), s("B1", rich), '<c r="C1" t="inlineStr"><is><r><t>内联</t></r><r><rPr><i/></rPr><t>富文本</t></r></is></c>',
             '<c r="D1" t="inlineStr"><is><t>plain inline</t></is></c>', s("E1", cr)]),
        (2, [n("A2", 42), n("B2", "3.5"), n("C2", "9.14302E+17"), n("D2", "-7"), n("E2", "1250000", 3)]),
        (3, [n("A3", 45292, 1), n("B3", 45292, 2), n("C3", "45292.5", 4), n("D3", 45292, 5), n("E3", 60, 1)]),
        (4, ['<c r="A4" t="str"><f>CONCATENATE("a","b")</f><v>ab</v></c>', '<c r="B4"><f>1+1</f><v>2</v></c>',
             '<c r="C4" t="b"><v>1</v></c>', '<c r="D4" t="b"><v>0</v></c>', '<c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>']),
        (5, ['<c r="A5" t="s"><v>' + str(sst.add("  全角　ＡＢＣ  ")) + "</v></c>", '<c r="C5" s="1"/>', '<c r="D5" t="str"><f>""</f><v></v></c>']),
        (6, [n("A6", 1, 1), n("B6", 59, 1), n("C6", 61, 1), n("D6", "0.75", 4)]),
    ]
    hidden = sheet_xml([(1, [s("A1", sst.add("隐藏"))])])
    write("types.xlsx", package([("Types", sheet_xml(rows)), ("Hidden", hidden)], sst, states={"Hidden": "hidden"}))


def uscc_number():
    """A roster whose second code Excel stored as a number (9.14302005650135E+17: digits lost), whose
    third is a formula's error (#N/A), with a column that is no field (联系人), for the loader's tests."""
    sst = SST()
    header = ["序号", "企业名称", "统一社会信用代码", "省份", "联系人"]
    rows = [(1, [s(f"{col(i + 1)}1", sst.add(h)) for i, h in enumerate(header)]),
            (2, [n("A2", 1), s("B2", sst.add("株洲盛兴轨道科技有限公司")), s("C2", sst.add("91430211MA4UY4WX1R")),
                 s("D2", sst.add("湖南省")), s("E2", sst.add("张三"))]),
            (3, [n("A3", 2), s("B3", sst.add("株洲天鼎医疗器械科技有限公司")), n("C3", "9.14302005650135E+17"),
                 s("D3", sst.add("湖南省")), s("E3", sst.add("李四"))]),
            (4, [n("A4", 3), s("B4", sst.add("株洲示例公式有限公司")), '<c r="C4" t="e"><f>VLOOKUP(B4,代码!A:B,2,0)</f><v>#N/A</v></c>',
                 s("D4", sst.add("湖南省"))])]
    write("uscc-number.xlsx", package([("Sheet1", sheet_xml(rows))], sst))


def date1904():
    sst = SST()
    rows = [(1, [n("A1", 0, 1), n("B1", 43830, 1), n("C1", "43830.25", 4)])]
    write("date1904.xlsx", package([("Sheet1", sheet_xml(rows))], sst, date1904=True))


def wps():
    """As WPS and some generators save: absolute part names in the relationships, rows and cells
    without r attributes, a namespace prefix on every element, a 说明 sheet first."""
    sst = SST()
    x = "x"
    def c(idx):
        return f'<{x}:c t="s"><{x}:v>{idx}</{x}:v></{x}:c>'
    def empty():
        return f'<{x}:c s="0"/>'
    title = sst.add("湖南省2024年创新型中小企业名单")
    header = ["序号", "市州", "企业名称", "统一社会信用代码", "所属领域"]
    firms = [("长沙市", "长沙示例智能科技有限公司", "914301007121234567", "智能制造"),
             ("长沙市", "长沙示例新材料有限公司", "91430100MA4L123456", "新材料"),
             ("株洲市", "株洲示例轨道交通装备有限公司", "914302007121234556", "轨道交通")]
    rows = [f'<{x}:row>{c(title)}</{x}:row>',
            f'<{x}:row>' + "".join(c(sst.add(h)) for h in header) + f'</{x}:row>']
    for i, (city, name, code, field) in enumerate(firms, 1):
        rows.append(f'<{x}:row><{x}:c><{x}:v>{i}</{x}:v></{x}:c>{c(sst.add(city)) if i != 2 else empty()}{c(sst.add(name))}{c(sst.add(code))}{c(sst.add(field))}</{x}:row>')
    sheet = (DECL + f'<{x}:worksheet xmlns:{x}="{NS}" xmlns:r="{REL}"><{x}:sheetData>' + "".join(rows) +
             f'</{x}:sheetData><{x}:mergeCells count="2"><{x}:mergeCell ref="A1:E1"/><{x}:mergeCell ref="B3:B4"/></{x}:mergeCells></{x}:worksheet>')
    notes = sheet_xml([(1, [s("A1", sst.add("填表说明：本表由市州科技部门汇总。"))])])
    write("wps-list.xlsx", package([("说明", notes), ("名单", sheet)], sst, absolute=True))


# --- hostile workbooks ---------------------------------------------------------------------

def hostile():
    sst = SST()
    plain = sheet_xml([(1, [s("A1", sst.add("企业名称"))])])
    good = package([("Sheet1", plain)], sst)

    with open(os.path.join(OUT, "not-a-zip.xlsx"), "wb") as f:
        f.write("序号,企业名称\n1,示例\n".encode("utf-8"))

    def ole(names):
        # An OLE compound file's header and a directory sector naming its streams (UTF-16LE, 64 bytes each).
        header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
        directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in names)
        return header + directory.ljust(512, b"\0")
    with open(os.path.join(OUT, "encrypted.xlsx"), "wb") as f:
        f.write(ole(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    with open(os.path.join(OUT, "legacy-biff.xlsx"), "wb") as f:
        f.write(ole(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    with open(os.path.join(OUT, "legacy.xls"), "wb") as f:
        f.write(ole(["Root Entry", "Workbook"]))
    with open(os.path.join(OUT, "legacy.et"), "wb") as f:
        f.write(ole(["Root Entry", "Workbook"]))

    # A zip bomb: a sheet of 64 MiB of spaces inflates some 1,000 times its compressed size.
    bomb = dict(good)
    bomb["xl/worksheets/sheet1.xml"] = DECL.encode() + b"<worksheet" + b" " * (64 << 20) + f' xmlns="{NS}"><sheetData/></worksheet>'.encode()
    write("bomb.xlsx", bomb)

    billion = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
               '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    for part, name in [("xl/workbook.xml", "workbook"), ("xl/sharedStrings.xml", "sharedstrings"),
                       ("xl/worksheets/sheet1.xml", "sheet"), ("xl/styles.xml", "styles"), ("_rels/.rels", "rels")]:
        p = dict(good)
        text = p[part]
        body = text[len(DECL):]
        p[part] = DECL + billion + body.replace("企业名称", "&lol3;") if part == "xl/sharedStrings.xml" else DECL + billion + body
        write(f"doctype-{name}.xlsx", p)
    ext = dict(good)
    ext["xl/sharedStrings.xml"] = DECL + '<!DOCTYPE sst SYSTEM "http://127.0.0.1:9/evil.dtd">' + good["xl/sharedStrings.xml"][len(DECL):]
    write("doctype-external.xlsx", ext)

    # 1.5 million empty styled rows, without r attributes (as some writers save) so that the zip
    # stays small: from row 1,048,577 on they lie beyond Excel's grid.
    buf = io.StringIO()
    buf.write(DECL + f'<worksheet xmlns="{NS}"><sheetData>')
    buf.write('<row><c s="1"/></row>' * 1_500_000)
    buf.write("</sheetData></worksheet>")
    rows = dict(good)
    rows["xl/worksheets/sheet1.xml"] = buf.getvalue()
    write("empty-rows.xlsx", rows)

    # 55,000 shared strings (the tests lower the limits to reach them; the part stays under the
    # ratio check's grace size, so that it is the string limits that refuse it).
    big = dict(good)
    big["xl/sharedStrings.xml"] = DECL + f'<sst xmlns="{NS}">' + "<si><t>x</t></si>" * 55_000 + "</sst>"
    write("many-strings.xlsx", big)

    evil = dict(good)
    evil["../../evil.txt"] = "outside"
    write("unsafe-entry.xlsx", evil)
    evil = dict(good)
    evil["/etc/evil.txt"] = "absolute"
    write("absolute-entry.xlsx", evil)
    climb = dict(good)
    climb["xl/_rels/workbook.xml.rels"] = climb["xl/_rels/workbook.xml.rels"].replace('Target="worksheets/sheet1.xml"', 'Target="../../../etc/passwd"')
    write("unsafe-target.xlsx", climb)

    # A wide merge (A1:XFD1048576) that would fill 17 billion cells.
    wide = dict(good)
    wide["xl/worksheets/sheet1.xml"] = sheet_xml([(1, [s("A1", 0)])], ["A1:XFD1048576"])
    write("huge-merge.xlsx", wide)

    # A zip that is no workbook.
    write("no-workbook.xlsx", {"hello.txt": "hello"})

    # A stored entry whose deflated twin is cut short: the sheet's compressed data ends mid-stream.
    cut = write("truncated.xlsx", good)
    data = open(cut, "rb").read()
    idx = data.find(b"xl/worksheets/sheet1.xml")
    # Overwrite a few compressed bytes after the local header's name with garbage.
    start = idx + len("xl/worksheets/sheet1.xml")
    data = data[:start + 10] + b"\xff" * 20 + data[start + 30:]
    open(cut, "wb").write(data)


def runaway():
    """A sheet whose deflate data starts a stored block longer than the rest of the file: an
    inflater that reads on past the entry reaches the end of the file with the stream unfinished."""
    import struct
    src = os.path.join(OUT, "miit-list.xlsx")
    data = bytearray(open(src, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    i = data.find(b"PK\x03\x04")
    while i != -1:
        nlen, elen = struct.unpack("<HH", data[i + 26:i + 30])
        if data[i + 30:i + 30 + nlen] == name:
            start = i + 30 + nlen + elen
            data[start:start + 5] = bytes([0x00, 0xFF, 0xFF, 0x00, 0x00])  # BFINAL=0, stored, LEN=65535
            break
        i = data.find(b"PK\x03\x04", i + 4)
    open(os.path.join(OUT, "runaway-deflate.xlsx"), "wb").write(data)


def stored_overlong():
    """A stored (uncompressed) sheet whose central directory claims 1 GiB: reading it runs into the
    end of the file long before."""
    import struct
    sst = SST()
    parts = package([("Sheet1", sheet_xml([(1, [s("A1", sst.add("企业名称"))])]))], sst)
    path = write("stored-overlong.xlsx", parts, compression=zipfile.ZIP_STORED)
    data = bytearray(open(path, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    i = data.find(b"PK\x01\x02")
    while i != -1:
        nlen = struct.unpack("<H", data[i + 28:i + 30])[0]
        if data[i + 46:i + 46 + nlen] == name:
            data[i + 20:i + 28] = struct.pack("<II", 1 << 30, 1 << 30)  # compressed, uncompressed size
            break
        i = data.find(b"PK\x01\x02", i + 4)
    open(path, "wb").write(data)


def bench(nrows, out, merges=True):
    """A list of nrows firms in the published layout: title, header, 序号|省份|企业名称|统一社会信用代码|所属领域|认定年度."""
    provinces = ["北京市", "天津市", "河北省", "山西省", "湖南省", "广东省", "浙江省", "江苏省", "四川省", "新疆生产建设兵团"]
    fields = ["智能制造", "新材料", "生物医药", "新一代信息技术", "高端装备"]
    sst = SST()
    rows = [(1, [s("A1", sst.add("第六批专精特新“小巨人”企业名单"))]),
            (2, [s(f"{col(i)}2", sst.add(h)) for i, h in enumerate(["序号", "省份", "企业名称", "统一社会信用代码", "所属领域", "认定年度"], 1)])]
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for k in range(1, nrows + 1):
        r = k + 2
        code = "9143" + "".join(chars[(k * 7 + i * 13) % 31] for i in range(14))
        rows.append((r, [n(f"A{r}", k), s(f"B{r}", sst.add(provinces[k % 10])), s(f"C{r}", sst.add(f"示例{k}号科技有限公司")),
                         s(f"D{r}", sst.add(code)), s(f"E{r}", sst.add(fields[k % 5])), n(f"F{r}", 2024)]))
    parts = package([("名单", sheet_xml(rows, ["A1:F1"] if merges else []))], sst)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)


def bench_load(nrows, xlsx_out, csv_out):
    """The same nrows name-only designations twice, for the load benchmark (benchmarks/xlsx-load.sh):
    a workbook in the published layout (merged title, blank row, 序号|省份|企业名称|认定年度, provinces
    merged down, 合计, a 说明 sheet) and a CSV with the same header and rows; program and level come
    from --set."""
    provinces = ["北京市", "天津市", "河北省", "山西省", "湖南省", "广东省", "浙江省", "江苏省", "四川省", "新疆生产建设兵团"]
    header = ["序号", "省份", "企业名称", "认定年度"]
    per = nrows // len(provinces)
    records = []
    for k in range(1, nrows + 1):
        records.append((k, provinces[min((k - 1) // per, len(provinces) - 1)], f"示例{k}号科技有限公司", 2024))
    sst = SST()
    rows = [(1, [s("A1", sst.add("第六批专精特新“小巨人”企业名单（基准数据）"))]),
            (3, [s(f"{col(i)}3", sst.add(h)) for i, h in enumerate(header, 1)])]
    merges, first = ["A1:D1"], 4
    for i, (k, province, name, year) in enumerate(records):
        r = i + 4
        new = i == 0 or province != records[i - 1][1]
        if new and r - first > 1:
            merges.append(f"B{first}:B{r - 1}")
        if new:
            first = r
        rows.append((r, [n(f"A{r}", k), s(f"B{r}", sst.add(province)) if new else styled(f"B{r}", 0),
                         s(f"C{r}", sst.add(name)), n(f"D{r}", year)]))
    last = len(records) + 3
    if last - first >= 1:
        merges.append(f"B{first}:B{last}")
    rows.append((last + 1, [s(f"A{last + 1}", sst.add("合计")), n(f"C{last + 1}", len(records))]))
    notes = sheet_xml([(1, [s("A1", sst.add("说明"))]), (2, [s("A2", sst.add("1. 基准数据，非真实名单。"))])])
    parts = package([("名单", sheet_xml(rows, merges)), ("说明", notes)], sst)
    with zipfile.ZipFile(xlsx_out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)
    with open(csv_out, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for k, province, name, year in records:
            f.write(f"{k},{province},{name},{year}\n")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--bench-load":
        bench_load(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "--bench":
        bench(int(sys.argv[2]), sys.argv[3], merges=sys.argv[4:] != ["--no-merges"])
    else:
        os.makedirs(OUT, exist_ok=True)
        miit(); types(); uscc_number(); date1904(); wps(); hostile(); runaway(); stored_overlong()
