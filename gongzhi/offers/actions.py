"""The life of a micro-service offer and its bookings (declared as data in gongzhi.offers.workflow).

    offer:    open ──cancel──▶ cancelled            (the offerer or community staff; bookings are cancelled too)
                └───complete──▶ done                (the offerer, once the service has started)
    booking:  booked ──cancel──▶ cancelled          (the booker, whoever typed it, or an assister; before the start)
                 └──serve──▶ served                 (the offerer, once the service has started)

A party member or volunteer publishes an offer for their community: what,
where, when and how many places (1–500), starting in the future. A resident
books a place for themselves; a grid worker, window clerk or community staff
member books one for a resident of the register in their scope, recording
the resident's consent. Booking locks the offer row and counts the active
bookings inside the same transaction, so of many bookers at once exactly
`places` succeed and the rest are told the offer is full (PostgreSQL: the
row lock; SQLite: every write transaction is IMMEDIATE, which serializes
writers). The offerer confirms each booking served, or all at once, which
closes the offer; the first confirmation credits the offer's duration
(rounded to half hours) to the offerer as service hours — once per offer,
however many were served, since the offerer gave that time once.

Every change is an audit event in the same transaction and a notice to the
people concerned: the booker when the offer is cancelled or the service
confirmed, the offerer when someone books or cancels.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.places import assisted_user, place_give_back, place_take, places_cancel, places_times_clean
from gongzhi.core.text import text_clean
from gongzhi.hours.actions import hours_credit
from gongzhi.hours.spans import hours_of_span

from .models import Booking, BookingState, OfferState, ServiceOffer
from .workflow import BOOKING, OFFER, PLACES  # noqa: F401  (registers the lifecycles)

TITLE_MAX, DESCRIPTION_MAX, PLACE_MAX, REASON_MAX = 60, 1000, 100, 200
PLACES_MIN, PLACES_MAX = 1, 500
CREDIT_SOURCE = (
    "service"  # the hours source (registered in apps.py); source_id is the offer's id (one credit per offer)
)


def offer_url(offer: ServiceOffer) -> str:
    return reverse("offers:detail", args=[offer.pk])


def _clean_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    places_times_clean(starts_at, ends_at, too_long=_("一次服务不能超过24小时；多天的服务请分次发布。"))


def _clean_places(places) -> int:
    try:
        number = int(places)
    except (TypeError, ValueError):
        raise DomainError(_("名额请填写整数。"), field="places") from None
    if isinstance(places, float) and places != number:
        raise DomainError(_("名额请填写整数。"), field="places")
    if not PLACES_MIN <= number <= PLACES_MAX:
        raise DomainError(_("名额应在1到500之间。"), field="places")
    return number


def credit_hours(offer: ServiceOffer) -> Decimal:
    """The offer's duration in hours, rounded to the nearest half hour (at least half an hour)."""
    return hours_of_span(offer.starts_at, offer.ends_at)


def _tell(recipient, *, title: str, body: str = "", offer: ServiceOffer, actor: User | None = None) -> None:
    PLACES.tell(recipient, parent=offer, title=title, body=body, actor=actor)


@transaction.atomic
def offer_publish(
    *,
    actor: User,
    community: Area | None,
    title: str,
    description: str,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    places,
) -> ServiceOffer:
    """A party member or volunteer of `community` offers a service there."""
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("请选择服务所在的村(社区)。"), field="community")
    authorize(actor, "offers.publish", community)
    title = text_clean(title, label=_("服务名称"), field="title", minimum=2, maximum=TITLE_MAX)
    description = text_clean(
        description, label=_("服务内容"), field="description", minimum=5, maximum=DESCRIPTION_MAX
    )
    place = text_clean(place, label=_("服务地点"), field="place", minimum=2, maximum=PLACE_MAX)
    _clean_times(starts_at, ends_at)
    assert starts_at is not None
    assert ends_at is not None
    number = _clean_places(places)
    offer = ServiceOffer.objects.create(
        title=title,
        description=description,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        places=number,
        community=community,
        area_path=community.path,
        offerer=actor,
    )
    audit_event_record(
        actor=actor,
        verb="offer.published",
        target=offer,
        area=community,
        summary={"places": number, "starts_at": timezone.localtime(offer.starts_at).isoformat()},
    )
    return offer


def _check_bookable(offer: ServiceOffer, user) -> None:
    if offer.state == OfferState.CANCELLED:
        raise Conflict(_("这项服务已取消，不能预约。"), code="offer_cancelled")
    if offer.state == OfferState.DONE or offer.starts_at <= timezone.now():
        raise Conflict(_("这项服务已经开始或结束，不能再预约。"), code="offer_past")
    if user is not None and offer.offerer_id == user.pk:
        raise DomainError(_("不能预约自己发布的服务。"), code="own_offer")


def _book(*, actor: User, offer: ServiceOffer, resident, user, consent_channel: str = "") -> Booking:
    taken = place_take(
        PLACES,
        actor=actor,
        parent=offer,
        resident=resident,
        user=user,
        consent_channel=consent_channel,
        refuse=lambda locked: _check_bookable(locked, user),
        already=_("您已预约过这项服务。"),
        already_assisted=_("这位居民已预约过这项服务。"),
        already_code="already_booked",
        full=_("名额已满，请看看其他服务。"),
        told_assisted=_("已为您预约「%(t)s」"),
    )
    booking, offer = taken.taking, taken.parent
    left = offer.places - taken.before - 1
    _tell(
        offer.offerer,
        offer=offer,
        actor=actor,
        title=_("「%(t)s」有新的预约") % {"t": offer.title},
        body=_("已预约 %(n)d 人，剩余名额 %(left)d 个。") % {"n": taken.before + 1, "left": left},
    )
    return booking


@transaction.atomic
def booking_create(*, actor: User, offer: ServiceOffer) -> Booking:
    """A resident books one place for themselves."""
    authorize(actor, "offers.book_own")
    from gongzhi.residents.selectors import resident_get_own

    return _book(actor=actor, offer=offer, resident=resident_get_own(viewer=actor), user=actor)


@transaction.atomic
def booking_create_assisted(*, actor: User, offer: ServiceOffer, resident, consent_channel: str) -> Booking:
    """A clerk books for a resident of the register in their scope (e.g. an elderly person without a phone)."""
    authorize(actor, "offers.book_assisted", resident)
    user = assisted_user(resident, consent_channel, not_listed=_("这位居民不在册，不能代为预约。"))
    return _book(actor=actor, offer=offer, resident=resident, user=user, consent_channel=consent_channel)


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking) -> Booking:
    """The booker (or whoever booked for them, or an assister over the resident) gives the place back."""
    if not can(actor, "offers.cancel_booking", booking):
        raise NotPermitted(_("只能取消自己的预约（或您为居民代办的预约）。"))
    given = place_give_back(PLACES, actor=actor, taking=booking, told=_("您对「%(t)s」的预约已取消"))
    offer = given.parent
    _tell(
        offer.offerer,
        offer=offer,
        actor=actor,
        title=_("「%(t)s」有一个预约取消了") % {"t": offer.title},
        body=_("剩余名额 %(left)d 个。") % {"left": offer.places - given.before},
    )
    return given.taking


@transaction.atomic
def offer_cancel(*, actor: User, offer: ServiceOffer, reason: str = "") -> ServiceOffer:
    """The offerer or community staff call the offer off; every active booking is cancelled and told."""
    if not can(actor, "offers.cancel", offer):
        raise NotPermitted(_("只有发布人或村(社区)工作人员才能取消这项服务。"))
    reason = text_clean(reason, label=_("取消原因"), field="reason", minimum=0, maximum=REASON_MAX)
    # The bookings go with the offer, each by its own (system) move: each has its audit row.
    cancelled = places_cancel(
        PLACES, actor=actor, parent=offer, reason=reason, told=_("您预约的「%(t)s」已取消")
    )
    offer = cancelled.parent
    if actor.pk != offer.offerer_id:
        _tell(
            offer.offerer,
            offer=offer,
            actor=actor,
            title=_("您发布的「%(t)s」已被取消") % {"t": offer.title},
            body=cancelled.body,
        )
    return offer


def _serve(*, actor: User, offer: ServiceOffer, booking: Booking, now: dt.datetime) -> None:
    booking.offer = offer
    lifecycle_move(
        booking,
        "serve",
        actor=actor,
        audit_verb="booking.served",
        area=offer.community,
        changes={"closed_at": now},
        summary={"offer": offer.pk},
    )
    _tell(
        PLACES.contact(booking),
        offer=offer,
        actor=actor,
        title=_("「%(t)s」服务已确认完成") % {"t": offer.title},
        body=_("感谢参加，欢迎继续关注社区的微服务。"),
    )


def _credit(*, actor, offer: ServiceOffer):
    """The offerer's hours for this offer, once (the offer row is locked; the constraint backs it up)."""
    return hours_credit(
        actor=actor,
        target=offer,
        source=CREDIT_SOURCE,
        source_id=offer.pk,
        helper_id=offer.offerer_id,
        hours=credit_hours(offer),
        community_id=offer.community_id,
    )


def _refuse_unless_offerer(actor: User, offer: ServiceOffer) -> None:
    if not can(actor, "offers.serve", offer):
        raise NotPermitted(_("只有发布这项服务的人才能确认服务完成。"))


@transaction.atomic
def booking_serve(*, actor: User, booking: Booking) -> Booking:
    """The offerer confirms one booker was served; the first confirmation credits the hours."""
    _refuse_unless_offerer(actor, booking.offer)
    offer, booking = PLACES.lock_taking(booking)
    _serve(actor=actor, offer=offer, booking=booking, now=timezone.now())
    _credit(actor=actor, offer=offer)
    return booking


@transaction.atomic
def offer_complete(*, actor: User, offer: ServiceOffer) -> ServiceOffer:
    """The offerer confirms every remaining booking served and closes the offer."""
    _refuse_unless_offerer(actor, offer)
    offer = PLACES.lock(offer)
    lifecycle_check(offer, "complete")
    now = timezone.now()
    remaining = list(
        Booking.objects.filter(offer=offer, state=BookingState.BOOKED).select_related("user", "booked_by")
    )
    for booking in remaining:
        _serve(actor=actor, offer=offer, booking=booking, now=now)
    served = Booking.objects.filter(offer=offer, state=BookingState.SERVED).count()
    credit = _credit(actor=actor, offer=offer) if served else None
    lifecycle_move(
        offer,
        "complete",
        actor=actor,
        audit_verb="offer.completed",
        area=offer.community,
        changes={"closed_at": now},
        summary={"served": served, "hours": str(credit.hours) if credit else ""},
    )
    return offer
