"""Convening and holding a meeting of a body (gongzhi.bodies): notice, roll, quorum, votes, witness, minutes.

    meeting_convene ──▶ convened: notice (lead time, or an urgency reason) and agenda; the roll from the body;
        │                 every member with an account told (notices)
        ├─ meeting_roll_mark: present, absent, by proxy (where the body allows), online or in person
        ├─ meeting_roll_close ──hold──▶ held: 应到/实到 computed, the quorum by core.quorum stored
        │     ├─ meeting_agenda_ballot_open (balloting.py): a secret ballot online for those attending online
        │     └─ meeting_agenda_vote: one agenda item's vote (refused before a quorum: nothing stored)
        │           └─ meeting_item_confirm (recording.py): a second person confirms the counts
        ├─ meeting_witness_name / meeting_witness_sign: a supervisory-committee member witnesses, signs off
        ├─ meeting_minutes_record: the minutes (text, and the scanned pages)
        ├─ meeting_close ──close──▶ closed (every counted vote confirmed, the minutes written)
        └─ meeting_cancel ──cancel──▶ cancelled (with a reason; those told are told again)

The lead time is gongzhi.meetings.statute's (村民委员会组织法 art. 21 for the
villagers' meeting). A named roll (committees, representatives, party
members, the joint meeting) is the body's roll on the meeting day
(`bodies.selectors.body_roll`), one line per person: 应到 and 实到 are
counted from the lines, never typed. A whole meeting or a group's meeting
is counted from the register (adults, households) and the clerk enters
those present. A meeting short of its quorum is held without quorum and
takes no vote; a new one may follow it (`follows`).

Who may: `meetings.record` over the body's community (its staff); the
witness signs as themselves (`meetings.witness`). Every action authorizes
first, locks the meeting, refuses bad input with a Chinese message before
writing anything, and writes its audit row in the same transaction.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import Body, BodyKind
from gongzhi.bodies.selectors import body_of_kind, body_roll, memberships_current
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.quorum import MAJORITIES, RULES, meeting_check
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident

from .. import statute
from ..models import (
    Attendance,
    Meeting,
    MeetingAgendaItem,
    MeetingItem,
    MeetingMember,
    MeetingMethod,
    MeetingState,
)
from .balloting import meeting_agenda_ballot_tally, meeting_vote_open_check
from .recording import NAME_MAX, PLACE_MAX, TITLE_MAX, ItemVote, _item_create, _item_summary, _roll_counts
from .recording import meeting_document_store as _document_store

AGENDA_MAX, MEETING_TITLE_MAX, REASON_MAX, MINUTES_MAX = 30, 100, 300, 20000
COUNTED_KINDS = frozenset({BodyKind.ASSEMBLY, BodyKind.GROUP})


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda item as planned: its title, the method of voting, the majority (None: the body's rule's)."""

    title: str
    method: str = MeetingMethod.SHOW_OF_HANDS
    majority: str | None = None


@dataclass(frozen=True)
class RollMark:
    """The clerk's mark on one line of the roll."""

    member_id: int
    attendance: str
    online: bool = False
    proxy_name: str = ""
    proxy_resident: Any = None  # a Resident, when the proxy is on the register


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("area", "body").get(pk=meeting.pk)


def _counted(meeting: Meeting) -> bool:
    return meeting.body is not None and meeting.body.kind in COUNTED_KINDS


def _notify(meeting: Meeting, users: Iterable[User | None], *, title: str, body: str) -> int:
    url = reverse("meetings:detail", args=[meeting.pk])
    sent = 0
    for user in users:
        if user is not None and user.is_active:
            notice_send(recipient=user, kind="meeting.notice", title=title, body=body, url=url)
            sent += 1
    return sent


def _called_users(meeting: Meeting) -> list[User | None]:
    """Who is called: the roll's members with an account; for a whole or a group's meeting, every adult of
    the register in its area with an account (gongzhi has no public announcement board yet)."""
    if not _counted(meeting):
        return [m.user for m in meeting.roll.select_related("user") if m.user is not None]
    body = meeting.body
    assert body is not None
    area = body.group if body.kind == BodyKind.GROUP and body.group is not None else body.area
    try:
        born_by = meeting.held_on.replace(year=meeting.held_on.year - 18)
    except ValueError:  # 29 February
        born_by = meeting.held_on.replace(year=meeting.held_on.year - 18, day=28)
    return [
        r.user
        for r in Resident.objects.filter(
            area_path__startswith=area.path, status="active", birth_date__lte=born_by, user__isnull=False
        ).select_related("user")
    ]


def _when(meeting: Meeting) -> str:
    day = meeting.held_on.isoformat()
    return f"{day} {meeting.starts_at:%H:%M}" if meeting.starts_at else day


def _agenda_entries(body: Body, agenda: Iterable[AgendaEntry]) -> list[AgendaEntry]:
    entries = [entry for entry in agenda if (entry.title or "").strip()]
    if not entries:
        raise DomainError(_("请至少列出一项议程。"), field="agenda")
    if len(entries) > AGENDA_MAX:
        raise DomainError(_("议程不能超过%(n)d项。") % {"n": AGENDA_MAX}, field="agenda")
    default = RULES[body.meeting_rule].default_majority
    cleaned = []
    for entry in entries:
        title = text_clean(entry.title, label=_("议题"), field="agenda", minimum=1, maximum=TITLE_MAX)
        if entry.method not in MeetingMethod.values:
            raise DomainError(_("未知的表决方式。"), field="agenda")
        majority = entry.majority or default
        if majority not in MAJORITIES:
            raise DomainError(_("未知的通过条件。"), field="agenda")
        cleaned.append(AgendaEntry(title, entry.method, majority))
    return cleaned


@transaction.atomic
def meeting_convene(
    *,
    actor: User,
    body: Body,
    held_on: dt.date | None,
    place: str,
    agenda: Iterable[AgendaEntry],
    starts_at: dt.time | None = None,
    title: str = "",
    urgency_reason: str = "",
    follows: Meeting | None = None,
) -> Meeting:
    """Convene a meeting of `body`: the notice (with the lead time, or an urgency reason), the agenda and the
    roll on the meeting day; everyone called who has an account is told."""
    authorize(actor, "meetings.record", body)
    body = Body.objects.select_related("area", "group").get(pk=body.pk)
    if not body.active:
        raise DomainError(_("「%(body)s」已停用，不能召集会议。") % {"body": body.name}, field="body")
    if held_on is None:
        raise DomainError(_("请填写会议日期。"), field="held_on")
    today = timezone.localdate()
    if held_on < today:
        raise DomainError(_("会议日期不能早于今天。"), field="held_on")
    place = text_clean(place, label=_("会议地点"), field="place", minimum=1, maximum=PLACE_MAX)
    title = text_clean(title, label=_("会议名称"), field="title", minimum=0, maximum=MEETING_TITLE_MAX)
    title = title or _("%(day)s%(body)s") % {"day": held_on.strftime("%Y年%m月%d日"), "body": body.name}
    entries = _agenda_entries(body, agenda)
    lead = statute.lead_time(body.meeting_rule, body.notice_days)
    given = statute.notice_days_given(today, held_on)
    urgency_reason = text_clean(
        urgency_reason, label=_("紧急召开的理由"), field="urgency_reason", minimum=0, maximum=REASON_MAX
    )
    if given < lead.days and not urgency_reason:
        raise DomainError(
            statute.notice_short_message(lead, given), field="urgency_reason", code="notice_short"
        )
    if given >= lead.days:
        urgency_reason = ""  # a notice in time needs no excuse
    if follows is not None:
        follows = Meeting.objects.select_for_update(of=("self",)).get(pk=follows.pk)
        if follows.body_id != body.pk or follows.state not in (MeetingState.HELD, MeetingState.CLOSED):
            raise DomainError(_("只能为本组织已召开的会议再次召集。"), field="follows")
        if follows.quorate:
            raise DomainError(_("那次会议已达法定人数，无需再次召集。"), field="follows")
    roll = body_roll(body, held_on)
    if roll.adults is None and not roll.seats:
        raise DomainError(
            _("「%(body)s」在会议当天没有应到人员，请先登记组织成员。") % {"body": body.name}, field="body"
        )
    if roll.adults is not None and not roll.adults:
        raise DomainError(_("登记簿上没有十八周岁以上的居民，无法召集会议。"), field="body")
    meeting = Meeting.objects.create(
        body=body,
        body_kind=body.meeting_rule,
        area=body.area,
        area_path=body.area.path,
        held_on=held_on,
        starts_at=starts_at,
        place=place,
        title=title,
        state=MeetingState.CONVENED,
        noticed_at=timezone.now(),
        notice_days=lead.days,
        notice_law=lead.law[:200],
        urgency_reason=urgency_reason,
        follows=follows,
        present=0,
        members=roll.members,
        adults=roll.adults,
        households=roll.households,
        quorate=False,
        recorded_by=actor,
    )
    MeetingMember.objects.bulk_create(
        [
            MeetingMember(
                meeting=meeting,
                name=seat.resident.name[:NAME_MAX],
                resident=seat.resident,
                user_id=seat.resident.user_id,
                post=seat.post[:40],
                present=False,
            )
            for seat in roll.seats
        ]
    )
    MeetingAgendaItem.objects.bulk_create(
        [
            MeetingAgendaItem(
                meeting=meeting, number=n, title=e.title, method=e.method, majority=e.majority or "present"
            )
            for n, e in enumerate(entries, start=1)
        ]
    )
    lines = [f"{n}. {e.title}" for n, e in enumerate(entries, start=1)]
    told = _notify(
        meeting,
        _called_users(meeting),
        title=_("会议通知：%(title)s") % {"title": title},
        body=_("时间：%(when)s\n地点：%(place)s\n议程：\n%(agenda)s")
        % {"when": _when(meeting), "place": place, "agenda": "\n".join(lines)}
        + (("\n" + _("紧急召开：%(reason)s") % {"reason": urgency_reason}) if urgency_reason else ""),
    )
    audit_event_record(
        actor=actor,
        verb="meeting.convened",
        target=meeting,
        area=body.area,
        summary={
            "body": body.name,
            "title": title,
            "date": held_on.isoformat(),
            "place": place,
            "notice_days": given,
            "lead_days": lead.days,
            "urgency_reason": urgency_reason,
            "agenda": [e.title for e in entries],
            "roll": len(roll.seats) if roll.adults is None else roll.adults,
            "told": told,
            **({"follows": follows.pk} if follows is not None else {}),
        },
    )
    return meeting


def _not_before_the_day(meeting: Meeting) -> None:
    if meeting.held_on > timezone.localdate():
        raise DomainError(
            _("会议定于%(day)s召开，当天才能点名。") % {"day": meeting.held_on.isoformat()}, code="not_yet"
        )


def _proxy_key(member: MeetingMember) -> tuple[str, str]:
    if member.proxy_resident_id is not None:
        return ("resident", str(member.proxy_resident_id))
    return ("name", "".join(member.proxy_name.split()))


@transaction.atomic
def meeting_roll_mark(*, actor: User, meeting: Meeting, marks: Iterable[RollMark]) -> Meeting:
    """Mark lines of a named roll: present (in person or online), absent, or present by proxy."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    lifecycle_check(meeting, "hold")
    _not_before_the_day(meeting)
    if _counted(meeting):
        raise DomainError(_("这种会议按人数点名：请在确认到会人数时填写实到人数。"), field="roll")
    body = meeting.body
    assert body is not None
    roll = {m.pk: m for m in meeting.roll.select_related("resident", "proxy_resident")}
    changed: dict[int, MeetingMember] = {}
    for mark in marks:
        member = roll.get(mark.member_id)
        if member is None:
            raise DomainError(_("只能为本次会议应到名单上的人点名。"), field="roll")
        if mark.attendance not in Attendance.values:
            raise DomainError(_("出席情况应为到会、缺席或委托到会。"), field="roll")
        proxy_name, proxy_resident = "", None
        if mark.attendance == Attendance.PROXY:
            if not body.proxies_allowed:
                raise DomainError(
                    _("「%(body)s」的会议不允许委托他人到会。") % {"body": body.name},
                    field="roll",
                    code="no_proxy",
                )
            proxy_resident = mark.proxy_resident
            proxy_name = proxy_resident.name if proxy_resident is not None else mark.proxy_name
            proxy_name = text_clean(proxy_name, label=_("受托人"), field="roll", minimum=1, maximum=NAME_MAX)
            if proxy_resident is not None and proxy_resident.pk == member.resident_id:
                raise DomainError(_("受托人不能是本人。"), field="roll")
        member.attendance = mark.attendance
        member.present = mark.attendance in (Attendance.PRESENT, Attendance.PROXY)
        member.online = bool(mark.online) and mark.attendance == Attendance.PRESENT
        member.proxy_name, member.proxy_resident = proxy_name, proxy_resident
        changed[member.pk] = member
    if not changed:
        raise DomainError(_("没有要登记的点名。"), field="roll")
    # A proxy is another person, counted once: not a member who is due themselves, and for one member only.
    seated = {("resident", str(m.resident_id)) for m in roll.values() if m.resident_id} | {
        ("name", "".join(m.name.split())) for m in roll.values()
    }
    proxies = Counter(_proxy_key(m) for m in roll.values() if m.attendance == Attendance.PROXY)
    for member in roll.values():
        if member.attendance != Attendance.PROXY:
            continue
        key = _proxy_key(member)
        named = ("name", "".join(member.proxy_name.split()))
        if key in seated or named in seated:
            raise DomainError(
                _("受托人%(name)s本人也在应到名单上，不能再代表他人到会。") % {"name": member.proxy_name},
                field="roll",
            )
        if proxies[key] > 1:
            raise DomainError(
                _("%(name)s只能受一人委托到会。") % {"name": member.proxy_name},
                field="roll",
                code="proxy_twice",
            )
    MeetingMember.objects.bulk_update(
        list(changed.values()), ["attendance", "present", "online", "proxy_name", "proxy_resident"]
    )
    tally = Counter(m.attendance for m in roll.values())
    audit_event_record(
        actor=actor,
        verb="meeting.roll_marked",
        target=meeting,
        area=meeting.area,
        summary={
            "title": meeting.title,
            "marked": len(changed),
            "present": tally[Attendance.PRESENT],
            "proxy": tally[Attendance.PROXY],
            "absent": tally[Attendance.ABSENT],
            "online": sum(1 for m in roll.values() if m.online),
        },
    )
    return meeting


@transaction.atomic
def meeting_roll_close(
    *,
    actor: User,
    meeting: Meeting,
    present: int | None = None,
    households_present: int | None = None,
    remark: str = "",
) -> Meeting:
    """Close the roll: 应到/实到 computed (a named roll) or entered (a whole meeting), the quorum computed by
    core.quorum with the body's rule and stored; the meeting is held, with or without its quorum."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    lifecycle_check(meeting, "hold")
    _not_before_the_day(meeting)
    body = meeting.body
    assert body is not None
    remark = text_clean(remark, label=_("点名说明"), field="remark", minimum=0, maximum=REASON_MAX)
    figures: dict[str, int | None]
    if _counted(meeting):
        if present is None:
            raise DomainError(_("请填写实到人数。"), field="present")
        roll = body_roll(body, meeting.held_on)
        figures = _roll_counts(
            meeting.body_kind,
            {
                "members": None,
                "adults": roll.adults,
                "households": roll.households,
                "households_present": households_present,
            },
        )
        there = present
    else:
        lines = list(meeting.roll.all())
        unmarked = sum(1 for m in lines if not m.attendance)
        if unmarked:
            raise DomainError(
                _("还有%(n)d人未点名（到会、缺席或委托到会）。") % {"n": unmarked},
                field="roll",
                code="unmarked",
            )
        there = sum(1 for m in lines if m.present)
        figures = {"members": len(lines), "adults": None, "households": None, "households_present": None}
    quorum = meeting_check(meeting.body_kind, present=there, in_favour=0, **figures)  # type: ignore[arg-type]
    moved = lifecycle_move(
        meeting,
        "hold",
        actor=actor,
        audit_verb="meeting.roll_closed",
        area=meeting.area,
        changes={
            "present": there,
            **figures,
            "quorate": quorum.quorate,
            "quorum_reason": quorum.quorum_reason[:500],
            "roll_closed_at": timezone.now(),
            "roll_closed_by": actor,
        },
        summary={
            "title": meeting.title,
            "present": there,
            **{k: v for k, v in figures.items() if v is not None},
            "quorate": quorum.quorate,
            "quorum": quorum.quorum_reason,
            **({"remark": remark} if remark else {}),
        },
    )
    return moved.obj


@transaction.atomic
def meeting_agenda_vote(
    *,
    actor: User,
    agenda_item: MeetingAgendaItem,
    in_favour: int = 0,
    against: int = 0,
    abstaining: int = 0,
    votes: Mapping[int, str] | None = None,
) -> MeetingItem:
    """Record the vote on one agenda item: counts (show of hands, paper ballot) or named votes (roll call) of
    those present; the verdict by core.quorum with the item's majority. Refused, with nothing stored, before
    the roll shows a quorum."""
    authorize(actor, "meetings.record", agenda_item.meeting)
    meeting = _locked(agenda_item.meeting)
    agenda_item = MeetingAgendaItem.objects.select_for_update(of=("self",)).get(pk=agenda_item.pk)
    meeting_vote_open_check(meeting)
    if agenda_item.vote_id is not None:
        raise Conflict(_("这项议程已经表决过了。"))
    named = {}
    if votes:
        if agenda_item.method != MeetingMethod.ROLL_CALL:
            raise DomainError(_("只有记名表决才记录每个人的表决意见。"), field="votes")
        roll = {m.pk: m for m in meeting.roll.all()}
        for member_id, choice in votes.items():
            if member_id not in roll:
                raise DomainError(_("记名表决只能记录本次会议到会人员的意见。"), field="votes")
            named[roll[member_id]] = choice
    elif agenda_item.method == MeetingMethod.ROLL_CALL:
        raise DomainError(_("记名表决请逐一记录到会人员的意见。"), field="votes")
    online: dict[str, int] = {}
    if agenda_item.method == MeetingMethod.SECRET_BALLOT:
        # those online voted in the ballots kernel's box: its tally is added to the paper ballot's counts
        online = meeting_agenda_ballot_tally(actor=actor, agenda_item=agenda_item, meeting=meeting)
    created = _item_create(
        meeting,
        ItemVote(
            agenda_item.title,
            in_favour=in_favour + online.get("in_favour", 0),
            against=against + online.get("against", 0),
            abstaining=abstaining + online.get("abstaining", 0),
            method=agenda_item.method,
            majority=agenda_item.majority,
            votes=named,
        ),
        actor=actor,
        number=agenda_item.number,
        roll=[],
    )
    agenda_item.vote = created
    agenda_item.save(update_fields=["vote"])
    audit_event_record(
        actor=actor,
        verb="meeting.item_voted",
        target=created,
        area=meeting.area,
        summary={
            **_item_summary(created),
            "number": created.number,
            "verdict": created.vote_reason,
            **({"online": online} if online else {}),
        },
    )
    return created


def _supervisors(meeting: Meeting):
    supervisory = body_of_kind(meeting.area, BodyKind.SUPERVISORY)
    if supervisory is None:
        return None
    return memberships_current(supervisory, meeting.held_on)


def meeting_witness_candidates(meeting: Meeting) -> list[Resident]:
    """The current members of the community's supervisory committee on the meeting day."""
    current = _supervisors(meeting)
    return [m.resident for m in current] if current is not None else []


@transaction.atomic
def meeting_witness_name(*, actor: User, meeting: Meeting, resident: Resident) -> Meeting:
    """Name a member of the community's supervisory committee as the meeting's witness (told by a notice)."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    if meeting.body_id is None or meeting.state not in (MeetingState.CONVENED, MeetingState.HELD):
        raise DomainError(_("只有召集中或已召开的会议才能确定见证人。"), code="not_open")
    if meeting.witness_signed_at is not None:
        raise Conflict(_("见证人已经签字，不能更换。"))
    current = _supervisors(meeting)
    if current is None or not current.filter(resident=resident).exists():
        raise DomainError(_("见证人须是本村(社区)监督委员会的现任成员。"), field="witness")
    if resident.user_id is None:
        raise DomainError(_("这位监委会成员还没有账号，无法在系统中签字见证。"), field="witness")
    meeting.witness = resident
    meeting.save(update_fields=["witness"])
    _notify(
        meeting,
        [resident.user],
        title=_("请见证会议：%(title)s") % {"title": meeting.title},
        body=_("时间：%(when)s\n地点：%(place)s") % {"when": _when(meeting), "place": meeting.place},
    )
    audit_event_record(
        actor=actor,
        verb="meeting.witness_named",
        target=meeting,
        area=meeting.area,
        summary={"title": meeting.title, "witness": resident.name},
    )
    return meeting


@transaction.atomic
def meeting_witness_sign(*, actor: User, meeting: Meeting, note: str = "") -> Meeting:
    """The witness signs the meeting off (监督见证), as themselves, once the meeting has been held."""
    meeting = _locked(meeting)  # who the witness is: as stored, not as the caller's copy says
    authorize(actor, "meetings.witness", meeting)
    if meeting.state not in (MeetingState.HELD, MeetingState.CLOSED):
        raise DomainError(_("会议召开后才能签字见证。"), code="not_held")
    if meeting.witness_signed_at is not None:
        raise Conflict(_("您已经签字见证过了。"))
    note = text_clean(note, label=_("监督意见"), field="note", minimum=0, maximum=REASON_MAX)
    meeting.witness_signed_at, meeting.witness_note = timezone.now(), note
    meeting.save(update_fields=["witness_signed_at", "witness_note"])
    audit_event_record(
        actor=actor,
        verb="meeting.witnessed",
        target=meeting,
        area=meeting.area,
        summary={"title": meeting.title, "note": note},
    )
    return meeting


@transaction.atomic
def meeting_minutes_record(
    *, actor: User, meeting: Meeting, minutes: str, documents: Mapping | None = None
) -> Meeting:
    """Write the minutes (and attach the scanned minutes or sign-in sheet) of a meeting that was held."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    if meeting.body_id is None or meeting.state != MeetingState.HELD:
        raise DomainError(_("只有已召开、尚未结束的会议才能填写会议记录。"), code="not_held")
    minutes = text_clean(minutes, label=_("会议记录"), field="minutes", minimum=1, maximum=MINUTES_MAX)
    meeting.minutes = minutes
    meeting.save(update_fields=["minutes"])
    stored = [
        _document_store(actor=actor, meeting=meeting, kind=kind, upload=upload)
        for kind, upload in (documents or {}).items()
        if upload
    ]
    audit_event_record(
        actor=actor,
        verb="meeting.minutes_recorded",
        target=meeting,
        area=meeting.area,
        summary={"title": meeting.title, "length": len(minutes), "documents": [d.kind for d in stored]},
    )
    return meeting


@transaction.atomic
def meeting_close(*, actor: User, meeting: Meeting) -> Meeting:
    """Close a held meeting: its minutes written and every counted vote confirmed by a second person."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    lifecycle_check(meeting, "close")
    if not meeting.minutes:
        raise DomainError(_("请先填写会议记录，再结束会议。"), field="minutes", code="no_minutes")
    moved = lifecycle_move(
        meeting,
        "close",
        actor=actor,
        audit_verb="meeting.closed",
        area=meeting.area,
        changes={"closed_at": timezone.now()},
        summary={
            "title": meeting.title,
            "quorate": meeting.quorate,
            "items": meeting.items.count(),
            "passed": meeting.items.filter(passed=True).count(),
        },
    )
    return moved.obj


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a convened meeting with a reason; everyone told of it is told it is off."""
    authorize(actor, "meetings.record", meeting)
    meeting = _locked(meeting)
    lifecycle_check(meeting, "cancel")
    reason = text_clean(reason, label=_("取消原因"), field="reason", minimum=2, maximum=REASON_MAX)
    moved = lifecycle_move(
        meeting,
        "cancel",
        actor=actor,
        audit_verb="meeting.cancelled",
        area=meeting.area,
        changes={"cancel_reason": reason},
        summary={"title": meeting.title, "date": meeting.held_on.isoformat(), "reason": reason},
    )
    _notify(
        moved.obj,
        _called_users(moved.obj),
        title=_("会议取消：%(title)s") % {"title": meeting.title},
        body=_("原定%(when)s召开的会议取消。原因：%(reason)s") % {"when": _when(meeting), "reason": reason},
    )
    return moved.obj
