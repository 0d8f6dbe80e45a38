"""Read an .xlsx workbook with openpyxl, independently of the Rust code that wrote it, and print
it as JSON: for every sheet in order, its name, frozen-pane cell, print title rows, page breaks,
fit-to-page setting and rows of cell values. A date cell (a number with a date format) becomes {"date": "YYYY-MM-DD"};
numbers stay numbers, text stays text, an empty cell is null.

Usage: python3 read_workbook.py WORKBOOK.xlsx
"""

import datetime
import json
import sys

import openpyxl


def value(cell):
    v = cell.value
    if isinstance(v, datetime.datetime):
        return {"date": v.date().isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    return v


def main(path):
    book = openpyxl.load_workbook(path)
    sheets = []
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = [value(c) for c in row]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
        sheets.append(
            {
                "name": ws.title,
                "freeze": ws.freeze_panes,
                "print_title_rows": ws.print_title_rows,
                "page_breaks": [b.id for b in ws.row_breaks.brk],
                "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                "fit_to_height": ws.page_setup.fitToHeight,
                "rows": rows,
            }
        )
    json.dump(sheets, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
