"""Importing the catalogue from an Excel workbook (the export's sheets 事项 / 时限 / 材料, keyed by 事项编码).

All or nothing: every row is read and checked first, each problem reported by sheet, row, column and a
Chinese message; if there is any, nothing is written. Otherwise the township is locked and each matter
written through the catalogue's actions (existing codes updated, new ones added, main items before their
sub-items); a rule broken at that point is reported the same way and everything rolls back. A matter the
file says exactly as the catalogue does is left untouched, so importing the exported file changes nothing.
"""

from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, Department
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .actions.catalogue import MaterialData, MatterData, StepData, matter_write, township_lock
from .exports import (
    LEVEL_SEPARATOR,
    MATERIAL_COLUMNS,
    MATTER_COLUMNS,
    SHEET_MATERIALS,
    SHEET_MATTERS,
    SHEET_STEPS,
    STEP_COLUMNS,
    choice_labels,
)
from .models import Matter

MAX_ROWS = 5000
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str  # the header
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # The export neutralises formulas with a leading quote: read it back as written.
    if text[:1] == "'" and text[1:2] in FORMULA_MARKS:
        text = text[1:]
    return text


class _Sheet:
    """One sheet's rows as {key: text}, with where each key's column is (for the report)."""

    def __init__(self, book, title: str, columns, errors: list[RowError]):
        self.title, self.rows, self.letters = title, [], {}
        if title not in book.sheetnames:
            errors.append(RowError(title, 1, "", _("缺少工作表「%(sheet)s」。") % {"sheet": title}))
            return
        ws = book[title]
        iterator = ws.iter_rows(values_only=True)
        header = [_text(v) for v in next(iterator, ())]
        positions = {}
        for key, label in columns:
            if str(label) in header:
                positions[key] = header.index(str(label))
                self.letters[key] = str(label)
            else:
                errors.append(RowError(title, 1, str(label), _("缺少“%(column)s”列。") % {"column": label}))
        if len(positions) < len(columns):
            return
        for number, values in enumerate(iterator, start=2):
            if number > MAX_ROWS + 1:
                errors.append(RowError(title, number, "", _("行数太多，最多 %(n)d 行。") % {"n": MAX_ROWS}))
                break
            row = {key: _text(values[i]) if i < len(values) else "" for key, i in positions.items()}
            if any(row.values()):
                self.rows.append((number, row))


def _flag(value: str, sheet: str, number: int, column: str, errors: list[RowError], default: bool) -> bool:
    if value == "":
        return default
    if value in (_("是"), "是", "1", "TRUE", "True", "true", "Y", "y"):
        return True
    if value in (_("否"), "否", "0", "FALSE", "False", "false", "N", "n"):
        return False
    errors.append(RowError(sheet, number, column, _("请填写“是”或“否”。")))
    return default


def _choice(value: str, labels: dict[str, str], sheet, number, column, errors, *, required=True) -> str:
    if value in labels:
        return value
    for key, label in labels.items():
        if value == label:
            return key
    if value or required:
        errors.append(RowError(sheet, number, column, _("“%(value)s”不是可选的值，可选：%(choices)s。")
                               % {"value": value, "choices": "、".join(labels.values())}))  # fmt: skip
    return ""


def _number(value: str, sheet, number, column, errors, *, default: int | None = None) -> int | None:
    if value == "" and default is not None:
        return default
    try:
        return int(value)
    except ValueError:
        errors.append(RowError(sheet, number, column, _("请填写整数。")))
        return default


@dataclass
class _Parsed:
    data: MatterData
    parent_code: str
    department_name: str
    row: int


def catalogue_parse(township: Area, stream: IO[bytes]) -> tuple[list[_Parsed], list[RowError]]:
    """The workbook's matters as MatterData (department and parent still names), and every row's problem."""
    errors: list[RowError] = []
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (a file that is not an .xlsx workbook, whatever openpyxl raises)
        return [], [RowError("", 0, "", _("无法读取文件，请上传从本页导出的 Excel 文件(.xlsx)。"))]
    labels = choice_labels()
    matters_sheet = _Sheet(book, str(SHEET_MATTERS), MATTER_COLUMNS, errors)
    steps_sheet = _Sheet(book, str(SHEET_STEPS), STEP_COLUMNS, errors)
    materials_sheet = _Sheet(book, str(SHEET_MATERIALS), MATERIAL_COLUMNS, errors)
    book.close()
    if errors:
        return [], errors
    head = {key: str(label) for key, label in MATTER_COLUMNS}
    parsed: dict[str, _Parsed] = {}
    sheet = matters_sheet.title
    for number, row in matters_sheet.rows:
        code = row["code"]
        if not code:
            errors.append(RowError(sheet, number, head["code"], _("请填写事项编码。")))
            continue
        if code in parsed:
            errors.append(
                RowError(sheet, number, head["code"], _("事项编码 %(code)s 重复出现。") % {"code": code})
            )
            continue
        levels = []
        for part in [p.strip() for p in row["levels"].replace(",", LEVEL_SEPARATOR).split(LEVEL_SEPARATOR)]:
            if part:
                level = _choice(part, labels["levels"], sheet, number, head["levels"], errors)
                if level:
                    levels.append(level)
        data = MatterData(
            code=code,
            name=row["name"],
            mode=_choice(row["mode"], labels["mode"], sheet, number, head["mode"], errors),
            levels=levels,
            village_review=_flag(row["village_review"], sheet, number, head["village_review"], errors, False),
            county_office=row["county_office"],
            legal_basis=row["legal_basis"],
            conditions=row["conditions"],
            guide=row["guide"],
            where=row["where"],
            fee=row["fee"],
            online=_flag(row["online"], sheet, number, head["online"], errors, True),
            proxy=_flag(row["proxy"], sheet, number, head["proxy"], errors, True),
            open311=_flag(row["open311"], sheet, number, head["open311"], errors, False),
            is_active=_flag(row["is_active"], sheet, number, head["is_active"], errors, True),
            sort_order=_number(row["sort_order"], sheet, number, head["sort_order"], errors, default=0) or 0,
        )
        parsed[code] = _Parsed(data, row["parent"], row["department"], number)
    for kind, source, columns in (
        ("steps", steps_sheet, STEP_COLUMNS),
        ("materials", materials_sheet, MATERIAL_COLUMNS),
    ):
        heads = {key: str(label) for key, label in columns}
        names: dict[str, set[str]] = {}
        for number, row in sorted(
            source.rows, key=lambda r: (r[1]["code"], _number(r[1]["order"], "", 0, "", []) or 0, r[0])
        ):
            owner = parsed.get(row["code"])
            if owner is None:
                errors.append(RowError(source.title, number, heads["code"],
                                       _("事项编码 %(code)s 不在“事项”表中。") % {"code": row["code"]}))  # fmt: skip
                continue
            if kind == "steps":
                amount = _number(row["amount"], source.title, number, heads["amount"], errors)
                if amount is not None and amount < 1:
                    errors.append(RowError(source.title, number, heads["amount"], _("时限至少为 1。")))
                unit = _choice(row["unit"], labels["unit"], source.title, number, heads["unit"], errors)
                owner.data.steps.append(StepData(row["name"], amount or 0, unit))
                continue
            name = row["name"]
            if not name:
                errors.append(RowError(source.title, number, heads["name"], _("请填写材料名称。")))
            elif name in names.setdefault(row["code"], set()):
                errors.append(RowError(source.title, number, heads["name"],
                                       _("材料「%(name)s」在同一事项中重复。") % {"name": name}))  # fmt: skip
            names[row["code"]].add(name)
            source_value = _choice(
                row["source"], labels["source"], source.title, number, heads["source"], errors
            )
            fact = ""
            if source_value == "register":
                fact = _choice(row["register_fact"], labels["register_fact"], source.title, number,
                               heads["register_fact"], errors)  # fmt: skip
            count = _number(row["count"], source.title, number, heads["count"], errors, default=1)
            if count is not None and not 1 <= count <= 20:
                errors.append(RowError(source.title, number, heads["count"], _("份数须在 1 到 20 之间。")))
            owner.data.materials.append(MaterialData(
                name=name,
                required=_flag(row["required"], source.title, number, heads["required"], errors, True),
                form=_choice(row["form"], labels["form"], source.title, number, heads["form"], errors),
                count=count or 1, source=source_value, register_fact=fact, check_point=row["check_point"],
                note=row["note"],
            ))  # fmt: skip
    departments = set(Department.objects.filter(township=township).values_list("name", flat=True))
    known = set(Matter.objects.filter(township=township).values_list("code", flat=True)) | set(parsed)
    for item in parsed.values():
        if item.department_name and item.department_name not in departments:
            errors.append(RowError(sheet, item.row, head["department"],
                                   _("本镇没有名为「%(name)s」的部门。") % {"name": item.department_name}))  # fmt: skip
        if item.parent_code and item.parent_code not in known:
            errors.append(RowError(sheet, item.row, head["parent"],
                                   _("找不到编码为 %(code)s 的主项。") % {"code": item.parent_code}))  # fmt: skip
    return list(parsed.values()), errors


# Which column a rule the action checks belongs to.
_FIELD_COLUMNS = {key: str(label) for key, label in MATTER_COLUMNS}
_FIELD_SHEETS = {"steps": (str(SHEET_STEPS), str(STEP_COLUMNS[3][1])),
                 "materials": (str(SHEET_MATERIALS), str(MATERIAL_COLUMNS[2][1]))}  # fmt: skip


def catalogue_import(actor: User, township: Area, stream: IO[bytes]) -> ImportResult:
    """Import the workbook into the township's catalogue, all or nothing (see the module's docstring)."""
    authorize(actor, "hall.catalogue_manage", township)
    items, errors = catalogue_parse(township, stream)
    result = ImportResult(errors=errors)
    if errors:
        return result
    if not items:
        result.errors.append(RowError(str(SHEET_MATTERS), 2, "", _("文件中没有事项。")))
        return result
    try:
        with transaction.atomic():
            township = township_lock(township.pk)
            departments = {d.name: d for d in Department.objects.filter(township=township)}
            # Main items first, so a sub-item's main item exists (in the catalogue or just written).
            for item in sorted(items, key=lambda i: (bool(i.parent_code), i.row)):
                item.data.department = departments.get(item.department_name)
                item.data.parent = (
                    Matter.objects.filter(township=township, code=item.parent_code).first()
                    if item.parent_code
                    else None
                )
                matter = (
                    Matter.objects.select_for_update().filter(township=township, code=item.data.code).first()
                )
                try:
                    outcome = matter_write(actor, township, item.data, matter=matter)
                except DomainError as exc:
                    sheet, column = _FIELD_SHEETS.get(
                        exc.field or "", (str(SHEET_MATTERS), _FIELD_COLUMNS.get(exc.field or "", ""))
                    )
                    result.errors.append(RowError(sheet, item.row, column, exc.message))
                    continue
                setattr(result, outcome, getattr(result, outcome) + 1)
            if result.errors:
                raise _Rollback
            if result.created or result.updated:
                audit_event_record(actor=actor, verb="hall.catalogue_imported", target=township, area=township,
                                   summary={"created": result.created, "updated": result.updated,
                                            "unchanged": result.unchanged})  # fmt: skip
    except _Rollback:
        result.created = result.updated = result.unchanged = 0
    return result


def error_report_workbook(errors: list[RowError]) -> bytes:
    """The row-level error report as a workbook to download."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("错误报告")
    sheet.append([_("工作表"), _("行"), _("列"), _("问题")])
    for error in errors:
        sheet.append([neutralize_formula(error.sheet), error.row, neutralize_formula(error.column),
                      neutralize_formula(error.message)])  # fmt: skip
    sheet.column_dimensions[get_column_letter(4)].width = 60
    return workbook_bytes(book)
