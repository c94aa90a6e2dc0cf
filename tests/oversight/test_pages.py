"""The oversight pages: the township table, the drill-down, the Excel and the yearly PDF; scoped and audited."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.meetings.models import Meeting, MeetingState
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def held(areas, users):
    for month in (2, 5):
        Meeting.objects.create(
            body_kind="village_representatives_meeting", area=areas["village"], area_path=areas["village"].path,
            held_on=dt.date(YEAR, month, 10), present=20, members=25, recorded_by=users["community_staff"],
            state=MeetingState.HELD, title=f"{month}月村民代表会议",
        )  # fmt: skip


def test_the_township_admin_reads_the_table_and_the_drill_down(client, areas, users, held):
    client.force_login(users["township_admin"])
    answer = client.get(reverse("oversight:index"))
    assert answer.status_code == 302
    page = client.get(answer["Location"] + f"?year={YEAR}").content.decode()
    assert "青山村" in page
    assert "东街社区" in page
    assert "全镇合计" in page
    assert "代表会议召开次数" in page
    assert 'id="oversight-data"' in page
    assert "vendor/echarts/echarts.min.js" in page
    drill = client.get(reverse("oversight:community", args=[areas["village"].pk]) + f"?year={YEAR}")
    text = drill.content.decode()
    assert drill.status_code == 200
    assert "5月村民代表会议" in text
    assert "第2季度" in text


def test_a_bad_period_is_a_chinese_message_and_nothing_else(client, areas, users):
    client.force_login(users["township_admin"])
    answer = client.get(reverse("oversight:township", args=[areas["township"].pk]) + "?year=abc", follow=True)
    assert "年份请填写四位数字" in answer.content.decode()


def test_the_excel_holds_the_pages_figures_and_is_audited(client, areas, users, held):
    client.force_login(users["township_admin"])
    answer = client.get(reverse("oversight:export", args=[areas["township"].pk]) + f"?year={YEAR}")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header = [c.value for c in sheet[3]]
    column = header.index("代表会议召开次数（次）")
    rows = {r[0].value: r[column].value for r in sheet.iter_rows(min_row=4)}
    assert rows["青山村"] == 2
    assert rows["全镇合计"] == 2
    event = AuditEvent.objects.get(verb="oversight.exported")
    assert event.summary["rows"] == 2


def test_the_yearly_report_is_a_pdf_naming_the_community(client, areas, users, held):
    from pypdf import PdfReader

    client.force_login(users["township_admin"])
    answer = client.get(reverse("oversight:report", args=[areas["village"].pk]) + f"?year={YEAR}")
    assert answer.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "青山村" in text
    assert AuditEvent.objects.filter(verb="oversight.report_printed").count() == 1


def test_others_are_refused_or_find_nothing(client, areas, users):
    client.force_login(users["community_staff"])
    assert client.get(reverse("oversight:township", args=[areas["township"].pk])).status_code == 403
    assert client.get(reverse("oversight:report", args=[areas["village"].pk])).status_code == 403
    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    stranger = make_user("tp_admin", "township_admin", elsewhere)
    client.force_login(stranger)
    assert client.get(reverse("oversight:township", args=[areas["township"].pk])).status_code == 404
    assert client.get(reverse("oversight:export", args=[areas["township"].pk])).status_code == 404
    assert client.get(reverse("oversight:community", args=[areas["village"].pk])).status_code == 404
    assert not AuditEvent.objects.filter(verb__startswith="oversight.").exists()
