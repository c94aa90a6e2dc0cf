"""Reads of micro-services.

Offers are public — title, place, time, places left and the offerer's name,
never who booked. The list of bookings is for the offerer and staff over the
offer; in it a booker is named in full only to the booker and to staff over
the booked resident, and masked (王**) to everyone else, the offerer included:
the offerer needs the count and a way to greet people, not their identity.
"""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import paths_for
from gongzhi.areas.models import Area
from gongzhi.areas.selectors import communities_public
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.core.masking import mask_name

from .models import ACTIVE_BOOKING_STATES, Booking, BookingState, OfferState, ServiceOffer
from .roles import OFFERERS


def _with_taken(query: QuerySet[ServiceOffer]) -> QuerySet[ServiceOffer]:
    return query.select_related("community", "offerer").annotate(
        taken=Count("bookings", filter=Q(bookings__state__in=ACTIVE_BOOKING_STATES))
    )


def upcoming_for(*, community: Area | None = None) -> QuerySet[ServiceOffer]:
    """Open offers not yet over, soonest first; each with `taken` (active bookings). Public."""
    query = ServiceOffer.objects.filter(state=OfferState.OPEN, ends_at__gt=timezone.now())
    if community is not None:
        query = query.filter(community=community)
    return _with_taken(query).order_by("starts_at", "id")


def places_left(offer: ServiceOffer) -> int:
    taken = getattr(offer, "taken", None)
    if taken is None:
        taken = offer.bookings.filter(state__in=ACTIVE_BOOKING_STATES).count()
    return max(0, offer.places - taken)


def offer_get(offer_id: int) -> ServiceOffer:
    """Any offer, by id: offers hold no personal data (404 if missing)."""
    offer = _with_taken(ServiceOffer.objects.filter(pk=offer_id)).first()
    if offer is None:
        raise NotFound()
    return offer


def communities_for_offerer(*, viewer) -> list[Area]:
    """The communities where the viewer may publish: their role is over the community or a part of it."""
    paths = paths_for(viewer, OFFERERS)
    return [
        c for c in communities_public() if any(c.path.startswith(p) or p.startswith(c.path) for p in paths)
    ]


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "offer", "offer__community", "offer__offerer", "resident", "user", "booked_by"
    )


def bookings_of(*, viewer, offer: ServiceOffer) -> list[Booking]:
    """The active and past bookings of an offer, for its offerer or staff over it."""
    if not can(viewer, "offers.view_bookings", offer):
        raise NotPermitted(_("只有服务发布人和村(社区)工作人员能查看预约名单。"))
    return list(_bookings().filter(offer=offer).order_by("created_at", "id"))


def mine_for(*, viewer) -> QuerySet[Booking]:
    """Bookings for the viewer, or typed by the viewer for a resident; newest first."""
    if not viewer.is_authenticated:
        return Booking.objects.none()
    return _bookings().filter(Q(user=viewer) | Q(booked_by=viewer)).order_by("-created_at", "-id")


def my_offers_for(*, viewer) -> QuerySet[ServiceOffer]:
    if not viewer.is_authenticated:
        return ServiceOffer.objects.none()
    return _with_taken(ServiceOffer.objects.filter(offerer=viewer)).order_by("-starts_at", "-id")


def own_booking(*, viewer, offer: ServiceOffer) -> Booking | None:
    """The viewer's own active booking on this offer (not one typed for someone else)."""
    if not viewer.is_authenticated:
        return None
    return Booking.objects.filter(offer=offer, user=viewer, state__in=ACTIVE_BOOKING_STATES).first()


def booking_get_for(*, viewer, booking_id: int) -> Booking:
    """A booking the viewer is concerned by: theirs, typed by them, on their offer, or in their staff scope.

    Missing and not-yours answer alike (NotFound), so ids cannot be probed.
    """
    booking = _bookings().filter(pk=booking_id).first()
    if booking is None or not viewer.is_authenticated:
        raise NotFound()
    concerned = can(viewer, "offers.see_booker", booking) or can(
        viewer, "offers.view_bookings", booking.offer
    )
    if not concerned:
        raise NotFound()
    return booking


def booker_name(booking: Booking) -> str:
    if booking.resident is not None:
        return booking.resident.name
    return str(booking.user) if booking.user is not None else ""


def booker_label(booking: Booking, *, viewer) -> str:
    """In full to the booker and staff over the resident; masked to the offerer and anyone else."""
    name = booker_name(booking)
    if viewer.is_authenticated and can(viewer, "offers.see_booker", booking):
        return name
    return mask_name(name) or _("一位居民")


def booking_counts(bookings: list[Booking]) -> dict[str, int]:
    counts = {state: 0 for state in BookingState.values}
    for booking in bookings:
        counts[booking.state] += 1
    return counts


def offer_moves_for(user, offer: ServiceOffer) -> dict[str, bool]:
    """Which of the offer's moves this user may make now (the detail page's buttons, the API's allowed_moves)."""
    if not user.is_authenticated:
        return {}
    started = offer.starts_at <= timezone.now()
    is_open = offer.state == OfferState.OPEN
    return {
        **lifecycle_verbs_for(offer, user),  # cancel, complete: declared in gongzhi.offers.workflow
        "book": is_open and not started and can(user, "offers.book_own"),
        "book_assisted": is_open and not started and can(user, "offers.book_assisted"),
        "bookings": can(user, "offers.view_bookings", offer),
    }
