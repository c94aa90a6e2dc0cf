"""Each adopted revision's meeting, from the revision's own fields to a gongzhi.meetings Meeting with one
item (the adoption vote), its verdict recomputed by core.quorum; the minutes and sign-in sheets move to
meetings.MeetingDocument keeping their ids (so links to them still work). SQLite and PostgreSQL."""

from django.core.management.color import no_style
from django.db import migrations

COUNTS = ("members", "adults", "households", "households_present", "present")


def _verdict(revision):
    from gongzhi.core.errors import DomainError
    from gongzhi.core.quorum import RULES, meeting_check

    rule = RULES.get(revision.meeting_kind)
    try:
        result = meeting_check(
            revision.meeting_kind, present=revision.present or 0, in_favour=revision.in_favour or 0,
            against=revision.against or 0, abstaining=revision.abstaining or 0, members=revision.members,
            adults=revision.adults, households=revision.households, households_present=revision.households_present,
        )
    except DomainError:  # figures the action would have refused; keep them, say the verdict was recorded
        return rule, True, True, "", ""
    return rule, result.quorate, result.passed, result.quorum_reason[:500], result.vote_reason[:500]


def forwards(apps, schema_editor):
    Revision = apps.get_model("conventions", "Revision")
    RevisionEvent = apps.get_model("conventions", "RevisionEvent")
    OldDocument = apps.get_model("conventions", "MeetingDocument")
    Meeting = apps.get_model("meetings", "Meeting")
    MeetingItem = apps.get_model("meetings", "MeetingItem")
    NewDocument = apps.get_model("meetings", "MeetingDocument")
    for revision in Revision.objects.exclude(meeting_kind="").filter(meeting__isnull=True).order_by("pk"):
        adopt = RevisionEvent.objects.filter(revision=revision, verb="adopt").order_by("-at", "-id").first()
        recorder_id = (adopt.actor_id if adopt and adopt.actor_id else None) or revision.created_by_id
        rule, quorate, passed, quorum_reason, vote_reason = _verdict(revision)
        held_on = revision.meeting_date or (revision.adopted_at.date() if revision.adopted_at else revision.created_at.date())
        meeting = Meeting.objects.create(
            body_kind=revision.meeting_kind, area_id=revision.community_id, area_path=revision.area_path,
            held_on=held_on, purpose="convention_adoption", owner_app="conventions", owner_model="revision",
            owner_id=revision.pk, **{name: getattr(revision, name) for name in COUNTS[:-1]},
            present=revision.present or 0, quorate=quorate, quorum_reason=quorum_reason, recorded_by_id=recorder_id,
        )
        item = MeetingItem.objects.create(
            meeting=meeting, number=1, title=revision.title, method="show_of_hands", majority="present",
            in_favour=revision.in_favour or 0, against=revision.against or 0, abstaining=revision.abstaining or 0,
            rule_key=revision.meeting_kind, law=rule.law if rule else "", quorate=quorate, passed=passed,
            quorum_reason=quorum_reason, vote_reason=vote_reason, counted_by_id=recorder_id,
        )
        if revision.adopted_at:
            Meeting.objects.filter(pk=meeting.pk).update(recorded_at=revision.adopted_at)
            MeetingItem.objects.filter(pk=item.pk).update(counted_at=revision.adopted_at)
        Revision.objects.filter(pk=revision.pk).update(meeting=meeting)
        for old in OldDocument.objects.filter(revision=revision).order_by("pk"):
            NewDocument.objects.create(
                id=old.pk, meeting=meeting, kind=old.kind, photo_id=old.photo_id, pdf_path=old.pdf_path,
                content_type=old.content_type, size=old.size, sha256=old.sha256, uploaded_by_id=old.uploaded_by_id,
            )
            NewDocument.objects.filter(pk=old.pk).update(created_at=old.created_at)
    _reset_sequences(schema_editor, [Meeting, MeetingItem, NewDocument])


def backwards(apps, schema_editor):
    Revision = apps.get_model("conventions", "Revision")
    OldDocument = apps.get_model("conventions", "MeetingDocument")
    Meeting = apps.get_model("meetings", "Meeting")
    NewDocument = apps.get_model("meetings", "MeetingDocument")
    for revision in Revision.objects.filter(meeting__isnull=False).order_by("pk"):
        meeting = Meeting.objects.get(pk=revision.meeting_id)
        item = meeting.items.order_by("number").first()
        Revision.objects.filter(pk=revision.pk).update(
            meeting=None, meeting_kind=meeting.body_kind, meeting_date=meeting.held_on,
            **{name: getattr(meeting, name) for name in COUNTS},
            in_favour=item.in_favour if item else None, against=item.against if item else None,
            abstaining=item.abstaining if item else None,
        )
        for new in NewDocument.objects.filter(meeting=meeting).order_by("pk"):
            OldDocument.objects.create(
                id=new.pk, revision_id=revision.pk, kind=new.kind, photo_id=new.photo_id, pdf_path=new.pdf_path,
                content_type=new.content_type, size=new.size, sha256=new.sha256, uploaded_by_id=new.uploaded_by_id,
            )
            new.delete()
        meeting.items.all().delete()
        meeting.delete()
    _reset_sequences(schema_editor, [OldDocument])


def _reset_sequences(schema_editor, models):
    """Rows were written with explicit ids: PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), models)
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("conventions", "0004_revision_meeting"),
        ("meetings", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
