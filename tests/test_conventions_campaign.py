"""The revision campaign of 村规民约/居民公约: launch → draft → review → adoption (quorum) → filing → public;
demonstration villages; the township's board, its Excel export and the deadline reminders."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.conventions import actions
from gongzhi.conventions.models import (
    Campaign,
    ConventionVersion,
    DeadlineReminder,
    DemonstrationApplication,
    Revision,
    RevisionEvent,
)
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.meetings.models import Meeting, MeetingItem
from gongzhi.notices.models import Notice
from tests.pdfs import BLANK_PDF

COMPLIANT = (
    (Path(__file__).parent / "conventions" / "documents" / "convention_03.txt")
    .read_text(encoding="utf-8")
    .strip()
)
FINED = COMPLIANT + "\n乱倒垃圾的，罚款200元。\n不参加义务劳动的，取消其低保资格。"
OLD = (
    "青山村村规民约\n第一条 村民应当遵纪守法。\n第二条 乱倒垃圾的，罚款50元。\n第三条 本约自通过之日起施行。"
)


def _launch(users, areas, **changes):
    data = {
        "actor": users["township_admin"], "township": areas["township"], "year": timezone.localdate().year,
        "deadline": timezone.localdate() + dt.timedelta(days=30),
        "topic_keys": [t.key for t in actions.DEFAULT_TOPICS], "demonstration_target": 2,
    } | changes  # fmt: skip
    return actions.campaign_launch(**data)


@pytest.fixture
def campaign(users, areas):
    return _launch(users, areas)


@pytest.fixture
def revision(campaign, users, areas):
    actions.convention_in_force_record(actor=users["community_staff"], community=areas["village"], title="青山村村规民约",
                                       text=OLD, adopted_on=dt.date(2019, 3, 1))  # fmt: skip
    return actions.revision_start(
        actor=users["community_staff"], campaign=campaign, community=areas["village"]
    )


def _approved(revision, users):
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    return actions.revision_review(actor=users["township_reviewer"], revision=revision, approve=True)


def _adopt(revision, users, **changes):
    data = {"actor": users["community_staff"], "revision": revision, "meeting_kind": "village_representatives_meeting",
            "meeting_date": timezone.localdate(), "members": 30, "present": 21, "in_favour": 18, "against": 2} | changes  # fmt: skip
    return actions.revision_adopt(**data)


def _state(revision) -> str:
    return Revision.objects.get(pk=revision.pk).state


# --- Launch ------------------------------------------------------------------------------------


def test_the_township_launches_a_campaign_and_every_community_hears_of_it(campaign, users):
    assert campaign.topic_keys == [t.key for t in actions.DEFAULT_TOPICS]
    assert (
        AuditEvent.objects.filter(verb="convention.campaign_launched", target_id=str(campaign.pk)).count()
        == 1
    )
    # community staff of both communities are told, with the deadline
    told = Notice.objects.filter(kind="convention")
    assert {n.recipient.username for n in told} == {"community_staff", "other_staff"}
    assert campaign.deadline.isoformat() in told.first().title


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": None}, "请填写完成期限"),
        ({"deadline": dt.date(2020, 1, 1)}, "完成期限应晚于今天"),
        ({"topic_keys": [], "extra_topics": ""}, "请至少选择一项必备内容"),
        ({"topic_keys": ["no_such_topic"]}, "未知的必备内容"),
        ({"year": "明年"}, "年度请填写整数"),
        ({"year": 1990}, "年度应为去年、今年或明年"),
        ({"demonstration_target": -1}, "示范村目标数应在0到500之间"),
        (
            {"extra_topics": "这一项内容的名称写得实在是太长太长太长了吧：防火"},
            "第1行：内容名称应为1到20个字",
        ),
    ],
)
def test_a_bad_launch_is_refused_with_a_message_and_writes_nothing(users, areas, changes, message):
    with pytest.raises(DomainError, match=message):
        _launch(users, areas, **changes)
    assert not Campaign.objects.exists()
    assert not Notice.objects.exists()


def test_only_the_township_office_launches_and_only_once_a_year(campaign, users, areas):
    for who in ("township_reviewer", "community_staff", "resident"):
        with pytest.raises(NotPermitted):
            _launch(users, areas, actor=users[who], year=campaign.year + 1)
    with pytest.raises(DomainError, match="已经启动过了"):
        _launch(users, areas)
    assert Campaign.objects.count() == 1


def test_a_township_adds_topics_of_its_own_and_the_checker_asks_for_them(users, areas):
    campaign = _launch(
        users, areas, topic_keys=["core_values"], extra_topics="森林防火：防火、野外用火\n禁毒"
    )
    assert [t.label for t in campaign.topics()] == ["社会主义核心价值观", "森林防火", "禁毒"]
    revision = actions.revision_start(
        actor=users["community_staff"], campaign=campaign, community=areas["village"]
    )
    _rev, report = actions.revision_save(actor=users["community_staff"], revision=revision, title="青山村村规民约",
                                         text="践行社会主义核心价值观。\n严禁野外用火。")  # fmt: skip
    covered = {t.label: t.covered for t in report.topics}
    assert covered == {"社会主义核心价值观": True, "森林防火": True, "禁毒": False}
    # the township's keywords are read like the text: traditional and full-width forms count
    _rev, report = actions.revision_save(actor=users["community_staff"], revision=revision, title="青山村村规民约",
                                         text="踐行社會主義核心價值觀。嚴禁野外用火。全村參與禁毒宣傳。")  # fmt: skip
    assert report.compliant


# --- Drafting and the checker ------------------------------------------------------------------


def test_a_revision_starts_from_the_version_in_force(revision):
    assert revision.text == OLD
    assert revision.title == "青山村村规民约"
    assert revision.state == "drafting"
    assert not revision.compliant
    assert RevisionEvent.objects.filter(revision=revision, verb="start").count() == 1


def test_a_draft_that_fails_the_checker_is_saved_but_cannot_be_sent_for_review(revision, users):
    saved, report = actions.revision_save(actor=users["community_staff"], revision=revision, title=revision.title,
                                          text=FINED)  # fmt: skip
    assert saved.text == FINED
    assert not saved.compliant
    assert saved.problems == 2
    assert {v.kind for v in report.violations} == {"fine", "other_penalty"}
    with pytest.raises(DomainError, match="可以保存但不能报送审查.*2处罚款或其他不当处罚条款"):
        actions.revision_submit(actor=users["community_staff"], revision=revision)
    assert _state(revision) == "drafting"
    assert not AuditEvent.objects.filter(verb="convention.submitted").exists()


def test_a_draft_missing_topics_names_them(revision, users):
    actions.revision_save(actor=users["community_staff"], revision=revision, title=revision.title,
                          text="第一条 村民应当遵纪守法。")  # fmt: skip
    with pytest.raises(DomainError, match="缺少必备内容：社会主义核心价值观、治理滥办酒席"):
        actions.revision_submit(actor=users["community_staff"], revision=revision)


def test_a_stale_save_does_not_overwrite_a_newer_one(revision, users):
    seen = revision.updated_at
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    with pytest.raises(DomainError, match="刚刚已被他人修改"):
        actions.revision_save(actor=users["community_staff"], revision=revision, title=revision.title, text=OLD,
                              updated_at=seen)  # fmt: skip
    assert Revision.objects.get(pk=revision.pk).text == COMPLIANT


def test_only_the_communitys_staff_draft(revision, users):
    for who in ("other_staff", "township_admin", "supervisor", "resident", "grid_worker"):
        with pytest.raises(NotPermitted):
            actions.revision_save(actor=users[who], revision=revision, title="改标题", text=COMPLIANT)
    assert Revision.objects.get(pk=revision.pk).text == OLD


# --- Review ------------------------------------------------------------------------------------


def test_review_returns_with_comments_then_approves_the_corrected_draft(revision, users):
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    assert Notice.objects.filter(recipient=users["township_reviewer"], kind="convention").exists()
    with pytest.raises(DomainError, match="请填写审查意见"):
        actions.revision_review(
            actor=users["township_reviewer"], revision=revision, approve=False, comment=""
        )
    actions.revision_review(actor=users["township_reviewer"], revision=revision, approve=False,
                            comment="第五条表述不清，请修改。")  # fmt: skip
    assert _state(revision) == "returned"
    told = Notice.objects.filter(recipient=users["community_staff"], title__contains="退回修改").get()
    assert told.body == "第五条表述不清，请修改。"
    # a returned draft is edited and sent again
    actions.revision_save(actor=users["community_staff"], revision=revision, title=revision.title,
                          text=COMPLIANT + "\n第五条已修改。")  # fmt: skip
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    actions.revision_review(actor=users["township_admin"], revision=revision, approve=True)
    assert _state(revision) == "approved"
    verbs = list(RevisionEvent.objects.filter(revision=revision).values_list("verb", flat=True))
    assert verbs == ["start", "submit", "return", "submit", "approve"]


def test_a_review_by_the_wrong_role_is_refused_and_changes_nothing(revision, users):
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    for who in ("community_staff", "supervisor", "other_staff", "resident"):
        with pytest.raises(NotPermitted):
            actions.revision_review(actor=users[who], revision=revision, approve=True)
    assert _state(revision) == "under_review"
    assert not AuditEvent.objects.filter(verb__in=["convention.approved", "convention.returned"]).exists()


def test_a_draft_under_review_cannot_be_edited(revision, users):
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    with pytest.raises(DomainError, match="不能再修改"):
        actions.revision_save(actor=users["community_staff"], revision=revision, title="x" * 5, text=OLD)


# --- Adoption ----------------------------------------------------------------------------------


def test_adoption_without_quorum_is_refused_and_nothing_is_recorded(revision, users):
    _approved(revision, users)
    with pytest.raises(DomainError, match="不足法定人数.*至少需20"):
        _adopt(revision, users, present=19, in_favour=19, against=0)
    with pytest.raises(DomainError, match="表决未获通过"):
        _adopt(revision, users, present=21, in_favour=10, against=11)
    with pytest.raises(DomainError, match="不能超过到会人数"):
        _adopt(revision, users, present=21, in_favour=20, against=5)
    with pytest.raises(DomainError, match="人数请填写整数"):
        _adopt(revision, users, present="二十")
    with pytest.raises(DomainError, match="会议日期不能晚于今天"):
        _adopt(revision, users, meeting_date=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="适用的会议类型"):
        _adopt(revision, users, meeting_kind="residents_meeting")  # 青山村 is a village
    fresh = Revision.objects.get(pk=revision.pk)
    assert fresh.state == "approved"
    assert fresh.meeting is None
    assert fresh.adopted_at is None
    assert not Meeting.objects.exists()
    assert not MeetingItem.objects.exists()
    assert not AuditEvent.objects.filter(verb__in=["convention.adopted", "meeting.recorded"]).exists()


def test_adoption_at_a_quorate_meeting_is_recorded_with_its_figures(revision, users):
    _approved(revision, users)
    _adopt(revision, users)  # 21 of 30 present (≥ 2/3), 18 of 21 in favour (> 1/2)
    fresh = Revision.objects.get(pk=revision.pk)
    meeting, vote = fresh.meeting, fresh.meeting.items.get()
    assert fresh.state == "adopted"
    assert (meeting.members, meeting.present, vote.in_favour, vote.against) == (30, 21, 18, 2)
    event = RevisionEvent.objects.get(revision=revision, verb="adopt")
    assert "符合法定人数" in event.note
    assert "通过" in event.note


def test_a_villagers_meeting_counts_households_or_adults(revision, users):
    _approved(revision, users)
    with pytest.raises(DomainError, match="须填写"):
        _adopt(revision, users, meeting_kind="villagers_meeting", members=None)
    _adopt(revision, users, meeting_kind="villagers_meeting", members=None, households=300, households_present=200,
           present=200, in_favour=150)  # fmt: skip
    assert _state(revision) == "adopted"


def test_adoption_before_review_and_by_the_wrong_role_is_refused(revision, users):
    actions.revision_save(
        actor=users["community_staff"], revision=revision, title=revision.title, text=COMPLIANT
    )
    with pytest.raises(DomainError, match="只有通过合法性审查的修订稿"):
        _adopt(revision, users)
    actions.revision_submit(actor=users["community_staff"], revision=revision)
    actions.revision_review(actor=users["township_reviewer"], revision=revision, approve=True)
    for who in ("township_admin", "supervisor", "other_staff"):
        with pytest.raises(NotPermitted):
            _adopt(revision, users, actor=users[who])
    assert _state(revision) == "approved"


# --- Filing ------------------------------------------------------------------------------------


def test_a_filing_before_adoption_is_refused(revision, users):
    _approved(revision, users)
    with pytest.raises(DomainError, match="只有经会议表决通过的修订稿才能报镇备案"):
        actions.revision_file(actor=users["community_staff"], revision=revision)
    assert _state(revision) == "approved"
    assert ConventionVersion.objects.count() == 1


def test_filing_makes_the_revision_the_version_in_force_and_keeps_the_old_one(revision, users, areas):
    _approved(revision, users)
    _adopt(revision, users)
    actions.revision_file(actor=users["community_staff"], revision=revision)
    fresh = Revision.objects.get(pk=revision.pk)
    assert fresh.state == "filed"
    assert fresh.filing_number == f"{fresh.campaign.year}-511423101201"
    current = ConventionVersion.objects.get(community=areas["village"], superseded_at__isnull=True)
    assert current.text == COMPLIANT
    assert current.revision_id == revision.pk
    assert (
        ConventionVersion.objects.filter(community=areas["village"], superseded_at__isnull=False).get().text
        == OLD
    )
    assert Notice.objects.filter(recipient=users["township_admin"], title__contains="已报镇备案").exists()
    with pytest.raises(DomainError, match="已有现行版本"):
        actions.convention_in_force_record(actor=users["community_staff"], community=areas["village"], title="另一个",
                                           text=OLD, adopted_on=None)  # fmt: skip
    # the public page shows it to anyone, no login
    page = Client().get(reverse("conventions:public", args=[areas["village"].pk]))
    assert page.status_code == 200
    assert "倡导厚养薄葬" in page.content.decode()
    assert "罚款50元" not in page.content.decode()


# --- Demonstration villages --------------------------------------------------------------------


def _filed(revision, users):
    _approved(revision, users)
    _adopt(revision, users)
    return actions.revision_file(actor=users["community_staff"], revision=revision)


EVIDENCE = "红白理事会每月例会，全村婚丧事一律简办，彩礼平均下降六成，群众知晓率98%。"


def test_a_demonstration_application_needs_a_filed_convention_and_is_decided_by_the_township(
    revision, campaign, users, areas
):
    with pytest.raises(DomainError, match="报镇备案后，才能申报示范村"):
        actions.demonstration_apply(actor=users["community_staff"], campaign=campaign, community=areas["village"],
                                    evidence=EVIDENCE)  # fmt: skip
    _filed(revision, users)
    with pytest.raises(DomainError, match="至少20个字"):
        actions.demonstration_apply(actor=users["community_staff"], campaign=campaign, community=areas["village"],
                                    evidence="很好")  # fmt: skip
    application = actions.demonstration_apply(actor=users["community_staff"], campaign=campaign,
                                              community=areas["village"], evidence=EVIDENCE)  # fmt: skip
    with pytest.raises(DomainError, match="不能重复申报"):
        actions.demonstration_apply(actor=users["community_staff"], campaign=campaign, community=areas["village"],
                                    evidence=EVIDENCE)  # fmt: skip
    for who in ("township_reviewer", "community_staff"):
        with pytest.raises(NotPermitted):
            actions.demonstration_decide(actor=users[who], application=application, approve=True)
    actions.demonstration_decide(actor=users["township_admin"], application=application, approve=True)
    assert DemonstrationApplication.objects.get(pk=application.pk).state == "approved"
    board = actions_board(users, campaign)
    assert board.demonstrations_approved == 1
    assert campaign.demonstration_target == 2
    with pytest.raises(DomainError, match="已经审核过了"):
        actions.demonstration_decide(
            actor=users["township_admin"], application=application, approve=False, note="撤销"
        )


def actions_board(users, campaign):
    from gongzhi.conventions.selectors import board_for

    return board_for(viewer=users["township_admin"], campaign=campaign)


# --- The board, the export, the reminders ------------------------------------------------------


def test_the_board_shows_every_community_and_marks_overdue_after_the_deadline(revision, campaign, users):
    board = actions_board(users, campaign)
    assert {row.community.name: row.state for row in board.rows} == {
        "青山村": "drafting",
        "东街社区": "not_started",
    }
    assert board.overdue == 0
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    campaign.refresh_from_db()
    board = actions_board(users, campaign)
    assert board.overdue == 2
    _filed(revision, users)
    board = actions_board(users, campaign)
    assert {row.community.name: row.overdue for row in board.rows} == {"青山村": False, "东街社区": True}
    # community staff see no board
    from gongzhi.conventions.selectors import board_for

    assert [
        row.community.name for row in board_for(viewer=users["community_staff"], campaign=campaign).rows
    ] == ["青山村"]


def test_the_board_exports_to_excel_and_the_export_is_audited(revision, campaign, users):
    client = Client()
    client.force_login(users["township_admin"])
    response = client.get(reverse("conventions:board_export", args=[campaign.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[2][:3] == ["村(社区)", "进度", "是否逾期"]
    assert {r[0]: r[1] for r in rows[3:5]} == {"青山村": "起草中", "东街社区": "未启动"}
    assert (
        AuditEvent.objects.filter(verb="convention.board_exported", actor=users["township_admin"]).count()
        == 1
    )
    staff = Client()
    staff.force_login(users["community_staff"])
    assert staff.get(reverse("conventions:board_export", args=[campaign.pk])).status_code == 403


def test_reminders_go_out_7_and_1_days_before_the_deadline_once_each(revision, campaign, users):
    deadline = campaign.deadline
    assert actions.conventions_deadline_reminders(today=deadline - dt.timedelta(days=8)) == 0
    assert actions.conventions_deadline_reminders(today=deadline - dt.timedelta(days=7)) == 2
    assert actions.conventions_deadline_reminders(today=deadline - dt.timedelta(days=6)) == 0  # sent already
    _filed(revision, users)  # 青山村 is done: only 东街社区 hears again
    assert actions.conventions_deadline_reminders(today=deadline - dt.timedelta(days=1)) == 1
    assert actions.conventions_deadline_reminders(today=deadline - dt.timedelta(days=1)) == 0
    assert actions.conventions_deadline_reminders(today=deadline) == 0
    reminders = Notice.objects.filter(title__contains="天到期")
    assert sorted(n.recipient.username for n in reminders) == [
        "community_staff",
        "other_staff",
        "other_staff",
    ]
    assert "还有1天到期" in reminders.filter(recipient=users["other_staff"]).order_by("pk").last().title
    assert DeadlineReminder.objects.count() == 3
    assert AuditEvent.objects.filter(verb="convention.deadline_reminded").count() == 3


# --- Pages -------------------------------------------------------------------------------------


def test_the_live_check_marks_problems_in_place_and_writes_nothing(revision, users):
    client = Client()
    client.force_login(users["community_staff"])
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("conventions:check", args=[revision.pk]), {"text": FINED}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-compliant="no"' in html
    assert html.count('data-testid="problem-line"') == 2
    assert "可改为" in html
    assert 'data-testid="diff-added"' in html or 'data-testid="diff-changed"' in html
    assert AuditEvent.objects.count() == before
    assert Revision.objects.get(pk=revision.pk).text == OLD
    html = client.post(reverse("conventions:check", args=[revision.pk]), {"text": COMPLIANT}).content.decode()
    assert 'data-compliant="yes"' in html
    # script typed into a draft is shown as text
    html = client.post(
        reverse("conventions:check", args=[revision.pk]), {"text": "<script>alert(1)</script>罚款100元"}
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_the_whole_flow_from_the_pages(revision, users, areas):
    staff, reviewer = Client(), Client()
    staff.force_login(users["community_staff"])
    reviewer.force_login(users["township_reviewer"])
    edit = reverse("conventions:edit", args=[revision.pk])
    assert staff.get(edit).status_code == 200
    response = staff.post(edit, {"title": revision.title, "text": FINED, "then": "submit"}, follow=True)
    assert "检查发现" in response.content.decode() or "不能报送审查" in response.content.decode()
    assert _state(revision) == "drafting"
    assert Revision.objects.get(pk=revision.pk).text == FINED
    response = staff.post(edit, {"title": revision.title, "text": COMPLIANT, "then": "submit"}, follow=True)
    assert "已报送" in response.content.decode()
    assert _state(revision) == "under_review"
    review = reverse("conventions:review", args=[revision.pk])
    assert staff.post(review, {"decision": "approve"}).status_code == 403
    reviewer.post(review, {"decision": "approve", "comment": "符合法律法规。"})
    assert _state(revision) == "approved"
    adopt = reverse("conventions:adopt", args=[revision.pk])
    page = staff.get(adopt).content.decode()
    assert "村民代表会议" in page
    data = {"meeting_kind": "village_representatives_meeting", "meeting_date": timezone.localdate().isoformat(),
            "members": "30", "present": "15", "in_favour": "15", "against": "0"}  # fmt: skip
    response = staff.post(adopt, data)
    assert response.status_code == 200
    assert response.content.decode().count("表决无效") == 1
    assert _state(revision) == "approved"
    staff.post(adopt, data | {"present": "25", "in_favour": "20", "against": "2", "abstaining": "3"})
    assert _state(revision) == "adopted"
    detail = staff.get(reverse("conventions:revision", args=[revision.pk])).content.decode()
    assert "反对 2，弃权 3" in detail
    # Filing asks first, without JavaScript: the button is a link to a page whose form confirms.
    file = reverse("conventions:file", args=[revision.pk])
    assert f'href="{file}"' in detail
    confirm = staff.get(file).content.decode()
    assert 'data-testid="file-confirm"' in confirm
    assert 'name="confirmed" value="yes"' in confirm
    assert "弃权 3" in confirm
    assert staff.post(file).status_code == 200
    assert _state(revision) == "adopted"
    staff.post(file, {"confirmed": "yes"})
    assert _state(revision) == "filed"
    detail = staff.get(reverse("conventions:revision", args=[revision.pk])).content.decode()
    assert "备案号" in detail
    assert detail.count('data-testid="timeline-row"') == 5
    assert "待镇里确认收到" in detail
    assert 'data-testid="acknowledge"' not in detail


def test_the_township_acknowledges_a_filing_and_the_community_is_told(revision, users):
    from gongzhi.audit.models import AuditEvent
    from gongzhi.notices.models import Notice

    _filed(revision, users)
    admin = Client()
    admin.force_login(users["township_admin"])
    detail = admin.get(reverse("conventions:revision", args=[revision.pk])).content.decode()
    assert 'data-testid="acknowledge"' in detail
    acknowledge = reverse("conventions:acknowledge", args=[revision.pk])
    # community staff may not acknowledge their own filing; nothing changes
    staff = Client()
    staff.force_login(users["community_staff"])
    assert staff.post(acknowledge).status_code == 403
    assert Revision.objects.get(pk=revision.pk).acknowledged_at is None
    admin.post(acknowledge)
    fresh = Revision.objects.get(pk=revision.pk)
    assert fresh.acknowledged_by == users["township_admin"]
    assert fresh.acknowledged_at is not None
    event = AuditEvent.objects.get(verb="convention.filing_acknowledged")
    assert event.summary == {"filing_number": fresh.filing_number}
    assert Notice.objects.filter(recipient=users["community_staff"], title__contains="已确认收到").exists()
    # a second acknowledgement is refused, with a message
    response = admin.post(acknowledge, follow=True)
    assert "已经确认收到" in response.content.decode()
    assert AuditEvent.objects.filter(verb="convention.filing_acknowledged").count() == 1
    board = admin.get(reverse("conventions:board", args=[fresh.campaign_id])).content.decode()
    assert 'data-acknowledged="yes"' in board


def test_a_representatives_meeting_is_not_held_to_the_registers_adults_and_households(revision, users):
    # The adoption form offers the register's counts for every kind of meeting; a representatives'
    # meeting counts its members only, so 0 adults in the register must not refuse 21 present.
    _approved(revision, users)
    _adopt(revision, users, adults=0, households=0, households_present=None)
    fresh = Revision.objects.get(pk=revision.pk)
    assert fresh.state == "adopted"
    assert fresh.meeting.adults is None
    assert fresh.meeting.households is None


def test_a_communitys_wall_links_to_its_convention_in_force(areas, client):
    html = client.get(reverse("wishes:community_wall", args=[areas["village"].pk])).content.decode()
    assert reverse("conventions:public", args=[areas["village"].pk]) in html
    assert "本村村规民约" in html
    html = client.get(reverse("wishes:community_wall", args=[areas["urban"].pk])).content.decode()
    assert "本社区居民公约" in html


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import zipfile

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def test_the_version_in_force_can_be_uploaded_as_a_word_file(users, areas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(users["community_staff"])
    url = reverse("conventions:in_force", args=[areas["village"].pk])
    before = AuditEvent.objects.count()
    # A file that is not UTF-8 text, and text and a file at once: a Chinese message, nothing recorded.
    bad = SimpleUploadedFile("旧约.txt", "违者罚款".encode("gb18030"))
    response = client.post(url, {"title": "青山村村规民约", "upload": bad})
    assert response.status_code == 200
    assert "不是 UTF-8 编码" in response.content.decode()
    both = SimpleUploadedFile("旧约.docx", _docx_bytes(["第一条 爱护公物。"]))
    response = client.post(url, {"title": "青山村村规民约", "text": "第一条 爱护公物。", "upload": both})
    assert "只选一种" in response.content.decode()
    assert not ConventionVersion.objects.exists()
    assert AuditEvent.objects.count() == before
    good = SimpleUploadedFile(
        "旧约.docx", _docx_bytes(["青山村村规民约", "第一条 爱护公物。", "第二条 违者罚款50元。"])
    )
    assert client.post(url, {"title": "青山村村规民约", "upload": good}).status_code == 302
    version = ConventionVersion.objects.get(community=areas["village"])
    assert version.text == "青山村村规民约\n第一条 爱护公物。\n第二条 违者罚款50元。"
    assert AuditEvent.objects.filter(verb="convention.in_force_recorded").count() == 1


def test_a_draft_written_in_word_is_imported_replacing_the_text(revision, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(users["community_staff"])
    edit = reverse("conventions:edit", args=[revision.pk])
    broken = SimpleUploadedFile("修订稿.docx", b"not a zip")
    response = client.post(edit, {"then": "import", "upload": broken})
    assert 'data-testid="import-error"' in response.content.decode()
    assert "无法读取 .docx 文件" in response.content.decode()
    assert Revision.objects.get(pk=revision.pk).text == OLD
    upload = SimpleUploadedFile("修订稿.txt", (COMPLIANT + "\n").encode("utf-8"))
    response = client.post(edit, {"then": "import", "upload": upload}, follow=True)
    assert "已导入文件并保存" in response.content.decode()
    saved = Revision.objects.get(pk=revision.pk)
    assert saved.text == COMPLIANT
    assert saved.problems == 0
    assert AuditEvent.objects.filter(verb="convention.draft_saved", target_id=str(revision.pk)).exists()
    # Someone who may not draft here cannot import either.
    other = Client()
    other.force_login(users["resident"])
    again = SimpleUploadedFile("修订稿.txt", FINED.encode("utf-8"))
    assert other.post(edit, {"then": "import", "upload": again}).status_code in (302, 403)
    assert Revision.objects.get(pk=revision.pk).text == COMPLIANT


def test_the_minutes_and_sign_in_sheet_are_attached_and_served_only_to_readers(revision, users, areas):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gongzhi.meetings.models import MeetingDocument

    _approved(revision, users)
    staff = Client()
    staff.force_login(users["community_staff"])
    adopt = reverse("conventions:adopt", args=[revision.pk])
    data = {"meeting_kind": "village_representatives_meeting", "meeting_date": timezone.localdate().isoformat(),
            "members": "30", "present": "25", "in_favour": "20", "against": "3", "abstaining": "2"}  # fmt: skip
    # a file that is neither PDF nor image, and one too large: both reported at once, nothing recorded
    from gongzhi.conventions import actions as convention_actions

    big = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * (convention_actions.DOCUMENT_MAX + 1))
    response = staff.post(
        adopt, data | {"minutes": SimpleUploadedFile("a.exe", b"MZ\x90\x00"), "sign_in": big}
    )
    html = response.content.decode()
    assert 'id="id_minutes_error"' in html
    assert 'id="id_sign_in_error"' in html
    assert _state(revision) == "approved"
    assert not MeetingDocument.objects.exists()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    minutes = SimpleUploadedFile("会议记录.pdf", BLANK_PDF, content_type="application/pdf")
    sign_in = SimpleUploadedFile("签到表.png", buffer.getvalue(), content_type="image/png")
    staff.post(adopt, data | {"minutes": minutes, "sign_in": sign_in})
    assert _state(revision) == "adopted"
    documents = {
        d.kind: d
        for d in MeetingDocument.objects.filter(meeting=Revision.objects.get(pk=revision.pk).meeting)
    }
    assert set(documents) == {"minutes", "sign_in"}
    assert documents["sign_in"].photo is not None
    detail = staff.get(reverse("conventions:revision", args=[revision.pk])).content.decode()
    assert detail.count('data-testid="meeting-document"') == 2
    url = reverse("conventions:document", args=[revision.pk, documents["minutes"].pk])
    response = staff.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    assert (
        staff.get(reverse("conventions:document", args=[revision.pk, documents["sign_in"].pk])).status_code
        == 200
    )
    for name in ("other_staff", "resident"):
        other = Client()
        other.force_login(users[name])
        assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302
    from gongzhi.audit.models import AuditEvent

    assert AuditEvent.objects.get(verb="convention.adopted").summary["documents"] == ["minutes", "sign_in"]
