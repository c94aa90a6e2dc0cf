"""An agenda item put to a secret ballot, online for the members attending online (gongzhi.ballots).

    meeting_agenda_ballot_open ── a ballot box of the kernel (gongzhi.ballots) for the item: the members marked
        │                          present online who have an account, for `minutes`; each is told by a notice
        ▼
    meeting_agenda_vote (convening.py) ── closes the box if still open; the item's counts are the paper ballot's
                                          (those in the room) plus the box's tally (those online)

The box is the ballots kernel's: one ballot per member, unlinkable from the voter, a receipt to check
inclusion (decision 0038). Who may: `meetings.record` over the meeting (the box remembers it: closing asks
the same). Only after the roll shows a quorum, for an item planned as a secret ballot and not yet voted.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.ballots.actions import FOR_AGAINST_ABSTAIN, ballot_box_close, ballot_box_open
from gongzhi.ballots.models import BallotBox
from gongzhi.ballots.selectors import ballot_box_of_owner, ballot_box_results
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.notices.actions import notice_send

from ..models import Attendance, Meeting, MeetingAgendaItem, MeetingMethod, MeetingState

ONLINE_PURPOSE = "meeting_item"
QUESTION = "vote"
MINUTES_RANGE = (5, 24 * 60)


def meeting_agenda_box_of(agenda_item: MeetingAgendaItem) -> BallotBox | None:
    """The online ballot box of an agenda item, if one was opened."""
    return ballot_box_of_owner(
        app="meetings", model="meetingagendaitem", owner_id=agenda_item.pk, purpose=ONLINE_PURPOSE
    ).first()


def meeting_vote_open_check(meeting: Meeting) -> None:
    """A vote (or an online ballot) needs a held meeting whose roll showed its quorum."""
    if meeting.state == MeetingState.CONVENED:
        raise DomainError(_("会议还没有确认到会人数：请先点名，确认符合法定人数后再表决。"), code="roll_open")
    if meeting.state != MeetingState.HELD:
        raise DomainError(
            _("会议现在是“%(state)s”，不能再表决。") % {"state": meeting.get_state_display()}, code="not_held"
        )
    if not meeting.quorate:
        raise DomainError(
            _("会议不足法定人数，不能表决（%(reason)s）。") % {"reason": meeting.quorum_reason},
            code="inquorate",
        )


@transaction.atomic
def meeting_agenda_ballot_open(
    *, actor: User, agenda_item: MeetingAgendaItem, minutes: int = 30
) -> BallotBox:
    """Open the online ballot of a secret-ballot agenda item for the members present online."""
    authorize(actor, "meetings.record", agenda_item.meeting)
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("area").get(pk=agenda_item.meeting_id)
    )
    agenda_item = MeetingAgendaItem.objects.select_for_update(of=("self",)).get(pk=agenda_item.pk)
    meeting_vote_open_check(meeting)
    if agenda_item.vote_id is not None:
        raise Conflict(_("这项议程已经表决过了。"))
    if agenda_item.method != MeetingMethod.SECRET_BALLOT:
        raise DomainError(_("只有无记名投票的议程才能线上投票。"), code="not_secret")
    if meeting_agenda_box_of(agenda_item) is not None:
        raise Conflict(_("这项议程的线上投票已经开启。"))
    low, high = MINUTES_RANGE
    if not isinstance(minutes, int) or not low <= minutes <= high:
        raise DomainError(
            _("线上投票时长应为%(low)d至%(high)d分钟。") % {"low": low, "high": high}, field="minutes"
        )
    voters = [
        m.user
        for m in meeting.roll.filter(
            attendance=Attendance.PRESENT, online=True, user__isnull=False
        ).select_related("user")
        if m.user is not None and m.user.is_active
    ]
    if not voters:
        raise DomainError(_("没有线上参会且有账号的到会人员，无法开启线上投票。"), code="no_online")
    closes_at = timezone.now() + dt.timedelta(minutes=minutes)
    box = ballot_box_open(
        actor=actor,
        area=meeting.area,
        title=f"{meeting.title}：{agenda_item.title}"[:200],
        questions=[
            {
                "key": QUESTION,
                "text": agenda_item.title,
                "options": [{"key": o["key"], "label": str(o["label"])} for o in FOR_AGAINST_ABSTAIN],
            }
        ],
        voters=voters,
        closes_at=closes_at,
        purpose=ONLINE_PURPOSE,
        owner=("meetings", "meetingagendaitem", agenda_item.pk),
        perm="meetings.record",
        perm_obj=meeting,
    )
    url = reverse("ballots:box", args=[box.pk])
    for voter in voters:
        notice_send(
            recipient=voter,
            kind="meeting.ballot",
            title=_("请投票：%(title)s") % {"title": agenda_item.title},
            body=_("%(meeting)s 第%(n)d项议程无记名投票，%(until)s截止。")
            % {
                "meeting": meeting.title,
                "n": agenda_item.number,
                "until": timezone.localtime(closes_at).strftime("%H:%M"),
            },
            url=url,
        )
    audit_event_record(
        actor=actor,
        verb="meeting.ballot_opened",
        target=meeting,
        area=meeting.area,
        summary={
            "title": agenda_item.title,
            "number": agenda_item.number,
            "voters": len(voters),
            "closes_at": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    return box


def meeting_agenda_ballot_tally(
    *, actor: User, agenda_item: MeetingAgendaItem, meeting: Meeting
) -> dict[str, int]:
    """Close the item's box if it is still open and read its tally (called inside the vote's transaction)."""
    box = meeting_agenda_box_of(agenda_item)
    if box is None:
        return {}
    if box.closed_at is None:
        box = ballot_box_close(actor=actor, box=box, perm_obj=meeting)
    results = ballot_box_results(box)
    counts = {key: votes for key, _label, votes in results.questions[0].counts}
    return {
        "in_favour": counts.get("for", 0),
        "against": counts.get("against", 0),
        "abstaining": counts.get("abstain", 0),
    }
