"""The catalogue as one Excel workbook (sheets 事项 / 时限 / 材料, keyed by 事项编码): what staff download,
edit and import again (imports.py reads the same columns; importing the file unchanged changes nothing)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .models import HandlingMode, Level, LimitUnit, MaterialForm, MaterialSource, Matter
from .selectors.catalogue import REGISTER_FACTS, matters_for_export

SHEET_MATTERS = gettext_lazy("事项")
SHEET_STEPS = gettext_lazy("时限")
SHEET_MATERIALS = gettext_lazy("材料")

# (key, header) per sheet, in column order. The headers are what the import looks for.
MATTER_COLUMNS = [
    ("code", gettext_lazy("事项编码")), ("name", gettext_lazy("事项名称")), ("parent", gettext_lazy("所属主项编码")),
    ("department", gettext_lazy("审批部门")), ("levels", gettext_lazy("行使层级")), ("mode", gettext_lazy("办理方式")),
    ("village_review", gettext_lazy("村级初审")), ("county_office", gettext_lazy("县级审批部门")),
    ("legal_basis", gettext_lazy("设定依据")), ("conditions", gettext_lazy("受理条件")),
    ("guide", gettext_lazy("办事指南")), ("where", gettext_lazy("办理地点")), ("fee", gettext_lazy("收费标准")),
    ("online", gettext_lazy("可网上申请")), ("proxy", gettext_lazy("可村级代办")),
    ("open311", gettext_lazy("接受Open311")), ("is_active", gettext_lazy("启用")), ("sort_order", gettext_lazy("排序")),
]  # fmt: skip
STEP_COLUMNS = [
    ("code", gettext_lazy("事项编码")), ("order", gettext_lazy("顺序")), ("name", gettext_lazy("环节")),
    ("amount", gettext_lazy("时限")), ("unit", gettext_lazy("单位")),
]  # fmt: skip
MATERIAL_COLUMNS = [
    ("code", gettext_lazy("事项编码")), ("order", gettext_lazy("顺序")), ("name", gettext_lazy("材料名称")),
    ("required", gettext_lazy("必要")), ("form", gettext_lazy("材料形式")), ("count", gettext_lazy("份数")),
    ("source", gettext_lazy("来源")), ("register_fact", gettext_lazy("登记信息项")),
    ("check_point", gettext_lazy("审查要点")), ("note", gettext_lazy("备注")),
]  # fmt: skip

LEVEL_SEPARATOR = "、"


def yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def choice_labels() -> dict[str, dict[str, str]]:
    """value → label of each choice column (the import reads labels back, and accepts the values too)."""
    return {
        "mode": {v: str(label) for v, label in HandlingMode.choices},
        "levels": {v: str(label) for v, label in Level.choices},
        "unit": {v: str(label) for v, label in LimitUnit.choices},
        "form": {v: str(label) for v, label in MaterialForm.choices},
        "source": {v: str(label) for v, label in MaterialSource.choices},
        "register_fact": {k: str(label) for k, label in REGISTER_FACTS.items()},
    }


def _matter_row(matter: Matter, labels: dict[str, dict[str, str]]) -> list:
    values = {
        "code": matter.code,
        "name": matter.name,
        "parent": matter.parent.code if matter.parent else "",
        "department": matter.department.name if matter.department else "",
        "levels": LEVEL_SEPARATOR.join(labels["levels"].get(v, v) for v in matter.levels),
        "mode": labels["mode"].get(matter.mode, matter.mode),
        "village_review": yes_no(matter.village_review),
        "county_office": matter.county_office,
        "legal_basis": matter.legal_basis,
        "conditions": matter.conditions,
        "guide": matter.guide,
        "where": matter.where,
        "fee": matter.fee,
        "online": yes_no(matter.online),
        "proxy": yes_no(matter.proxy),
        "open311": yes_no(matter.open311),
        "is_active": yes_no(matter.is_active),
        "sort_order": matter.sort_order,
    }
    return [neutralize_formula(values[key]) for key, _header in MATTER_COLUMNS]


def catalogue_workbook(matters: list[Matter]) -> bytes:
    labels = choice_labels()
    book = Workbook()
    sheet = book.active
    sheet.title = str(SHEET_MATTERS)
    sheet.append([str(header) for _key, header in MATTER_COLUMNS])
    steps = book.create_sheet(str(SHEET_STEPS))
    steps.append([str(header) for _key, header in STEP_COLUMNS])
    materials = book.create_sheet(str(SHEET_MATERIALS))
    materials.append([str(header) for _key, header in MATERIAL_COLUMNS])
    for matter in matters:
        sheet.append(_matter_row(matter, labels))
        for order, step in enumerate(matter.steps.all(), start=1):
            steps.append([neutralize_formula(matter.code), order, neutralize_formula(step.name), step.amount,
                          labels["unit"].get(step.unit, step.unit)])  # fmt: skip
        for order, line in enumerate(matter.materials.all(), start=1):
            materials.append([
                neutralize_formula(matter.code), order, neutralize_formula(line.name), yes_no(line.required),
                labels["form"].get(line.form, line.form), line.count, labels["source"].get(line.source, line.source),
                labels["register_fact"].get(line.register_fact, line.register_fact),
                neutralize_formula(line.check_point), neutralize_formula(line.note),
            ])  # fmt: skip
    for ws, widths in ((sheet, {"A": 12, "B": 28, "D": 14, "F": 18, "I": 40, "J": 40, "K": 40}),
                       (materials, {"C": 30, "I": 30})):  # fmt: skip
        for column, width in widths.items():
            ws.column_dimensions[column].width = width
    return workbook_bytes(book)


def catalogue_export(actor: User, township: Area) -> bytes:
    """The township's whole catalogue (active or not) as a workbook, the export audited."""
    authorize(actor, "hall.catalogue_manage", township)
    matters = matters_for_export(township)
    data = catalogue_workbook(matters)
    with transaction.atomic():
        audit_event_record(actor=actor, verb="hall.catalogue_exported", target=township, area=township,
                           summary={"rows": len(matters)})  # fmt: skip
    return data
