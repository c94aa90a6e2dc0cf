"""The pages: the public board without login (sections, newest first, dates, history, a printable sheet, shared
cache), the staff pages (publish with the personal-data check, revise, withdraw, fulfil a due, the setting),
the overview of every community in the register's order, and the public link from the start page."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gongzhi.disclosures import actions
from gongzhi.disclosures.models import Disclosure, DisclosureDue
from gongzhi.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_board_by_section_newest_first_with_dates(publish, areas):
    older = publish(title="2026年第二季度村务公开")
    Disclosure.objects.filter(pk=older.pk).update(published_at=timezone.now() - dt.timedelta(days=90))
    publish(title="2026年第三季度村务公开")
    publish(category="finance", title="2026年10月财务收支公开")
    page = Client().get(f"/disclosures/c/{areas['village'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "党务公开" in html
    assert "村务公开" in html
    assert "财务公开" in html
    assert html.index("第三季度") < html.index("第二季度")
    assert timezone.localdate().strftime("%Y年%-m月%-d日") + "公布" in html
    only = Client().get(f"/disclosures/c/{areas['village'].pk}/?category=finance").content.decode()
    assert "2026年10月财务收支公开" in only
    assert "第三季度" not in only


def test_an_urban_communitys_board_says_residents_affairs(areas):
    assert "居务公开" in Client().get(f"/disclosures/c/{areas['urban'].pk}/").content.decode()


def test_an_item_shows_its_text_its_history_and_a_printable_sheet(publish, users):
    disclosure = publish(period="2026-Q3")
    actions.disclosure_revise(
        actor=users["community_staff"], disclosure=disclosure, title=disclosure.title,
        body="一、修缮村道三公里，已完工验收。", reason="村道里程写错",
    )  # fmt: skip
    html = Client().get(f"/disclosures/d/{disclosure.pk}/").content.decode()
    assert "2026年第3季度" in html
    assert "三公里" in html
    assert "两公里" not in html
    assert "修改记录" in html
    assert "村道里程写错" in html
    assert "首次公布" in html
    sheet = Client().get(f"/disclosures/d/{disclosure.pk}/print/")
    assert sheet.status_code == 200
    assert "三公里" in sheet.content.decode()
    staff = Client()
    staff.force_login(users["supervisor"])
    assert "两公里" in staff.get(f"/disclosures/d/{disclosure.pk}/history/").content.decode()


def test_a_withdrawn_item_says_so_and_shows_no_text(publish, users):
    disclosure = publish()
    actions.disclosure_withdraw(actor=users["community_staff"], disclosure=disclosure, reason="内容有误")
    html = Client().get(f"/disclosures/d/{disclosure.pk}/").content.decode()
    assert "撤回" in html
    assert "内容有误" in html
    assert "两公里" not in html
    assert Client().get(f"/disclosures/d/{disclosure.pk}/print/").status_code == 404
    assert disclosure.title not in Client().get(f"/disclosures/c/{disclosure.area_id}/").content.decode()


def test_the_public_pages_are_shared_from_the_cache_and_set_no_cookie(
    publish, areas, django_assert_num_queries
):
    disclosure = publish()
    path = f"/disclosures/c/{areas['village'].pk}/"
    first = Client().get(path)
    assert not first.cookies
    assert "private" in first["Cache-Control"]
    with django_assert_num_queries(0):
        assert Client().get(path).content == first.content
    item = Client().get(f"/disclosures/d/{disclosure.pk}/")
    assert not item.cookies
    assert "private" in item["Cache-Control"]


def test_unknown_ids_are_404(areas):
    assert Client().get(f"/disclosures/c/{areas['township'].pk}/").status_code == 404
    assert Client().get("/disclosures/d/999999/").status_code == 404


def test_the_start_page_links_each_communitys_board(areas):
    html = Client().get("/").content.decode()
    assert f"/disclosures/c/{areas['village'].pk}/" in html


def test_staff_publish_from_the_page_and_personal_data_is_refused_with_nothing_stored(users, areas):
    staff = Client()
    staff.force_login(users["community_staff"])
    url = f"/disclosures/manage/{areas['village'].pk}/publish/"
    assert staff.get(url).status_code == 200
    form = {"category": "affairs", "title": "低保名单公示", "body": "张三 13812345678 低保一人", "period": ""}
    refused = staff.post(url, form)
    assert refused.status_code == 200
    assert "手机号" in refused.content.decode()
    assert not Disclosure.objects.exists()
    form["body"] = "本季度新增低保户两户，已按程序评议公示。"
    done = staff.post(url, form)
    made = Disclosure.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"/disclosures/d/{made.pk}/"


def test_staff_revise_and_withdraw_from_the_pages(publish, users):
    disclosure = publish()
    staff = Client()
    staff.force_login(users["community_staff"])
    missing_reason = staff.post(
        f"/disclosures/d/{disclosure.pk}/revise/", {"title": "新标题", "body": "新的内容写在这里。"}
    )
    assert "请填写修改理由" in missing_reason.content.decode()
    staff.post(
        f"/disclosures/d/{disclosure.pk}/revise/",
        {"title": "新标题", "body": "新的内容写在这里。", "reason": "更正"},
    )
    disclosure.refresh_from_db()
    assert disclosure.title == "新标题"
    assert disclosure.revision_count == 2
    staff.post(f"/disclosures/d/{disclosure.pk}/withdraw/", {"reason": "重复发布"})
    disclosure.refresh_from_db()
    assert disclosure.is_withdrawn
    other = Client()
    other.force_login(users["other_staff"])
    assert other.get(f"/disclosures/d/{disclosure.pk}/revise/").status_code == 404


def test_a_due_is_fulfilled_from_the_manage_page(users, areas):
    meeting = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=300, adults=500, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    due = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution",
    )  # fmt: skip
    staff = Client()
    staff.force_login(users["community_staff"])
    manage = staff.get(f"/disclosures/manage/{areas['village'].pk}/").content.decode()
    assert "决议公开：修缮村道" in manage
    assert f"?due={due.pk}" in manage
    url = f"/disclosures/manage/{areas['village'].pk}/publish/?due={due.pk}"
    assert "决议公开：修缮村道" in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "category": "affairs",
            "title": "决议公开：修缮村道",
            "body": "村民会议表决通过修缮村道。",
            "major": "on",
        },
    )
    assert DisclosureDue.objects.get().fulfilled_by is not None
    assert "决议公开：修缮村道" in Client().get(f"/disclosures/c/{areas['village'].pk}/").content.decode()


def test_the_overview_lists_every_community_in_the_registers_order_with_what_is_overdue(users, areas):
    from gongzhi.areas.models import Area

    Area.objects.filter(pk=areas["village"].pk).update(sort_order=2)  # the register puts 东街社区 first
    admin = Client()
    admin.force_login(users["township_admin"])
    html = admin.get("/disclosures/").content.decode()
    assert html.index("东街社区") < html.index("青山村")
    assert html.count('data-testid="community-status"') == 2
    assert "未公开" in html
    staff = Client()
    staff.force_login(users["community_staff"])
    mine = staff.get("/disclosures/").content.decode()
    assert "青山村" in mine
    assert "东街社区" not in mine
    resident = Client()
    resident.force_login(users["resident"])
    assert resident.get("/disclosures/").status_code == 403


def test_the_setting_form_changes_the_finance_cadence(users, areas):
    staff = Client()
    staff.force_login(users["community_staff"])
    staff.post(f"/disclosures/manage/{areas['village'].pk}/setting/", {"finance_monthly": "on"})
    from gongzhi.disclosures.selectors import finance_monthly_of

    assert finance_monthly_of(areas["village"])


def test_the_public_board_shows_what_is_overdue(users, areas):
    meeting = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=300, adults=500, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution", major=True, due_on=timezone.localdate() - dt.timedelta(days=2),
    )  # fmt: skip
    html = Client().get(f"/disclosures/c/{areas['village'].pk}/").content.decode()
    assert "逾期未公开" in html
    assert html.count('data-testid="gap"') == 3
    assert "没有财务公开" in html
    assert "「决议公开：修缮村道」应于" in html


def test_a_feature_page_says_where_its_record_was_published(publish, users, areas):
    from django.template.loader import render_to_string

    from gongzhi.disclosures.selectors import disclosures_of

    meeting = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=300, adults=500, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    made = publish(title="决议公开：修缮村道", owner=meeting, purpose="resolution")
    html = render_to_string("disclosures/_published_from.html", {"disclosures": disclosures_of(meeting)})
    assert "公开于村务公开栏" in html
    assert f"/disclosures/d/{made.pk}/" in html


def test_staff_see_what_is_overdue_on_their_home_page(users, areas):
    staff = Client()
    staff.force_login(users["community_staff"])
    html = staff.get("/").content.decode()
    assert 'data-testid="home-disclosures"' in html
    assert "3 项逾期" in html
    supervisor = Client()
    supervisor.force_login(users["supervisor"])
    assert 'data-testid="home-disclosures"' not in supervisor.get("/").content.decode()


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_board_and_the_overview_take_the_same_queries_whatever_they_hold(publish, users, areas):
    from django.core.cache import cache

    visitor, admin = Client(), Client()
    visitor.cookies["django_language"] = "zh-hans"  # a cookie: rendered afresh, not from the shared cache
    admin.force_login(users["township_admin"])
    board = f"/disclosures/c/{areas['village'].pk}/"
    publish()
    visitor.get(board)
    admin.get("/disclosures/")
    few = (_queries(visitor, board), _queries(admin, "/disclosures/"))
    for n in range(12):
        publish(title=f"第{n + 1}号公开事项", category=("party", "affairs", "finance")[n % 3])
        publish(actor=users["other_staff"], community=areas["urban"], title=f"东街第{n + 1}号公开事项")
    cache.clear()
    visitor.get(board)
    admin.get("/disclosures/")
    assert (_queries(visitor, board), _queries(admin, "/disclosures/")) == few
    assert few[0] <= 8
