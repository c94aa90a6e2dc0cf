"""The error report of a rejected file: one row a problem (row number, column, reason)."""

from pathlib import Path

from openpyxl import Workbook

from .validating import RowError


def write_report(errors: list[RowError], path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误报告")
    ws.append(["行号", "列", "原因"])
    for error in errors:
        ws.append([error.row, error.column, error.reason])
    wb.save(path)
