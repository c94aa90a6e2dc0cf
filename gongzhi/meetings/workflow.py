"""The life of a convened meeting, as data (gongzhi.core.lifecycle).

    convened ──hold (the roll closed, the quorum computed)──▶ held ──close (minutes)──▶ closed
        └──cancel (a reason)──▶ cancelled

A meeting recorded in one go (`meeting_record`) is closed from the start and
never moves. A meeting held without its quorum stays held (and is closed
like any other) with no vote; a new one may be convened to follow it.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register

from .models import MeetingItem, MeetingMethod, MeetingState


def _votes_confirmed(meeting) -> bool:
    """Every show of hands and paper ballot counted by one person has been confirmed by another."""
    return not MeetingItem.objects.filter(
        meeting=meeting,
        method__in=[MeetingMethod.SHOW_OF_HANDS, MeetingMethod.SECRET_BALLOT],
        confirmed_by=None,
    ).exists()


MEETING = lifecycle_register(
    Lifecycle(
        model="meetings.Meeting",
        states=dict(MeetingState.choices),
        initial=MeetingState.CONVENED,
        closed=frozenset({MeetingState.CLOSED, MeetingState.CANCELLED}),
        error=DomainError,
        moves=(
            Move(
                "hold",
                frozenset({MeetingState.CONVENED}),
                MeetingState.HELD,
                _("确认到会人数"),
                permission="meetings.record",
                refused=Refusal(_("会议现在是“%(state)s”，点名已经结束。"), "roll_closed"),
            ),
            Move(
                "close",
                frozenset({MeetingState.HELD}),
                MeetingState.CLOSED,
                _("结束会议"),
                permission="meetings.record",
                guards=(
                    Guard(
                        _votes_confirmed,
                        Refusal(
                            _("还有举手或投票表决的票数未经第二人复核，请复核后再结束会议。"), "unconfirmed"
                        ),
                    ),
                ),
                refused=Refusal(_("会议现在是“%(state)s”，只有已召开的会议才能结束。"), "not_held"),
            ),
            Move(
                "cancel",
                frozenset({MeetingState.CONVENED}),
                MeetingState.CANCELLED,
                _("取消会议"),
                permission="meetings.record",
                refused=Refusal(_("会议现在是“%(state)s”，不能再取消。"), "not_convened"),
            ),
        ),
    )
)
