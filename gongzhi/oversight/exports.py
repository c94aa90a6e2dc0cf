"""The oversight table as an Excel workbook (openpyxl) and a community's yearly report (台账) as a PDF
(WeasyPrint, fetching nothing, Chinese fonts from the system). Both audited by the actions."""

import hashlib

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongzhi.accounts.models import User
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes
from gongzhi.residents.pdf import HTML

from . import actions
from .selectors import CommunityYear, Table


def _cell(value):
    if value is None:
        return None
    if isinstance(value, str):
        return neutralize_formula(value)
    return float(value) if not isinstance(value, int) else value


def table_workbook(table: Table) -> bytes:
    """Row 1 the title, row 2 the column groups, row 3 the indicators (with units), then one row per community
    and the township total last; column A the community, B its code."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("督导")
    sheet.append([neutralize_formula(f"{table.township.name} {table.period.label}"), _("导出时间"),
                  timezone.localtime().strftime("%Y-%m-%d %H:%M")])  # fmt: skip
    groups: list = [None, None]
    for group in table.groups:
        groups += [group.label] + [None] * (group.span - 1)
    sheet.append(groups)
    sheet.append([_("村(社区)"), _("区划代码")] + [c.indicator.heading for c in table.columns])
    for row in table.rows:
        sheet.append(
            [neutralize_formula(row.community.name), row.community.code] + [_cell(v) for v in row.values]
        )
    sheet.append([_("全镇合计"), table.township.code] + [_cell(c.total) for c in table.columns])
    for number in (2, 3):
        for cell in sheet[number]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 14
    for position in range(len(table.columns)):
        sheet.column_dimensions[get_column_letter(position + 3)].width = 12
    sheet.freeze_panes = "C4"
    notes = workbook.create_sheet(_("说明"))
    notes.append([_("指标"), _("代码"), _("口径")])
    for column in table.columns:
        notes.append([str(column.indicator.label), column.indicator.code, str(column.indicator.note)])
    return workbook_bytes(workbook)


def table_export(*, actor: User, table: Table) -> bytes:
    content = table_workbook(table)
    actions.export_record(
        actor=actor, township=table.township, period_label=table.period.label, rows=len(table.rows)
    )
    return content


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the yearly report fetches nothing ({url[:40]})")


def report_pdf(*, actor: User, year: CommunityYear) -> bytes:
    """The community's yearly report: its figures by quarter and for the year, and the records behind them."""
    html = render_to_string(
        "oversight/report_print.html",
        {"year": year, "printed_by": actor.label, "printed_at": timezone.localtime()},
    )
    data = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    actions.report_record(
        actor=actor,
        community=year.community,
        period_label=year.period.label,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return data
