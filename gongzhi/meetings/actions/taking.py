"""Taking a convened meeting's vote as the basis of a feature's record (a decision's stage, the adoption of a
set of rules): the one check every feature makes before it does.

`meeting_agenda_vote_takeable(agenda_item_id, area=..., kinds=...)` answers with the meeting and its vote when
the item is of a meeting of one of `kinds` of bodies in `area`, held (its roll closed) with its quorum, voted,
and — a show of hands — its counts confirmed by a second person; otherwise a Chinese DomainError that says
which of these fails. Whether the vote was already taken for that record is the feature's to check (its own
table knows); whether it passed is the feature's to read (`vote.passed`), as a failing vote is a verdict too.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from gongzhi.bodies.models import BodyKind
from gongzhi.core.errors import DomainError

from ..models import Meeting, MeetingAgendaItem, MeetingItem, MeetingMethod, MeetingState


def meeting_agenda_vote_takeable(
    agenda_item_id: int | None, *, area, kinds: Iterable[str]
) -> tuple[Meeting, MeetingItem, MeetingAgendaItem]:
    kinds = tuple(kinds)
    found = (
        MeetingAgendaItem.objects.select_related("meeting__body", "meeting__area", "vote")
        .filter(pk=agenda_item_id)
        .first()
        if agenda_item_id
        else None
    )
    meeting = found.meeting if found is not None else None
    if (
        found is None
        or meeting is None
        or meeting.body is None
        or meeting.area_id != area.pk
        or meeting.body.kind not in kinds
    ):
        raise DomainError(
            _("请选择本村(社区)%(bodies)s的会议议题。")
            % {"bodies": "、".join(str(BodyKind(kind).label) for kind in kinds)},
            field="agenda_item",
            code="wrong_meeting",
        )
    if meeting.state == MeetingState.CANCELLED:
        raise DomainError(_("这次会议已取消。"), field="agenda_item", code="meeting_cancelled")
    if meeting.state == MeetingState.CONVENED:
        raise DomainError(
            _("这次会议还没有召开（到会名单尚未确认）。"), field="agenda_item", code="meeting_not_held"
        )
    if not meeting.quorate:
        raise DomainError(
            _("这次会议未达到法定人数（%(reason)s），不能作为依据；请重新召集会议。")
            % {"reason": meeting.quorum_reason},
            field="agenda_item",
            code="not_quorate",
        )
    vote = found.vote
    if vote is None:
        raise DomainError(_("这项议题还没有表决。"), field="agenda_item", code="not_voted")
    if vote.method == MeetingMethod.SHOW_OF_HANDS and vote.confirmed_by_id is None:
        raise DomainError(
            _("举手表决的票数还没有经第二人核对，核对后才能采用。"), field="agenda_item", code="not_confirmed"
        )
    return meeting, vote, found
