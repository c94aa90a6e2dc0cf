"""Recording a meeting and its votes: the kernel's, for every feature that decides at a meeting.

    meeting_record ── the roll (应到/实到), quorum by core.quorum ── refused if not quorate
        └─ items: each vote ── verdict by core.quorum (the majority it needs) ── stored with its rule
              └─ meeting_item_confirm: a second person confirms a show of hands' counts

A feature records the meeting that decides its matter with `meeting_record`
(a convention's adoption: one meeting, one item), linking it to its own
record (`owner`) and naming what it was for (`purpose`); further items may
be added to a recorded meeting with `meeting_item_vote_record`. The quorum
is computed from the body's statutory rule before any vote is stored: a
meeting short of its quorum records nothing. An item that fails is stored
as failed, unless the feature asks that it must pass (`must_pass`), in
which case nothing is stored and the person is told why.

Who may: the feature's permission over its own object (`perm`, `perm_obj`),
or the kernel's `meetings.record` over the meeting's area. Every action
locks what it reads to change, writes one audit event in its transaction.
"""

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.quorum import MAJORITIES, RULES, MeetingResult, meeting_check
from gongzhi.core.text import text_clean

from ..models import (
    Meeting,
    MeetingDocument,
    MeetingItem,
    MeetingMember,
    MeetingMethod,
    MeetingVote,
    VoteChoice,
)

TITLE_MAX, PLACE_MAX, NAME_MAX, PURPOSE_MAX = 200, 100, 50, 40
DOCUMENT_MAX = 10 * 1024 * 1024  # a scanned sign-in sheet of a few pages as PDF
PDF_DIR = "meetings"
_PRESENT_OF = {"members": None, "adults": None, "households": "households_present"}


@dataclass(frozen=True)
class RollEntry:
    """A named line of the roll: a resident, a user, or a name only."""

    name: str
    resident: Any = None  # a gongzhi.residents Resident
    user: Any = None  # a gongzhi.accounts User
    post: str = ""
    present: bool = True


@dataclass(frozen=True)
class ItemVote:
    """One agenda item's vote as recorded. `votes` (roll call): {roll index or MeetingMember: "for"/…};
    when given, the counts are taken from them."""

    title: str
    in_favour: int = 0
    against: int = 0
    abstaining: int = 0
    method: str = MeetingMethod.SHOW_OF_HANDS
    majority: str = "present"
    votes: Mapping = field(default_factory=dict)
    must_pass: bool = False


def _authorize(actor, perm: str | None, perm_obj, area) -> None:
    authorize(actor, perm or "meetings.record", area if perm_obj is None else perm_obj)


def _roll_counts(body_kind: str, figures: dict[str, int | None]) -> dict[str, int | None]:
    """Only the bases the body's rule counts by: a representatives' meeting is quorate by its members,
    whatever the register says of adults and households (forms offer them for every kind)."""
    bases = {attendance.base for attendance in RULES[body_kind].attendance}
    counts = dict(figures)
    for base, present_key in _PRESENT_OF.items():
        if base not in bases:
            counts[base] = None
            if present_key:
                counts[present_key] = None
    return counts


def _verdict(
    meeting: Meeting, *, in_favour: int, against: int, abstaining: int, majority: str
) -> MeetingResult:
    return meeting_check(
        meeting.body_kind,
        present=meeting.present,
        in_favour=in_favour,
        against=against,
        abstaining=abstaining,
        members=meeting.members,
        adults=meeting.adults,
        households=meeting.households,
        households_present=meeting.households_present,
        majority=majority,
    )


def _item_create(
    meeting: Meeting, item: ItemVote, *, actor, number: int, roll: list[MeetingMember]
) -> MeetingItem:
    title = text_clean(item.title, label=_("议题"), field="title", minimum=1, maximum=TITLE_MAX)
    if item.method not in MeetingMethod.values:
        raise DomainError(_("未知的表决方式。"), field="method")
    if item.majority not in MAJORITIES:
        raise DomainError(_("未知的通过条件。"), field="majority")
    counts = {"in_favour": item.in_favour, "against": item.against, "abstaining": item.abstaining}
    named: list[tuple[MeetingMember, str]] = []
    if item.votes:
        if item.method != MeetingMethod.ROLL_CALL:
            raise DomainError(_("只有记名表决才记录每个人的表决意见。"), field="votes")
        for who, choice in item.votes.items():
            member = roll[who] if isinstance(who, int) and 0 <= who < len(roll) else who
            if not isinstance(member, MeetingMember) or member.meeting_id != meeting.pk or not member.present:
                raise DomainError(_("记名表决只能记录本次会议到会人员的意见。"), field="votes")
            if choice not in VoteChoice.values:
                raise DomainError(_("表决意见应为赞成、反对或弃权。"), field="votes")
            named.append((member, choice))
        tally = {VoteChoice.FOR: 0, VoteChoice.AGAINST: 0, VoteChoice.ABSTAIN: 0}
        for _member, choice in named:
            tally[VoteChoice(choice)] += 1
        counts = {
            "in_favour": tally[VoteChoice.FOR],
            "against": tally[VoteChoice.AGAINST],
            "abstaining": tally[VoteChoice.ABSTAIN],
        }
    result = _verdict(meeting, majority=item.majority, **counts)
    if not result.quorate:
        raise DomainError(
            _("会议不足法定人数，表决无效，未记录（%(reason)s）。") % {"reason": result.quorum_reason}
        )
    if item.must_pass and not result.passed:
        raise DomainError(_("表决未获通过，未记录（%(reason)s）。") % {"reason": result.vote_reason})
    created = MeetingItem.objects.create(
        meeting=meeting,
        number=number,
        title=title,
        method=item.method,
        majority=item.majority,
        **counts,
        rule_key=result.rule.key,
        law=str(result.rule.law),
        quorate=result.quorate,
        passed=result.passed,
        quorum_reason=result.quorum_reason[:500],
        vote_reason=result.vote_reason[:500],
        counted_by=actor,
    )
    MeetingVote.objects.bulk_create([MeetingVote(item=created, member=m, choice=c) for m, c in named])
    return created


def _item_summary(item: MeetingItem) -> dict:
    return {
        "title": item.title,
        "method": item.method,
        "in_favour": item.in_favour,
        "against": item.against,
        "abstaining": item.abstaining,
        "majority": item.majority,
        "passed": item.passed,
    }


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    area: Area,
    body_kind: str,
    held_on: dt.date | None,
    present: int | None,
    members: int | None = None,
    adults: int | None = None,
    households: int | None = None,
    households_present: int | None = None,
    place: str = "",
    purpose: str = "",
    owner=None,
    roll: Iterable[RollEntry] = (),
    items: Iterable[ItemVote] = (),
    documents: Mapping | None = None,
    perm: str | None = None,
    perm_obj=None,
    keep_inquorate: bool = False,
) -> Meeting:
    """Record a meeting held, its roll and its items' votes; refused if it was not quorate (nothing stored).

    With `keep_inquorate` a meeting short of its quorum is kept as held and not quorate (a feature that
    shows "convened, no quorum"), but with no votes: an item given for it is still refused."""
    _authorize(actor, perm, perm_obj, area)
    if body_kind not in RULES:
        raise DomainError(_("未知的会议类型。"), field="meeting_kind")
    if held_on is None:
        raise DomainError(_("请填写会议日期。"), field="meeting_date")
    if held_on > timezone.localdate():
        raise DomainError(_("会议日期不能晚于今天。"), field="meeting_date")
    place = text_clean(place, label=_("会议地点"), field="place", minimum=0, maximum=PLACE_MAX)
    if len(purpose) > PURPOSE_MAX:
        raise DomainError(_("会议用途过长。"), field="purpose")
    counts = _roll_counts(
        body_kind,
        {
            "members": members,
            "adults": adults,
            "households": households,
            "households_present": households_present,
        },
    )
    items = list(items)
    # The quorum before any vote is stored (with the first item's figures, so that impossible ones are
    # named first, as they would be on paper); a meeting short of it records nothing.
    first = items[0] if items and not items[0].votes else ItemVote("", majority="present")
    quorum = meeting_check(
        body_kind,
        present=present,  # type: ignore[arg-type]
        in_favour=first.in_favour,
        against=first.against,
        abstaining=first.abstaining,
        majority=first.majority if first.majority in MAJORITIES else "present",
        **counts,
    )
    if not quorum.quorate and (items or not keep_inquorate):
        raise DomainError(
            _("会议不足法定人数，表决无效，未记录（%(reason)s）。") % {"reason": quorum.quorum_reason}
        )
    entries = list(roll)
    named_present = sum(1 for entry in entries if entry.present)
    if named_present > (present or 0) or (counts["members"] is not None and len(entries) > counts["members"]):
        raise DomainError(_("名单上的人数与应到、到会人数不符。"), field="roll")
    meeting = Meeting.objects.create(
        body_kind=body_kind,
        area=area,
        area_path=area.path,
        held_on=held_on,
        place=place,
        purpose=purpose,
        owner_app=owner._meta.app_label if owner is not None else "",
        owner_model=owner._meta.model_name if owner is not None else "",
        owner_id=owner.pk if owner is not None else None,
        present=present or 0,
        **counts,
        quorate=quorum.quorate,
        quorum_reason=quorum.quorum_reason[:500],
        recorded_by=actor,
    )
    members_created = MeetingMember.objects.bulk_create(
        [
            MeetingMember(
                meeting=meeting,
                name=text_clean(e.name, label=_("姓名"), field="roll", minimum=1, maximum=NAME_MAX),
                resident=e.resident,
                user=e.user,
                post=e.post[:40],
                present=e.present,
            )
            for e in entries
        ]
    )
    if (
        members_created and members_created[0].pk is None
    ):  # databases that do not return ids from bulk inserts
        members_created = list(meeting.roll.order_by("id"))
    created = [
        _item_create(meeting, item, actor=actor, number=n, roll=members_created)
        for n, item in enumerate(items, start=1)
    ]
    stored = [
        meeting_document_store(actor=actor, meeting=meeting, kind=kind, upload=upload)
        for kind, upload in (documents or {}).items()
        if upload
    ]
    audit_event_record(
        actor=actor,
        verb="meeting.recorded",
        target=meeting,
        area=area,
        summary={
            "body": body_kind,
            "date": held_on.isoformat(),
            "purpose": purpose,
            "present": present,
            "quorate": quorum.quorate,
            **{k: v for k, v in counts.items() if v is not None},
            "quorum": quorum.quorum_reason,
            "roll": len(members_created),
            "items": len(created),
            "votes": [_item_summary(i) for i in created],
            "documents": [d.kind for d in stored],
        },
    )
    return meeting


@transaction.atomic
def meeting_item_vote_record(
    *, actor: User, meeting: Meeting, item: ItemVote, perm: str | None = None, perm_obj=None
) -> MeetingItem:
    """Add one agenda item's vote to a recorded meeting (the next number)."""
    _authorize(actor, perm, perm_obj, meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("area").get(pk=meeting.pk)
    if meeting.body_id is not None:
        raise DomainError(_("召集的会议请按议程逐项表决。"), code="agenda")
    if not meeting.quorate:
        raise DomainError(
            _("会议不足法定人数，表决无效，未记录（%(reason)s）。") % {"reason": meeting.quorum_reason}
        )
    number = (meeting.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    created = _item_create(meeting, item, actor=actor, number=number, roll=list(meeting.roll.order_by("id")))
    audit_event_record(
        actor=actor,
        verb="meeting.item_voted",
        target=created,
        area=meeting.area,
        summary={**_item_summary(created), "verdict": created.vote_reason},
    )
    return created


@transaction.atomic
def meeting_item_confirm(
    *, actor: User, item: MeetingItem, perm: str | None = None, perm_obj=None
) -> MeetingItem:
    """A second person confirms the counts of a vote (复核): never the one who counted it, once."""
    _authorize(actor, perm, perm_obj, item)
    item = MeetingItem.objects.select_for_update(of=("self",)).select_related("meeting__area").get(pk=item.pk)
    if item.counted_by_id == actor.pk:
        raise DomainError(_("票数须由记录人以外的另一人复核。"))
    if item.confirmed_by_id is not None:
        raise Conflict(_("这项表决的票数已经复核过了。"))
    item.confirmed_by, item.confirmed_at = actor, timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_event_record(
        actor=actor,
        verb="meeting.item_confirmed",
        target=item,
        area=item.meeting.area,
        summary={
            "title": item.title,
            "in_favour": item.in_favour,
            "against": item.against,
            "abstaining": item.abstaining,
        },
    )
    return item


# --- The minutes and the sign-in sheet ------------------------------------------------------


def meeting_document_check(upload) -> None:
    """A PDF (by its first bytes, not its name; safe to open, core.pdfs) or an image, at most DOCUMENT_MAX.

    The forms call it too, so a bad file is answered on the form before the action runs."""
    if upload is None:
        return
    if upload.size > DOCUMENT_MAX:
        raise DomainError(_("文件不能超过 10 MB。"))
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-" and not (upload.content_type or "").startswith("image/"):
        raise DomainError(_("请上传 PDF 文件或照片（JPG、PNG）。"))
    if head == b"%PDF-":
        pdf_check(upload.read(), name=upload.name or _("会议记录"), max_bytes=DOCUMENT_MAX, field=None)
        upload.seek(0)


def meeting_document_store(*, actor: User, meeting: Meeting, kind: str, upload) -> MeetingDocument:
    """Store the minutes or the sign-in sheet: images cleaned like every photo, PDFs kept as sent
    (0600, under DATA_DIR/meetings/). Called inside the action that records the meeting."""
    from gongzhi.photos.actions import file_write_atomically, photo_store

    meeting_document_check(upload)
    content = upload.read()
    if content[:5] == b"%PDF-":
        relative = PurePosixPath(PDF_DIR, f"{uuid.uuid4()}.pdf")
        file_write_atomically(Path(settings.DATA_DIR) / relative, content)
        return MeetingDocument.objects.create(
            meeting=meeting,
            kind=kind,
            pdf_path=str(relative),
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
        )
    photo = photo_store(actor=actor, upload=content)
    return MeetingDocument.objects.create(
        meeting=meeting,
        kind=kind,
        photo=photo,
        content_type=photo.content_type,
        size=photo.size,
        sha256=photo.sha256,
        uploaded_by=actor,
    )
