"""Reading the workbook: one streaming pass (openpyxl read-only mode, so memory does not grow with the file),
each non-empty row as {column key: cell value}."""

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..spreadsheet import COLUMNS, HEADER_TO_KEY, normalize_header

REQUIRED_HEADERS = [header for _key, header, required in COLUMNS if required]


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


def iter_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(row number as Excel shows it, {column key: cell value}) for every non-empty row."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    except Exception as exc:  # zipfile.BadZipFile and friends from a file that is not a workbook
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("文件是空的。"))
        keys = [HEADER_TO_KEY.get(normalize_header(cell)) for cell in header]
        missing = [h for h in REQUIRED_HEADERS if HEADER_TO_KEY[h] not in keys]
        if missing:
            raise ImportFileError(
                _("表头缺少必填列：%(cols)s。请使用下载的模板。") % {"cols": "、".join(missing)}
            )
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            yield number, {key: value for key, value in zip(keys, values, strict=False) if key}
    finally:
        workbook.close()


def estimate_rows(path: Path) -> int:
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    try:
        return max(0, (workbook.worksheets[0].max_row or 1) - 1)
    finally:
        workbook.close()


def cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value or "").strip()
