"""Reading a county template (.xlsx) for its placeholders, and filling it for a period (decision 0060).

The syntax (shown on the upload page):
- `{{indicator.code}}` in a cell: the township's figure (the total of its communities) for the period;
- a row with `{{community.name}}` or `{{community.code}}` is a row template: it becomes one row per community
  (ordered by area code, then name), and every placeholder on it is that community's;
- `{{manual:some key}}`: a value the township types by hand (per community on a row template), kept as a fact;
- text around a placeholder stays (`合计：{{residents.people}}人`); a cell that is one placeholder gets the number.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongzhi.core.errors import DomainError
from gongzhi.core.indicators import indicator_get
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

MAX_BYTES = 2 * 1024 * 1024
MAX_CELLS = 200_000
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
COMMUNITY_FIELDS = {"community.name", "community.code"}
MANUAL_KEY = re.compile(r"^[\w\u4e00-\u9fff .()（）/、-]{1,60}$")


@dataclass(frozen=True)
class Problem:
    where: str  # 工作表!B3
    text: str


@dataclass(frozen=True)
class Scan:
    placeholders: list[dict]
    problems: list[Problem]
    sha256: str


def _kind(name: str) -> tuple[str, str] | None:
    """(kind, key) of a placeholder's inside, or None when gongzhi does not know it."""
    if name in COMMUNITY_FIELDS:
        return "community", name
    if name.startswith("manual:"):
        key = name[len("manual:") :].strip()
        return ("manual", key) if MANUAL_KEY.match(key) else None
    if indicator_get(name) is not None:
        return "indicator", name
    return None


def _opened(content: bytes, filename: str):
    if not filename.lower().endswith(".xlsx"):
        raise DomainError(_("请上传 .xlsx 格式的 Excel 文件（不接受 .xls、.xlsm 等）。"), field="file")
    if len(content) > MAX_BYTES:
        raise DomainError(_("文件过大：模板不能超过 2 MB。"), field="file")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise DomainError(
            _("文件已损坏或不是 Excel 文件，请在 Excel 中另存为 .xlsx 后再上传。"), field="file"
        ) from None
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise DomainError(_("模板含有宏，不能上传；请另存为不含宏的 .xlsx 文件。"), field="file")
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken file
        raise DomainError(
            _("文件已损坏或不是 Excel 文件，请在 Excel 中另存为 .xlsx 后再上传。"), field="file"
        ) from None


def template_scan(content: bytes, filename: str) -> Scan:
    """The placeholders of a template and the problems found (unknown placeholders with their cell)."""
    book = _opened(content, filename)
    found: list[dict] = []
    problems: list[Problem] = []
    cells = 0
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                row_items: list[dict] = []
                for cell in row:
                    cells += 1
                    if cells > MAX_CELLS:
                        raise DomainError(_("模板过大：单元格不能超过 20 万个。"), field="file")
                    if not isinstance(cell.value, str) or "{{" not in cell.value:
                        continue
                    address = f"{get_column_letter(cell.column)}{cell.row}"
                    for match in PLACEHOLDER.finditer(cell.value):
                        known = _kind(match.group(1))
                        if known is None:
                            problems.append(
                                Problem(
                                    f"{sheet.title}!{address}",
                                    _("无法识别的占位符 %(p)s") % {"p": match.group(0)},
                                )
                            )
                            continue
                        row_items.append({"sheet": sheet.title, "cell": address, "row": cell.row,
                                          "kind": known[0], "key": known[1]})  # fmt: skip
                per_community = any(i["kind"] == "community" for i in row_items)
                for item in row_items:
                    item["per_community"] = per_community
                found += row_items
    finally:
        book.close()
    if not found and not problems:
        problems.append(Problem("—", _("模板中没有任何占位符，请按说明在单元格中写入 {{指标代码}} 等。")))
    return Scan(found, problems, hashlib.sha256(content).hexdigest())


def _text(value) -> Any:
    if value is None:
        return ""
    return value


def _render(text: str, values: dict[str, Any]) -> Any:
    """The cell's new value: a single placeholder gives the figure itself; text around placeholders stays."""
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole is not None:
        value = values.get(whole.group(1))
        if isinstance(value, str):
            return neutralize_formula(value)
        return float(value) if value is not None and not isinstance(value, int) else value
    return neutralize_formula(PLACEHOLDER.sub(lambda m: str(_text(values.get(m.group(1)))), text))


@dataclass
class FillData:
    communities: list  # Area, in row order
    township: dict[str, Any]  # placeholder inside -> the township's value
    per_community: dict[int, dict[str, Any]]  # community id -> placeholder inside -> value


def workbook_fill(content: bytes, data: FillData) -> bytes:
    """The template with its placeholders replaced, each row template repeated once per community."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        templates = []
        for row in sheet.iter_rows():
            texts = [c.value for c in row if isinstance(c.value, str)]
            if any(PLACEHOLDER.search(t) and m.group(1) in COMMUNITY_FIELDS
                   for t in texts for m in PLACEHOLDER.finditer(t)):  # fmt: skip
                templates.append(row[0].row)
        for number in reversed(templates):  # bottom up: the rows above keep their numbers
            source = [(c.column, c.value, c._style) for c in sheet[number]]
            extra = len(data.communities) - 1
            if extra > 0:
                sheet.insert_rows(number + 1, extra)
            if not data.communities:
                for column, _value, _style in source:
                    sheet.cell(number, column).value = None
            for offset, community in enumerate(data.communities):
                values = data.per_community.get(community.pk, {})
                for column, value, style in source:
                    target = sheet.cell(number + offset, column)
                    target._style = style
                    target.value = (
                        _render(value, values) if isinstance(value, str) and "{{" in value else value
                    )
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = _render(cell.value, data.township)
    return workbook_bytes(book)
