"""A convened meeting's record as a PDF (WeasyPrint, as the register's household printout): the body, the day
and the place, the notice and its lead time, the roll (names and posts only, no ID numbers), 应到/实到, the
quorum verdict with its rule and law, each item's result and verdict, the witness, the minutes. Watermarked
with who printed it; each print is an audit row holding the file's SHA-256. WeasyPrint fetches nothing."""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.quorum import RULES
from gongzhi.residents.pdf import HTML

from . import statute
from .models import Attendance, Meeting
from .selectors import meeting_agenda_of, meeting_reads_roll, meeting_roll_of


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the meeting record fetches nothing ({url[:40]})")


def meeting_record_context(meeting: Meeting) -> dict:
    roll = list(meeting_roll_of(meeting))
    return {
        "meeting": meeting,
        "rule": RULES.get(meeting.body_kind),
        "given": (
            statute.notice_days_given(timezone.localdate(meeting.noticed_at), meeting.held_on)
            if meeting.noticed_at
            else None
        ),
        "agenda": list(meeting_agenda_of(meeting)),
        "roll": roll,
        "proxies": sum(1 for m in roll if m.attendance == Attendance.PROXY),
        "online": sum(1 for m in roll if m.online),
    }


def meeting_record_pdf(*, actor: User, meeting: Meeting) -> bytes:
    """The record of a meeting the viewer may read in full (fetched through meeting_get_for); audited."""
    if not meeting_reads_roll(actor, meeting):
        raise NotPermitted()
    if meeting.body_id is None:
        raise DomainError(_("只有召集的会议才有会议记录文件。"))
    printed_at = timezone.localtime()
    html = render_to_string(
        "meetings/record_print.html",
        {**meeting_record_context(meeting), "printed_by": actor.label, "printed_at": printed_at},
    )
    data = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="meeting.record_printed",
            target=meeting,
            area=meeting.area,
            summary={"title": meeting.title, "sha256": hashlib.sha256(data).hexdigest()},
        )
    return data
