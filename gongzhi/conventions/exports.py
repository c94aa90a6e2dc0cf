"""The township's board as an Excel workbook (openpyxl), for the county's reports."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .models import RevisionState
from .selectors import Board

OVERDUE_FILL = PatternFill("solid", fgColor="FDECEC")
WIDTHS = (16, 18, 10, 12, 12, 12, 12, 16, 12)


def _day(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


def board_workbook(board: Board) -> bytes:
    campaign = board.campaign
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(campaign.year)
    sheet.append([campaign.title])
    sheet.append(
        [
            _("完成期限"),
            campaign.deadline.isoformat(),
            _("导出时间"),
            timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        ]
    )
    sheet.append(
        [
            _("村(社区)"),
            _("进度"),
            _("是否逾期"),
            _("报送审查"),
            _("审查通过"),
            _("会议表决"),
            _("备案时间"),
            _("备案号"),
            _("示范村申报"),
        ]
    )
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in board.rows:
        revision = row.revision
        approved = revision is not None and revision.state not in (
            RevisionState.DRAFTING,
            RevisionState.RETURNED,
            RevisionState.UNDER_REVIEW,
        )
        sheet.append(
            [
                row.community.name,
                row.state_label,
                _("逾期") if row.overdue else "",
                _day(revision.submitted_at) if revision else "",
                _day(revision.reviewed_at) if approved and revision else "",
                revision.meeting.held_on.isoformat() if revision and revision.meeting else "",
                _day(revision.filed_at) if revision else "",
                revision.filing_number if revision else "",
                row.demonstration.get_state_display() if row.demonstration else "",
            ]
        )
        if row.overdue:
            for cell in sheet[sheet.max_row]:
                cell.fill = OVERDUE_FILL
    sheet.append([])
    sheet.append(
        [
            _("合计"),
            _("共%(n)d个村(社区)") % {"n": len(board.rows)},
            _("逾期%(n)d个") % {"n": board.overdue},
            _("已备案%(n)d个") % {"n": board.count(RevisionState.FILED)},
        ]
    )
    sheet.append(
        [
            _("示范村"),
            _("已命名%(done)d个，目标%(target)d个")
            % {"done": board.demonstrations_approved, "target": campaign.demonstration_target},
        ]
    )
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
