"""The township view of pairing as an Excel workbook (openpyxl), for the county's reports: counts per community
against its aim, no person named."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .selectors import CoverageRow


def coverage_workbook(rows: list[CoverageRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("结对覆盖")
    sheet.append([_("党员结对覆盖情况"), _("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    header = [
        _("村(社区)"), _("须结对的户（标签）"), _("每名党员最多结对"), _("须结对户数"), _("已结对"),
        _("谢绝结对"), _("未结对"), _("覆盖率（%）"), _("党员人数"), _("结对总数"),
    ]  # fmt: skip
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        aim_tags = "、".join(t.name for t in row.aim.tags.all()) if row.aim else _("未设置")
        limit = row.aim.per_member_max if row.aim and row.aim.per_member_max else "-"
        sheet.append(
            [
                neutralize_formula(row.community.name), neutralize_formula(aim_tags), limit, row.aim_total,
                row.paired, row.declined, row.unpaired, row.covered_percent, row.members, row.pairs,
            ]
        )  # fmt: skip
    for column, width in zip("ABCDEFGHIJ", (16, 28, 12, 10, 8, 8, 8, 10, 8, 8), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)
