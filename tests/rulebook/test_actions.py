"""The governing documents: a document from a template, its draft edited, adopted by a passed item of the
community's meeting, superseded by the next version; an adopted version is never edited; the conventions appear
in the library through the kernel hook; each refusal is a Chinese message and changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.library import library_rows_of
from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook import actions, selectors
from gongzhi.rulebook.diff import diff_rows
from gongzhi.rulebook.models import DocumentKind, Template, Version
from tests.pdfs import BLANK_PDF, pdf_with_javascript

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _items(users, areas, community="village"):
    actor = users["community_staff"] if community == "village" else users["other_staff"]
    meeting = meeting_record(
        actor=actor, area=areas[community], body_kind="village_representatives_meeting", held_on=TODAY(),
        members=30, present=21,
        items=[ItemVote("通过村务公开制度", in_favour=18, against=2, abstaining=1),
               ItemVote("另一议题", in_favour=5, against=16)],
    )  # fmt: skip
    return list(meeting.items.order_by("number"))


def _start(users, areas, name="村(居)务公开制度"):
    kind = DocumentKind.objects.get(name=name)
    template = Template.objects.get(kind=kind, township__isnull=True)
    return actions.document_create(
        actor=users["community_staff"], community=areas["village"], kind=kind, template=template
    )


def test_the_catalogue_is_seeded_with_the_charter_the_ten_rules_and_the_six_duties():
    groups = {k.group for k in DocumentKind.objects.all()}
    assert groups == {"charter", "rules", "duties"}
    assert DocumentKind.objects.filter(group="rules").count() == 10
    assert DocumentKind.objects.filter(group="duties").count() == 6
    assert Template.objects.count() == DocumentKind.objects.count()


def test_a_document_from_a_template_is_drafted_adopted_and_superseded(users, areas):
    document = _start(users, areas)
    draft = selectors.draft_of(document)
    assert draft.number == 1
    assert "村(居)务公开制度" in draft.body
    actions.draft_save(
        actor=users["community_staff"], version=draft, body=draft.body + "\n第五条 每季度公开一次。"
    )
    passed, failed = _items(users, areas)
    with pytest.raises(DomainError) as refused:
        actions.version_adopt(
            actor=users["community_staff"], version=draft, meeting_item=failed, effective_on=TODAY()
        )
    assert "没有通过" in refused.value.message
    with pytest.raises(DomainError) as early:
        actions.version_adopt(
            actor=users["community_staff"], version=draft, meeting_item=passed,
            effective_on=TODAY() - dt.timedelta(days=1),
        )  # fmt: skip
    assert "不能早于会议日期" in early.value.message
    first = actions.version_adopt(
        actor=users["community_staff"], version=draft, meeting_item=passed, effective_on=TODAY()
    )
    assert first.state == "in_force"
    assert first.meeting_item == passed
    assert selectors.in_force_of(document) == first
    # An adopted version is never edited: a clear message, nothing changed.
    with pytest.raises(DomainError) as filed:
        actions.draft_save(actor=users["community_staff"], version=first, body="全部改掉，重新来过的正文。")
    assert "已经通过施行，不能再修改" in filed.value.message
    assert Version.objects.get(pk=first.pk).body == first.body
    second = actions.version_new(actor=users["community_staff"], document=document)
    assert (second.number, second.body) == (2, first.body)
    with pytest.raises(DomainError):
        actions.version_new(actor=users["community_staff"], document=document)  # one draft at a time
    actions.draft_save(
        actor=users["community_staff"], version=second, body=second.body.replace("每季度", "每月")
    )
    second = actions.version_adopt(
        actor=users["community_staff"], version=second, meeting_item=passed, effective_on=TODAY()
    )
    first.refresh_from_db()
    assert first.state == "superseded"
    assert first.superseded_at is not None
    rows = diff_rows(first.body, second.body)
    assert [r.kind for r in rows if r.kind != "same" and r.kind != "skip"] == ["changed"]
    assert AuditEvent.objects.filter(verb="rulebook.adopted").count() == 2
    assert selectors.public_version_get(first.pk) == first
    with pytest.raises(NotFound):
        selectors.public_version_get(
            actions.version_new(actor=users["community_staff"], document=document).pk
        )


def test_adoption_needs_a_passed_item_of_the_communitys_own_meeting(users, areas):
    document = _start(users, areas)
    theirs, _other = _items(users, areas, community="urban")
    with pytest.raises(DomainError) as refused:
        actions.version_adopt(
            actor=users["community_staff"], version=selectors.draft_of(document), meeting_item=theirs,
            effective_on=TODAY(),
        )  # fmt: skip
    assert "青山村" in refused.value.message
    assert selectors.draft_of(document).state == "draft"
    assert list(selectors.adoptable_items(areas["village"])) == []


def test_only_the_communitys_staff_keep_its_documents(users, areas):
    kind = DocumentKind.objects.get(name="民主理财制度")
    with pytest.raises(NotPermitted) as refused:
        actions.document_create(
            actor=users["other_staff"], community=areas["village"], kind=kind, body="第一条 民主理财小组每月审核。"
        )  # fmt: skip
    assert "青山村不在您负责的范围内" in refused.value.message
    with pytest.raises(NotFound):
        selectors.document_get_for(viewer=users["resident"], document_id=_start(users, areas).pk)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": None}, "请选择制度类别"),
        ({"body": "太短"}, "正文至少10个字"),
        ({"title": "X"}, "标题至少2个字"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_changes_nothing(users, areas, values, message):
    base = {
        "kind": DocumentKind.objects.get(name="档案管理制度"),
        "body": "第一条 档案由专人管理。",
        "title": "档案管理制度",
    }
    with pytest.raises(DomainError) as refused:
        actions.document_create(actor=users["community_staff"], community=areas["village"], **(base | values))
    assert message in refused.value.message
    assert not Version.objects.exists()


def test_a_scanned_pdf_is_checked_and_only_on_a_draft(users, areas):
    draft = selectors.draft_of(_start(users, areas))
    with pytest.raises(DomainError):
        actions.scan_attach(
            actor=users["community_staff"], version=draft, raw=pdf_with_javascript(), name="x.pdf"
        )
    actions.scan_attach(actor=users["community_staff"], version=draft, raw=BLANK_PDF, name="盖章件.pdf")
    draft.refresh_from_db()
    assert draft.scan.name.endswith(".pdf")


def test_the_library_lists_in_force_versions_and_the_convention_through_the_hook(users, areas):
    from gongzhi.conventions.models import ConventionVersion

    ConventionVersion.objects.create(
        community=areas["village"], area_path=areas["village"].path, title="青山村村规民约",
        text="第一条 ……", adopted_on=TODAY(), recorded_by=users["community_staff"],
    )  # fmt: skip
    document = _start(users, areas)
    passed, _failed = _items(users, areas)
    actions.version_adopt(
        actor=users["community_staff"], version=selectors.draft_of(document), meeting_item=passed,
        effective_on=TODAY(),
    )  # fmt: skip
    shelf = selectors.library_of(areas["village"])
    assert [v.document for v in shelf.versions] == [document]
    assert [(r.source, r.title, r.kind_label) for r in shelf.others] == [
        ("conventions", "青山村村规民约", "村规民约")
    ]
    assert library_rows_of(areas["urban"]) == []
