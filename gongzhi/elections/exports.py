"""The township's board of a round as an Excel workbook (openpyxl), for the county's reports."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .models import Round
from .selectors import BoardRow, Shares

OVERDUE_FILL = PatternFill("solid", fgColor="FDECEC")


def step_labels() -> dict[str, str]:
    return {
        "committee": _("选举委员会产生"),
        "roll": _("选民名单公布"),
        "objections": _("异议处理完毕"),
        "candidates": _("候选人名单公布"),
        "election_day": _("选举日"),
        "result": _("选举结果报备"),
    }


def board_workbook(round_: Round, rows: list[BoardRow], shares: Shares) -> bytes:
    today = timezone.localdate()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(round_.term)
    sheet.append([round_.name])
    sheet.append([_("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    sheet.append(
        [_("一肩挑"), f"{shares.shoulder_one}/{shares.communities}", f"{shares.shoulder_one_percent}%",
         _("目标"), f"{shares.shoulder_one_target}%"]
    )  # fmt: skip
    sheet.append(
        [_("交叉任职"), f"{shares.cross_holders}/{shares.two_committees}", f"{shares.cross_holding_percent}%",
         _("目标"), f"{shares.cross_holding_target}%"]
    )  # fmt: skip
    labels = step_labels()
    header = [_("村(社区)"), _("应选名额"), _("选民人数"), _("未处理异议")]
    for step in rows[0].steps if rows else []:
        header += [labels[step.key], _("期限")]
    header.append(_("一肩挑"))
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        values: list = [row.election.community.name, row.election.seats, row.voters, row.objections_open]
        for step in row.steps:
            values += [
                step.done_on.isoformat() if step.done_on else "",
                step.due_on.isoformat() if step.due_on else "",
            ]
        values.append(_("是") if row.shoulder_one else _("否"))
        sheet.append(values)
        for index, step in enumerate(row.steps):
            if step.overdue(today):
                sheet.cell(row=sheet.max_row, column=5 + 2 * index).fill = OVERDUE_FILL
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
