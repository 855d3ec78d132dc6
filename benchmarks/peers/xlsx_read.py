#!/usr/bin/env python3
"""Reads every sheet of a workbook, cell by cell, as regctl's reader does: a peer for
benchmarks/xlsx-read.sh.  Usage: xlsx_read.py openpyxl|calamine FILE"""
import sys

tool, path = sys.argv[1], sys.argv[2]
rows = cells = 0
if tool == "openpyxl":
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            rows += 1
            cells += sum(1 for v in row if v is not None)
elif tool == "calamine":
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
            rows += 1
            cells += sum(1 for v in row if v != "")
else:
    sys.exit(f"unknown tool {tool}")
print(f"{rows} rows, {cells} cells")
