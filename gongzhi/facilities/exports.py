"""The township's gap to the facilities standard as an Excel workbook (openpyxl): per community, the required
types present and missing and the signage items lacking; no person named."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .selectors import Gap


def gap_workbook(rows: list[Gap]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("阵地达标")
    sheet.append([_("阵地建设达标情况"), _("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    sheet.append(
        [_("村(社区)"), _("类别"), _("必备阵地"), _("已有"), _("缺少"), _("缺少的阵地"), _("缺少的标识")]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        missing = "、".join(t.name for t in row.missing)
        signage = "；".join(f"{f.name}：{'、'.join(items)}" for f, items in row.signage_missing)
        sheet.append(
            [
                neutralize_formula(row.community.name), row.community.get_community_type_display(),
                len(row.required), row.present, len(row.missing), neutralize_formula(missing),
                neutralize_formula(signage),
            ]
        )  # fmt: skip
    for column, width in zip("ABCDEFG", (16, 10, 10, 8, 8, 40, 50), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)
