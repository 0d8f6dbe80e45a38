"""Writes a workbook's cell values again as an Excel 97-2003 `.xls` (xlwt) and an OpenDocument
`.ods` (odfpy), so that the tests can read those formats as planners' older tools save them.

    python3 tests/tools/legacy_workbooks.py IN.xlsx OUT.xls OUT.ods

The fixtures in tests/fixtures/sheets/ were made this way from
`civic-match convert instances/xundian-july.json --out xundian-july.xlsx`.
"""
import sys

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def write_xls(book, path):
    out = xlwt.Workbook(encoding="utf-8")
    for sheet in book.worksheets:
        target = out.add_sheet(sheet.title)
        for i, row in enumerate(rows(sheet)):
            for j, value in enumerate(row):
                if value is not None:
                    target.write(i, j, value)
    out.save(path)


def write_ods(book, path):
    doc = OpenDocumentSpreadsheet()
    for sheet in book.worksheets:
        table = Table(name=sheet.title)
        for row in rows(sheet):
            tr = TableRow()
            for value in row:
                if value is None:
                    tr.addElement(TableCell())
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                    tr.addElement(cell)
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                    tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(path)


if __name__ == "__main__":
    source = openpyxl.load_workbook(sys.argv[1], data_only=True)
    write_xls(source, sys.argv[2])
    write_ods(source, sys.argv[3])
