"""conventions 0005: each adopted revision's meeting moves from the revision's fields to a gongzhi.meetings
Meeting with one item and core.quorum's verdict; minutes keep their ids. Runs on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from tests.conftest import make_user

BEFORE = [("conventions", "0004_revision_meeting"), ("meetings", "0001_initial")]
AFTER = [("conventions", "0006_remove_revision_meeting_fields"), ("meetings", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Going back to meetings 0001 unapplies what came after it (the convening, the apps that point at a
    meeting): the tests that run after this one on the same worker need every migration applied again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_adopted_revisions_get_their_meeting_and_documents(audit_triggers_for_flush):
    old = _migrate(BEFORE)
    try:
        township = area_create_unchecked(
            kind=AreaKind.TOWNSHIP, name="永安镇", parent=None, code="511423101000"
        )
        village = area_create_unchecked(kind=AreaKind.COMMUNITY, name="青山村", parent=township, code="511423101201",
                                        community_type="village")  # fmt: skip
        staff = make_user("ganbu")
        Campaign = old.get_model("conventions", "Campaign")
        Revision = old.get_model("conventions", "Revision")
        RevisionEvent = old.get_model("conventions", "RevisionEvent")
        OldDocument = old.get_model("conventions", "MeetingDocument")
        adopted_at = timezone.now() - dt.timedelta(days=3)
        common = {
            "area_path": village.path,
            "text": "公约",
            "created_by_id": staff.pk,
            "community_id": village.pk,
        }
        adopted = Revision.objects.create(
            campaign=Campaign.objects.create(township_id=township.pk, area_path=township.path, year=2020, title="修订",
                                             deadline=dt.date(2020, 12, 31), launched_by_id=staff.pk),
            title="青山村村规民约", state="filed", meeting_kind="village_representatives_meeting",
            meeting_date=dt.date(2020, 6, 1), members=30, present=21, in_favour=18, against=2, abstaining=1,
            adopted_at=adopted_at, **common,
        )  # fmt: skip
        RevisionEvent.objects.create(revision=adopted, actor_id=staff.pk, verb="adopt", from_state="approved",
                                     to_state="adopted")  # fmt: skip
        drafting = Revision.objects.create(
            campaign=Campaign.objects.create(township_id=township.pk, area_path=township.path, year=2021, title="修订",
                                             deadline=dt.date(2021, 12, 31), launched_by_id=staff.pk),
            title="草稿", **common,
        )  # fmt: skip
        document = OldDocument.objects.create(revision=adopted, kind="minutes", pdf_path="conventions/x.pdf",
                                              content_type="application/pdf", size=10, sha256="0" * 64,
                                              uploaded_by_id=staff.pk)  # fmt: skip
    finally:
        new = _migrate(AFTER)
    Revision = new.get_model("conventions", "Revision")
    Meeting = new.get_model("meetings", "Meeting")
    NewDocument = new.get_model("meetings", "MeetingDocument")
    revision = Revision.objects.get(pk=adopted.pk)
    meeting = Meeting.objects.get(pk=revision.meeting_id)
    item = meeting.items.get()
    assert (meeting.body_kind, meeting.held_on, meeting.members, meeting.present, meeting.adults) == (
        "village_representatives_meeting", dt.date(2020, 6, 1), 30, 21, None)  # fmt: skip
    assert (meeting.owner_app, meeting.owner_model, meeting.owner_id, meeting.purpose) == (
        "conventions", "revision", adopted.pk, "convention_adoption")  # fmt: skip
    assert meeting.quorate
    assert "符合法定人数" in meeting.quorum_reason
    assert meeting.recorded_by_id == staff.pk
    assert (item.in_favour, item.against, item.abstaining, item.passed, item.number) == (18, 2, 1, True, 1)
    assert item.rule_key == "village_representatives_meeting"
    assert "村民委员会组织法" in item.law
    assert item.counted_at == adopted_at
    assert meeting.recorded_at == adopted_at
    moved = NewDocument.objects.get(pk=document.pk)  # the same id: the links to it still work
    assert moved.meeting_id == meeting.pk
    assert moved.pdf_path == "conventions/x.pdf"
    assert Revision.objects.get(pk=drafting.pk).meeting_id is None
    assert Meeting.objects.count() == 1
    # New rows after explicit ids: the sequences moved past them (PostgreSQL).
    later = NewDocument.objects.create(meeting_id=meeting.pk, kind="sign_in", pdf_path="meetings/y.pdf",
                                       content_type="application/pdf", size=1, sha256="1" * 64,
                                       uploaded_by_id=staff.pk)  # fmt: skip
    assert later.pk > document.pk
