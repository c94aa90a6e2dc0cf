"""The lifecycles of a micro-service offer and of a booking, as data (gongzhi.core.lifecycle).

    offer:    open ──cancel──▶ cancelled     (the offerer or community staff, before the start)
                └──complete──▶ done          (the offerer, once the service has started)
    booking:  booked ──cancel──▶ cancelled   (the booker, whoever typed it, or an assister; before the start)
                 ├──cancel_with_offer──▶ cancelled   (the system, when its offer is cancelled)
                 └──serve──▶ served          (the offerer, once the service has started)

Cancelling an offer cancels its remaining bookings with it: each booking
moves by `cancel_with_offer`, a move nobody is offered (not manual), so each
has its own audit row beside the offer's (gongzhi.offers.actions.offer_cancel).
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register
from gongzhi.core.places import PlacesFlow

from .models import ACTIVE_BOOKING_STATES, Booking, BookingState, OfferState, ServiceOffer

# The offer's places (gongzhi.core.places): booking, cancelling a booking, cancelling the offer with its bookings.
PLACES = PlacesFlow(
    parent=ServiceOffer,
    taking=Booking,
    parent_field="offer",
    by_field="booked_by",
    active_states=ACTIVE_BOOKING_STATES,
    open_state=BookingState.BOOKED,
    parent_related=("community", "offerer"),
    url_name="offers:detail",
    notice_kind="offer",
    taken_verb="booking.created",
    give_back_move="cancel",
    give_back_verb="booking.cancelled",
    cancel_verb="offer.cancelled",
    cancelled_count_key="bookings_cancelled",
    with_parent_move="cancel_with_offer",
    with_parent_verb="booking.cancelled_with_offer",
)
_not_started, _started = PLACES.not_started, PLACES.started


def _nothing_served(offer: ServiceOffer) -> bool:
    return not Booking.objects.filter(offer=offer, state=BookingState.SERVED).exists()


def _offer_not_cancelled(booking: Booking) -> bool:
    return booking.offer.state != OfferState.CANCELLED


def _offer_cancelled(booking: Booking) -> bool:
    return not _offer_not_cancelled(booking)


OFFER = lifecycle_register(
    Lifecycle(
        model="offers.ServiceOffer",
        states=dict(OfferState.choices),
        initial=OfferState.OPEN,
        closed=frozenset({OfferState.CANCELLED, OfferState.DONE}),
        closed_at_field="closed_at",
        moves=(
            Move(
                "cancel",
                frozenset({OfferState.OPEN}),
                OfferState.CANCELLED,
                _("取消"),
                permission="offers.cancel",
                guards=(
                    Guard(
                        _not_started,
                        Refusal(
                            _("服务已经开始，不能再取消；请确认已服务的预约后结束这项服务。"), "offer_started"
                        ),
                    ),
                    Guard(
                        _nothing_served,
                        Refusal(
                            _("服务已经开始，不能再取消；请确认已服务的预约后结束这项服务。"), "offer_started"
                        ),
                    ),
                ),
                refusals={
                    OfferState.CANCELLED: Refusal(_("这项服务已经取消了。"), "offer_cancelled"),
                    OfferState.DONE: Refusal(_("这项服务已完成，不能取消。"), "offer_done"),
                },
            ),
            Move(
                "complete",
                frozenset({OfferState.OPEN}),
                OfferState.DONE,
                _("确认完成"),
                permission="offers.serve",
                guards=(Guard(_started, Refusal(_("服务开始后才能确认完成。"), "not_started")),),
                refusals={
                    OfferState.CANCELLED: Refusal(_("这项服务已取消。"), "offer_cancelled"),
                    OfferState.DONE: Refusal(_("这项服务已经确认完成了。"), "offer_done"),
                },
            ),
        ),
    )
)

BOOKING = lifecycle_register(
    Lifecycle(
        model="offers.Booking",
        states=dict(BookingState.choices),
        initial=BookingState.BOOKED,
        closed=frozenset({BookingState.CANCELLED, BookingState.SERVED}),
        closed_at_field="closed_at",
        moves=(
            Move(
                "cancel",
                frozenset({BookingState.BOOKED}),
                BookingState.CANCELLED,
                _("取消预约"),
                permission="offers.cancel_booking",
                guards=(
                    Guard(
                        _not_started,
                        Refusal(
                            _("服务已经开始，不能再取消预约；如不能参加，请告知服务提供人。"), "offer_past"
                        ),
                    ),
                ),
                refusals={
                    BookingState.CANCELLED: Refusal(_("这个预约已经取消了。"), "already_cancelled"),
                    BookingState.SERVED: Refusal(_("服务已完成，不能取消预约。"), "served"),
                },
            ),
            Move(
                "cancel_with_offer",
                frozenset({BookingState.BOOKED}),
                BookingState.CANCELLED,
                _("随服务取消"),
                manual=False,
                guards=(
                    Guard(
                        _offer_cancelled,
                        Refusal(_("服务没有取消，预约不能随之取消。"), "offer_not_cancelled"),
                    ),
                ),
            ),
            Move(
                "serve",
                frozenset({BookingState.BOOKED}),
                BookingState.SERVED,
                _("确认已服务"),
                permission="offers.serve",
                guards=(
                    Guard(_offer_not_cancelled, Refusal(_("这项服务已取消。"), "offer_cancelled")),
                    Guard(_started, Refusal(_("服务开始后才能确认完成。"), "not_started")),
                ),
                guards_first=True,
                refusals={
                    BookingState.SERVED: Refusal(_("这个预约已经确认过了。"), "served"),
                    BookingState.CANCELLED: Refusal(_("这个预约已取消，不能确认。"), "already_cancelled"),
                },
            ),
        ),
    )
)
