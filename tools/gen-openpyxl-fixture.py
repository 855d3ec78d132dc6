#!/usr/bin/env python3
"""Writes Tests/CoreTests/Fixtures/xlsx/openpyxl.xlsx with openpyxl (pip install openpyxl), once:
a cross-check that regctl's reader agrees with a workbook another library writes. The fixture is
committed, so the tests need no openpyxl; WorkbookReaderTests checks the cells listed here.
"""
import datetime
import os

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "CoreTests", "Fixtures", "xlsx", "openpyxl.xlsx")

wb = Workbook()
ws = wb.active
ws.title = "名单"
ws["A1"] = "2024年度创新型中小企业名单"
ws.merge_cells("A1:E1")
ws.append([])
ws.append(["序号", "地区", "企业名称", "认定日期", "营业收入"])
ws.append([1, "湖南省", "长沙示例科技有限公司", datetime.date(2024, 1, 1), 1250000.5])
ws.append([2, None, CellRichText(TextBlock(InlineFont(b=True), "株洲"), "示例有限公司"), datetime.datetime(2024, 3, 1, 8, 30), 0])
ws.merge_cells("B4:B5")
ws.append([3, "广东省", "深圳示例股份有限公司", None, True])
ws["E6"].number_format = "General"
ws.append(["合计", None, 3])
notes = wb.create_sheet("说明")
notes["A1"] = "注：本表由 openpyxl 写成。"
wb.save(OUT)
