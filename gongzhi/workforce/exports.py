"""The township's staffing gap as an Excel workbook (openpyxl): per community, the workers held against the
target, the areas without a holder of each post the target covers, and the posts whose purchased-services contract
has ended; no person named, nothing counted but posts held."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .selectors import StaffingGap


def _target_cell(row: StaffingGap) -> str | int:
    if not row.has_target:
        return "-"
    return f"{row.min_workers}（{_('默认')}）" if row.is_default else row.min_workers


def gap_workbook(rows: list[StaffingGap]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("队伍配备")
    sheet.append([_("队伍配备情况"), _("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    sheet.append(
        [_("村(社区)"), _("专兼职工作者目标"), _("在岗"), _("缺少"), _("无人担任的岗位"), _("合同到期待续")]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        uncovered = "；".join(f"{t.name}：{'、'.join(a.name for a in areas)}" for t, areas in row.uncovered)
        renewals = "、".join(f"{a.area.name}{a.post_type.name}" for a in row.renewals)
        sheet.append(
            [
                neutralize_formula(row.community.name), _target_cell(row), row.workers,
                row.workers_short, neutralize_formula(uncovered), neutralize_formula(renewals),
            ]
        )  # fmt: skip
    for column, width in zip("ABCDEF", (16, 12, 8, 8, 50, 40), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)
