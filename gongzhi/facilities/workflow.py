"""The lifecycle of a booking, as data (gongzhi.core.lifecycle).

    booking:  pending ──approve──▶ approved ──cancel──▶ cancelled   (the booker or the staff, before the start)
                 ├──refuse──▶ refused (with a reason)
                 └──cancel──▶ cancelled
    (a facility that needs no approval books straight into `approved`)

A pending booking holds its slot as an approved one does, so two people never wait for the same hour.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register

from .models import Booking, BookingState


def _not_started(booking: Booking) -> bool:
    return booking.starts_at > timezone.now()


BOOKING = lifecycle_register(
    Lifecycle(
        model="facilities.Booking",
        states=dict(BookingState.choices),
        initial=BookingState.PENDING,
        closed=frozenset({BookingState.REFUSED, BookingState.CANCELLED}),
        closed_at_field="closed_at",
        moves=(
            Move(
                "approve",
                frozenset({BookingState.PENDING}),
                BookingState.APPROVED,
                _("同意"),
                permission="facilities.decide",
                guards=(Guard(_not_started, Refusal(_("预约的时间已经过去，不能再审批。"), "past")),),
                refusals={
                    BookingState.APPROVED: Refusal(_("这个预约已经同意了。"), "already_approved"),
                    BookingState.REFUSED: Refusal(_("这个预约已经不同意了。"), "already_refused"),
                    BookingState.CANCELLED: Refusal(_("这个预约已经取消了。"), "already_cancelled"),
                },
            ),
            Move(
                "refuse",
                frozenset({BookingState.PENDING}),
                BookingState.REFUSED,
                _("不同意"),
                permission="facilities.decide",
                refusals={
                    BookingState.APPROVED: Refusal(
                        _("这个预约已经同意了；如确需取消，请联系预约人后取消。"), "already_approved"
                    ),
                    BookingState.REFUSED: Refusal(_("这个预约已经不同意了。"), "already_refused"),
                    BookingState.CANCELLED: Refusal(_("这个预约已经取消了。"), "already_cancelled"),
                },
            ),
            Move(
                "cancel",
                frozenset({BookingState.PENDING, BookingState.APPROVED}),
                BookingState.CANCELLED,
                _("取消预约"),
                permission="facilities.cancel_booking",
                guards=(Guard(_not_started, Refusal(_("预约的时间已经开始，不能再取消。"), "started")),),
                refusals={
                    BookingState.REFUSED: Refusal(_("这个预约没有被同意，不用取消。"), "already_refused"),
                    BookingState.CANCELLED: Refusal(_("这个预约已经取消了。"), "already_cancelled"),
                },
            ),
        ),
    )
)
