"""A village convention's revision, from the township's launch to its filing, in four people's browsers.

The township office launches the year's campaign with a topic of its own; the
village's staff (on a phone) enter the convention in force, start the
revision from it and watch the checker mark the fine as they type, beside a
diff with the version in force; a draft with a fine saves but is not sent; the
township's reviewer returns it with a comment, then approves the corrected
one; a meeting without quorum is refused and a quorate one recorded; filing
publishes the new text on the village's public page, where a visitor without
an account reads it. The board shows where each community stands.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gongzhi.conventions.models import ConventionVersion, Revision

from .conftest import log_in

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).parent.parent / "conventions" / "documents"
OLD = "青山村村规民约\n第一条 村民应当遵纪守法，爱护公共财物。\n第二条 乱倒垃圾的，罚款50元。\n第三条 本约自通过之日起施行。"
COMPLIANT = (CORPUS / "convention_03.txt").read_text(
    encoding="utf-8"
).strip() + "\n严禁野外用火，注意森林防火。"
WITH_FINE = COMPLIANT + "\n不参加义务劳动的，罚款100元。"


def notice_titles(page: Page) -> list[str]:
    page.goto("/notices/")
    return page.get_by_test_id("notice").locator("h3").all_inner_texts()


def test_a_convention_from_launch_to_filing(browser_run, users, areas):
    deadline = timezone.localdate() + dt.timedelta(days=20)

    # 1. The township office launches the campaign, with a topic of its own.
    township = browser_run.new_page()
    log_in(township, "township_admin")
    township.goto("/conventions/")
    township.get_by_test_id("campaign-new").click()
    township.locator("input[name=deadline]").fill(deadline.isoformat())
    expect(township.locator("input[name=topic_keys][value=bride_price]")).to_be_checked()
    township.locator("textarea[name=extra_topics]").fill("森林防火：防火、野外用火")
    township.locator("input[name=demonstration_target]").fill("1")
    township.get_by_test_id("launch").click()
    expect(township.get_by_test_id("board-row")).to_have_count(2)
    expect(township.locator("[data-testid=board-row][data-state=not_started]")).to_have_count(2)
    expect(township.get_by_text("森林防火")).to_be_visible()

    # 2. The village's staff, on a phone, hear of it, enter the convention in force and start from it.
    staff = browser_run.new_page(phone=True)
    log_in(staff, "community_staff")
    assert any(deadline.isoformat() in title for title in notice_titles(staff))
    staff.goto("/conventions/")
    staff.get_by_test_id("record-in-force").click()
    staff.locator("textarea[name=text]").fill(OLD)
    staff.get_by_test_id("save-in-force").click()
    expect(staff.locator(".gz-messages .gz-msg-success")).to_contain_text("现行版本已录入")
    staff.get_by_test_id("start-revision").click()
    expect(staff).to_have_url(re.compile(r"/conventions/r/\d+/edit/$"))
    revision_id = int(re.search(r"/r/(\d+)/", staff.url).group(1))
    checked = staff.get_by_test_id("checked")
    expect(checked).to_have_attribute("data-compliant", "no")
    expect(staff.get_by_test_id("problem-line")).to_have_count(1)  # 罚款50元, from the version in force

    # 3. As they type, the checker marks the new fine in place and the diff shows what changed.
    staff.get_by_test_id("draft-text").fill(WITH_FINE)
    expect(staff.get_by_test_id("problem-line")).to_contain_text("罚款100元")
    expect(staff.get_by_test_id("problem-line").first).to_contain_text("可改为")
    expect(checked).to_have_attribute("data-compliant", "no")
    expect(staff.get_by_test_id("topic-funeral_reform")).to_have_attribute("data-covered", "yes")
    expect(staff.get_by_test_id("diff")).to_contain_text("现行版本")
    expect(staff.locator("[data-testid=diff-added], [data-testid=diff-changed]").first).to_be_visible()
    # A draft with a fine saves, but is not sent.
    staff.get_by_test_id("save-submit").click()
    expect(staff.locator(".gz-messages .gz-msg-error")).to_contain_text("可以保存但不能报送审查")
    assert Revision.objects.get(pk=revision_id).state == "drafting"
    assert Revision.objects.get(pk=revision_id).text == WITH_FINE

    # 4. Corrected, the live check turns green before it is sent.
    staff.goto(f"/conventions/r/{revision_id}/edit/")
    staff.get_by_test_id("draft-text").fill(COMPLIANT)
    expect(checked).to_have_attribute("data-compliant", "yes")
    expect(staff.get_by_test_id("check-verdict")).to_contain_text("检查通过")
    expect(staff.get_by_test_id("topic-township_1")).to_have_attribute("data-covered", "yes")
    staff.get_by_test_id("save-submit").click()
    expect(staff.get_by_test_id("revision-state")).to_have_text("合法性审查中")

    # 5. The township's reviewer returns it with a comment; corrected, it is approved.
    reviewer = browser_run.new_page()
    log_in(reviewer, "township_reviewer")
    assert any("请进行合法性审查" in title for title in notice_titles(reviewer))
    reviewer.goto(f"/conventions/r/{revision_id}/")
    reviewer.get_by_test_id("review-comment").fill("第十七条请写明办酒席的报备办法。")
    reviewer.get_by_test_id("return").click()
    expect(reviewer.get_by_test_id("revision-state")).to_have_text("退回修改")

    staff.goto(f"/conventions/r/{revision_id}/")
    expect(staff.get_by_test_id("review-comment-shown")).to_have_text("第十七条请写明办酒席的报备办法。")
    staff.get_by_test_id("edit").click()
    staff.get_by_test_id("draft-text").fill(COMPLIANT + "\n办酒席须提前向红白理事会报备。")
    expect(checked).to_have_attribute("data-compliant", "yes")
    staff.get_by_test_id("save-submit").click()
    expect(staff.get_by_test_id("revision-state")).to_have_text("合法性审查中")

    reviewer.reload()
    reviewer.get_by_test_id("approve").click()
    expect(reviewer.get_by_test_id("revision-state")).to_have_text("审查通过，待会议表决")

    # 6. A meeting without quorum is refused and nothing recorded; a quorate one is.
    staff.goto(f"/conventions/r/{revision_id}/")
    staff.get_by_test_id("adopt").click()
    staff.locator("select[name=meeting_kind]").select_option("village_representatives_meeting")
    staff.locator("input[name=members]").fill("30")
    staff.locator("input[name=present]").fill("15")
    staff.locator("input[name=in_favour]").fill("15")
    staff.locator("input[name=against]").fill("0")
    staff.get_by_test_id("record-adoption").click()
    expect(staff.get_by_test_id("adoption-error")).to_contain_text("不足法定人数")
    assert Revision.objects.get(pk=revision_id).state == "approved"
    staff.locator("input[name=present]").fill("24")
    staff.locator("input[name=in_favour]").fill("21")
    staff.locator("input[name=against]").fill("2")
    staff.locator("input[name=abstaining]").fill("1")
    staff.get_by_test_id("record-adoption").click()
    expect(staff.get_by_test_id("revision-state")).to_have_text("会议表决通过，待备案")
    expect(staff.get_by_test_id("adoption")).to_contain_text("到会 24 人，赞成 21，反对 2，弃权 1")

    # 7. Filing asks first, then publishes it; the board and the public page say so.
    staff.get_by_test_id("file").click()
    expect(staff.get_by_test_id("file-confirm")).to_contain_text("弃权 1")
    assert Revision.objects.get(pk=revision_id).state == "adopted"
    staff.get_by_test_id("confirm-file").click()
    expect(staff.get_by_test_id("revision-state")).to_have_text("已备案公布")
    expect(staff.get_by_test_id("filing")).to_contain_text(f"{timezone.localdate().year}-511423101201")
    rows = staff.get_by_test_id("timeline-row")
    expect(rows).to_have_count(7)
    verbs = [text.split(" · ", 1)[1].split(" — ")[0] for text in rows.all_inner_texts()]
    assert verbs == ["开始起草", "报送合法性审查", "退回修改", "报送合法性审查", "合法性审查通过", "会议表决通过",
                     "报镇备案并公布"]  # fmt: skip

    township.reload()
    expect(township.locator("[data-testid=board-row][data-state=filed]")).to_contain_text("青山村")
    expect(township.locator("[data-testid=board-row][data-state=not_started]")).to_contain_text("东街社区")

    visitor = browser_run.new_page()
    visitor.goto(f"/conventions/c/{areas['village'].pk}/")
    public = visitor.get_by_test_id("public-convention")
    expect(public).to_contain_text("办酒席须提前向红白理事会报备")
    expect(public).to_contain_text("已报镇备案")
    expect(public).not_to_contain_text("罚款50元")
    assert ConventionVersion.objects.filter(community=areas["village"]).count() == 2
    browser_run.assert_clean()
