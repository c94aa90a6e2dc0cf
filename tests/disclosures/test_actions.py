"""Publishing, revising, withdrawing and the dues: what is stored, the history, the audit rows; bad input is a
clear Chinese message and changes nothing; who may (the kernel's permission or the feature's)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.audit.presentation import audit_lines_for
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.disclosures import actions, selectors
from gongzhi.disclosures.models import Disclosure, DisclosureDue, DisclosureRevision, DisclosureSetting
from gongzhi.disclosures.statute import period_last_ended
from gongzhi.meetings.models import Meeting
from tests.pdfs import BLANK_PDF, pdf_with_javascript

pytestmark = pytest.mark.django_db


def counts():
    return (
        Disclosure.objects.count(),
        DisclosureRevision.objects.count(),
        DisclosureDue.objects.filter(fulfilled_by__isnull=True).count(),
        AuditEvent.objects.filter(verb__startswith="disclosure.").count(),
    )


def test_publishing_stores_revision_one_and_an_audit_row_that_reads_as_a_sentence(publish, users):
    disclosure = publish(major=True, period="2026-Q3")
    assert disclosure.revision_count == 1
    assert disclosure.major
    assert disclosure.period == "2026-Q3"
    revision = disclosure.revisions.get()
    assert (revision.number, revision.title, revision.reason) == (1, disclosure.title, "")
    assert disclosure.category_label == "村务公开"
    event = AuditEvent.objects.get(verb="disclosure.published")
    assert event.summary["title"] == "2026年第三季度村务公开"
    assert list(selectors.board_public(disclosure.area)) == [disclosure]


def test_an_urban_community_calls_it_residents_affairs(publish, users, areas):
    disclosure = publish(actor=users["other_staff"], community=areas["urban"])
    assert disclosure.category_label == "居务公开"


def test_revising_keeps_every_text_with_its_reason(publish, users):
    disclosure = publish()
    actions.disclosure_revise(
        actor=users["community_staff"], disclosure=disclosure, title="2026年第三季度村务公开（更正）",
        body="一、修缮村道三公里，已完工验收。\n二、新建文化广场路灯二十盏。", reason="村道里程写错",
    )  # fmt: skip
    disclosure.refresh_from_db()
    assert disclosure.revision_count == 2
    assert "三公里" in disclosure.body
    numbers = list(selectors.revisions_of(disclosure).values_list("number", "reason"))
    assert numbers == [(2, "村道里程写错"), (1, "")]
    assert "两公里" in disclosure.revisions.get(number=1).body
    assert AuditEvent.objects.filter(verb="disclosure.revised").count() == 1


def test_withdrawing_takes_it_off_the_board_and_keeps_it(publish, users):
    disclosure = publish()
    actions.disclosure_withdraw(actor=users["community_staff"], disclosure=disclosure, reason="重复发布")
    disclosure.refresh_from_db()
    assert disclosure.is_withdrawn
    assert disclosure.withdrawn_reason == "重复发布"
    assert not selectors.board_public(disclosure.area).exists()
    assert Disclosure.objects.filter(pk=disclosure.pk).exists()
    with pytest.raises(Conflict):
        actions.disclosure_withdraw(actor=users["community_staff"], disclosure=disclosure, reason="再撤一次")
    with pytest.raises(Conflict):
        actions.disclosure_revise(
            actor=users["community_staff"], disclosure=disclosure, title="新标题", body="新的内容写在这里。",
            reason="更正",
        )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "请填写标题"),
        ({"title": "题"}, "标题至少2个字"),
        ({"body": "短"}, "公开内容至少5个字"),
        ({"body": "正文\u202e内容很长很长"}, "改变文字方向"),
        ({"category": "gossip"}, "请选择公开类别"),
        ({"period": "2026-Q9"}, "所属期间"),
        ({"body": "联系人张三，电话13812345678，欢迎监督。"}, "手机号"),
        ({"body": "低保户李四，身份证号110101199003077777，已核发。"}, "身份证号"),
        ({"attachment": b"not an image"}, "PDF 文件或照片"),
        ({"attachment": pdf_with_javascript()}, "PDF"),
    ],
)
def test_bad_input_is_a_clear_message_and_changes_nothing(publish, changes, message):
    before = counts()
    with pytest.raises(DomainError) as refused:
        publish(**changes)
    assert message in refused.value.message
    assert counts() == before


def test_personal_data_is_published_only_with_a_reason_kept_in_the_revision(publish):
    disclosure = publish(
        body="村委会办公电话 0816-2345678，工作日 8:30—17:30 接受查询。",
        personal_data_reason="村委会办公电话",
    )
    assert disclosure.revisions.get().personal_data_reason == "村委会办公电话"
    assert AuditEvent.objects.get(verb="disclosure.published").summary["personal_data"] == ["landline"]


def test_a_pdf_or_a_photo_may_be_attached(publish, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    with_pdf = publish(attachment=BLANK_PDF)
    assert with_pdf.pdf_path.startswith("disclosures/")
    assert (tmp_path / with_pdf.pdf_path).is_file()
    from tests.test_permission_matrix import _jpeg

    with_photo = publish(attachment=_jpeg())
    assert with_photo.photo_id is not None


def test_only_the_communitys_staff_publish_unless_the_feature_lends_its_permission(publish, users, areas):
    before = counts()
    for actor in ("supervisor", "resident", "township_admin", "other_staff", "nobody"):
        with pytest.raises(NotPermitted):
            publish(actor=users[actor])
    assert counts() == before
    # A feature passes its own permission: here the supervisory committee may, by the feature's rule.
    made = publish(actor=users["supervisor"], perm="meetings.view", perm_obj=areas["village"])
    assert made.published_by == users["supervisor"]


def test_revising_and_withdrawing_are_refused_to_others_and_change_nothing(publish, users):
    disclosure = publish()
    before = counts()
    with pytest.raises(NotPermitted):
        actions.disclosure_revise(
            actor=users["other_staff"], disclosure=disclosure, title="改", body="改动的内容。", reason="改"
        )
    with pytest.raises(NotPermitted):
        actions.disclosure_withdraw(actor=users["supervisor"], disclosure=disclosure, reason="不对")
    with pytest.raises(DomainError, match="修改理由"):
        actions.disclosure_revise(
            actor=users["community_staff"],
            disclosure=disclosure,
            title="新标题",
            body="新的内容写在这里。",
            reason="",
        )
    with pytest.raises(DomainError, match="没有改动"):
        actions.disclosure_revise(
            actor=users["community_staff"], disclosure=disclosure, title=disclosure.title, body=disclosure.body,
            reason="没改",
        )  # fmt: skip
    assert counts() == before


def _meeting(users, areas) -> Meeting:
    return Meeting.objects.create(
        body_kind="village_representatives_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=20, members=25, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip


def test_a_registered_due_is_fulfilled_by_publishing_with_its_source(publish, users, areas):
    meeting = _meeting(users, areas)
    due = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution",
    )  # fmt: skip
    assert due.major
    assert due.due_on > timezone.localdate()
    assert "第三十条" in due.basis
    again = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution",
    )  # fmt: skip
    assert again.pk == due.pk
    assert DisclosureDue.objects.count() == 1
    publish(title="其他公开事项", owner=meeting, purpose="execution")  # another purpose: fulfils nothing
    due.refresh_from_db()
    assert due.fulfilled_by is None
    made = publish(title="决议公开：修缮村道", owner=meeting, purpose="resolution", major=True)
    due.refresh_from_db()
    assert due.fulfilled_by == made
    assert list(selectors.disclosures_of(meeting, "resolution")) == [made]
    assert AuditEvent.objects.get(verb="disclosure.published", target_id=str(made.pk)).summary["fulfilled"]


def test_staff_fulfil_a_due_from_its_page(publish, users, areas):
    due = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="finance", title="执行结果公开",
        owner=_meeting(users, areas), purpose="execution", major=False, due_on=timezone.localdate(),
    )  # fmt: skip
    made = publish(due=due, category="finance")
    due.refresh_from_db()
    assert due.fulfilled_by == made
    assert made.purpose == "execution"
    assert made.owner_model == "meeting"


def test_a_due_needs_a_source_a_purpose_and_for_a_general_matter_a_date(users, areas):
    staff, village = users["community_staff"], areas["village"]
    meeting = _meeting(users, areas)
    cases = [
        ({"owner": None}, "来源"),
        ({"purpose": ""}, "用途"),
        ({"category": "x"}, "公开类别"),
        ({"major": False}, "期限"),
        (
            {"community": areas["township"], "actor": users["township_admin"], "perm": "meetings.view"},
            "村或社区",
        ),
    ]
    for changes, message in cases:
        data = {"actor": staff, "community": village, "category": "affairs", "title": "决议公开", "owner": meeting,
                "purpose": "resolution"} | changes  # fmt: skip
        with pytest.raises(DomainError, match=message):
            actions.disclosure_due_register(**data)
    assert not DisclosureDue.objects.exists()


def test_the_board_status_names_the_missed_periods_and_the_overdue_dues(publish, users, areas):
    today = timezone.localdate()
    status = selectors.board_status(areas["village"])
    assert [g.category for g in status.gaps] == ["party", "affairs", "finance"]
    made = publish()
    last_quarter = period_last_ended(today, "quarter")
    Disclosure.objects.filter(pk=made.pk).update(
        published_at=dt.datetime.combine(
            last_quarter.start, dt.time(10), tzinfo=timezone.get_current_timezone()
        )
    )
    due = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="party", title="党员大会决议公开",
        owner=_meeting(users, areas), purpose="resolution", major=True, due_on=today - dt.timedelta(days=1),
    )  # fmt: skip
    status = selectors.board_status(areas["village"])
    assert [g.category for g in status.gaps] == ["party", "finance"]
    assert status.overdue == [due]
    assert status.overdue_count == 3
    actions.disclosure_setting_change(
        actor=users["community_staff"], community=areas["village"], finance_monthly=True
    )
    assert selectors.board_status(areas["village"]).finance_monthly
    assert DisclosureSetting.objects.get().finance_monthly


def test_the_setting_is_the_communitys_staffs_and_an_unchanged_one_is_refused(users, areas):
    with pytest.raises(DomainError, match="没有改动"):
        actions.disclosure_setting_change(
            actor=users["community_staff"], community=areas["village"], finance_monthly=False
        )
    with pytest.raises(NotPermitted):
        actions.disclosure_setting_change(
            actor=users["supervisor"], community=areas["village"], finance_monthly=True
        )
    assert not DisclosureSetting.objects.exists()


def test_every_verb_reads_as_a_chinese_sentence(publish, users):
    disclosure = publish(major=True)
    actions.disclosure_withdraw(actor=users["community_staff"], disclosure=disclosure, reason="重复发布")
    events = AuditEvent.objects.filter(verb__startswith="disclosure.").order_by("pk")
    sentences = [line.sentence for line in audit_lines_for(viewer=users["audit_admin"], events=events)]
    assert sentences[0].startswith("在青山村村务(居务)公开栏发布「2026年第三季度村务公开」（重大事项"), (
        sentences
    )
    assert sentences[1] == "撤回村务(居务)公开「2026年第三季度村务公开」，理由：重复发布"


def test_withdrawing_a_publication_opens_again_what_it_fulfilled(publish, users, areas):
    meeting = _meeting(users, areas)
    due = actions.disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution",
    )  # fmt: skip
    made = publish(title="决议公开：修缮村道", owner=meeting, purpose="resolution", major=True)
    actions.disclosure_withdraw(actor=users["community_staff"], disclosure=made, reason="附件错了，重新发布")
    due.refresh_from_db()
    assert due.fulfilled_by is None
    assert AuditEvent.objects.get(verb="disclosure.withdrawn").summary["reopened"] == ["决议公开：修缮村道"]
    again = publish(title="决议公开：修缮村道", owner=meeting, purpose="resolution", major=True)
    due.refresh_from_db()
    assert due.fulfilled_by == again
