"""Writing spreadsheets for people to download: every export goes through these two."""

import tempfile


def neutralize_formula(value):
    """Cells starting with = + - @ would run as formulas in Excel: prefix them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def workbook_bytes(workbook) -> bytes:
    """The .xlsx file of an openpyxl workbook (write-only ones too), through a temporary file, not memory."""
    with tempfile.TemporaryFile() as fh:
        workbook.save(fh)
        fh.seek(0)
        return fh.read()
