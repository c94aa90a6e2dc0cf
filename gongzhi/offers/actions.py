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

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.models import ConsentChannel
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.places import places_check, row_lock
from gongzhi.core.text import text_clean
from gongzhi.hours.actions import hours_credit
from gongzhi.hours.spans import hours_of_span
from gongzhi.notices.actions import notice_send

from .models import ACTIVE_BOOKING_STATES, Booking, BookingState, OfferState, ServiceOffer
from .workflow import BOOKING, OFFER  # noqa: F401  (registers the lifecycles)

TITLE_MAX, DESCRIPTION_MAX, PLACE_MAX, REASON_MAX = 60, 1000, 100, 200
PLACES_MIN, PLACES_MAX = 1, 500
LONGEST = dt.timedelta(hours=24)
FURTHEST = dt.timedelta(days=366)
CREDIT_SOURCE = (
    "service"  # the hours source (registered in apps.py); source_id is the offer's id (one credit per offer)
)
NOTICE_KIND = "offer"


def offer_url(offer: ServiceOffer) -> str:
    return reverse("offers:detail", args=[offer.pk])


def _clean_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is None:
        raise DomainError(_("请填写开始时间。"), field="starts_at")
    if ends_at is None:
        raise DomainError(_("请填写结束时间。"), field="ends_at")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(_("时间须带时区。"), field="starts_at")
    now = timezone.now()
    if starts_at <= now:
        raise DomainError(_("开始时间已经过去，请选择以后的时间。"), field="starts_at")
    if starts_at > now + FURTHEST:
        raise DomainError(_("开始时间应在一年之内。"), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("结束时间应晚于开始时间。"), field="ends_at")
    if ends_at - starts_at > LONGEST:
        raise DomainError(_("一次服务不能超过24小时；多天的服务请分次发布。"), field="ends_at")


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


def _active_bookings(offer: ServiceOffer):
    return Booking.objects.filter(offer=offer, state__in=ACTIVE_BOOKING_STATES)


def _lock(offer: ServiceOffer) -> ServiceOffer:
    """Lock the offer row: bookings, cancellations and confirmations of one offer happen one at a time."""
    return row_lock(ServiceOffer, offer.pk, "community", "offerer")


def _lock_booking(booking: Booking) -> tuple[ServiceOffer, Booking]:
    offer = _lock(booking.offer)
    fresh = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("resident", "user", "booked_by")
        .get(pk=booking.pk)
    )
    fresh.offer = offer
    return offer, fresh


def _tell(recipient, *, title: str, body: str = "", offer: ServiceOffer, actor: User | None = None) -> None:
    if recipient is None or (actor is not None and recipient.pk == actor.pk):
        return
    notice_send(recipient=recipient, kind=NOTICE_KIND, title=title, body=body, url=offer_url(offer))


def booking_contact(booking: Booking):
    """Who hears about a booking: the resident's own account, else whoever booked it for them."""
    return booking.user if booking.user_id else booking.booked_by


def _when(offer: ServiceOffer) -> str:
    return timezone.localtime(offer.starts_at).strftime("%Y-%m-%d %H:%M")


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


def _check_bookable(offer: ServiceOffer) -> None:
    if offer.state == OfferState.CANCELLED:
        raise Conflict(_("这项服务已取消，不能预约。"), code="offer_cancelled")
    if offer.state == OfferState.DONE or offer.starts_at <= timezone.now():
        raise Conflict(_("这项服务已经开始或结束，不能再预约。"), code="offer_past")


def _book(*, actor: User, offer: ServiceOffer, resident, user, consent_channel: str = "") -> Booking:
    offer = _lock(offer)
    _check_bookable(offer)
    if user is not None and offer.offerer_id == user.pk:
        raise DomainError(_("不能预约自己发布的服务。"), code="own_offer")
    same_person = Q(pk__in=[])
    if resident is not None:
        same_person |= Q(resident=resident)
    if user is not None:
        same_person |= Q(user=user)
    if _active_bookings(offer).filter(same_person).exists():
        message = _("这位居民已预约过这项服务。") if consent_channel else _("您已预约过这项服务。")
        raise Conflict(message, code="already_booked")
    taken = _active_bookings(offer).count()
    places_check(places=offer.places, taken=taken, message=_("名额已满，请看看其他服务。"))
    assisted = bool(consent_channel)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                offer=offer,
                resident=resident,
                user=user,
                booked_by=actor,
                assisted=assisted,
                consent_channel=consent_channel,
                consent_at=timezone.now() if assisted else None,
            )
    except IntegrityError:  # the lock makes this unreachable; the constraint is the last line of defence
        raise Conflict(_("您已预约过这项服务。"), code="already_booked") from None
    audit_event_record(
        actor=actor,
        verb="booking.created",
        target=booking,
        area=offer.community,
        summary={"offer": offer.pk, "assisted": assisted, "consent_channel": consent_channel},
    )
    left = offer.places - taken - 1
    _tell(
        offer.offerer,
        offer=offer,
        actor=actor,
        title=_("「%(t)s」有新的预约") % {"t": offer.title},
        body=_("已预约 %(n)d 人，剩余名额 %(left)d 个。") % {"n": taken + 1, "left": left},
    )
    if assisted and user is not None:
        _tell(
            user,
            offer=offer,
            actor=actor,
            title=_("已为您预约「%(t)s」") % {"t": offer.title},
            body=_("时间：%(when)s；地点：%(place)s。") % {"when": _when(offer), "place": offer.place},
        )
    booking.offer = offer
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
    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    if resident.status != "active":
        raise DomainError(_("这位居民不在册，不能代为预约。"), field="resident")
    user = resident.user if resident.user_id else None
    return _book(actor=actor, offer=offer, resident=resident, user=user, consent_channel=consent_channel)


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking) -> Booking:
    """The booker (or whoever booked for them, or an assister over the resident) gives the place back."""
    if not can(actor, "offers.cancel_booking", booking):
        raise NotPermitted(_("只能取消自己的预约（或您为居民代办的预约）。"))
    offer, booking = _lock_booking(booking)
    lifecycle_move(
        booking,
        "cancel",
        actor=actor,
        audit_verb="booking.cancelled",
        area=offer.community,
        summary={"offer": offer.pk},
    )
    left = offer.places - _active_bookings(offer).count()
    _tell(
        offer.offerer,
        offer=offer,
        actor=actor,
        title=_("「%(t)s」有一个预约取消了") % {"t": offer.title},
        body=_("剩余名额 %(left)d 个。") % {"left": left},
    )
    contact = booking_contact(booking)
    if contact is not None and contact.pk != actor.pk:
        _tell(contact, offer=offer, actor=actor, title=_("您对「%(t)s」的预约已取消") % {"t": offer.title})
    return booking


@transaction.atomic
def offer_cancel(*, actor: User, offer: ServiceOffer, reason: str = "") -> ServiceOffer:
    """The offerer or community staff call the offer off; every active booking is cancelled and told."""
    if not can(actor, "offers.cancel", offer):
        raise NotPermitted(_("只有发布人或村(社区)工作人员才能取消这项服务。"))
    reason = text_clean(reason, label=_("取消原因"), field="reason", minimum=0, maximum=REASON_MAX)
    offer = _lock(offer)
    lifecycle_check(offer, "cancel")
    now = timezone.now()
    booked = list(
        Booking.objects.select_for_update(of=("self",))
        .filter(offer=offer, state=BookingState.BOOKED)
        .select_related("user", "booked_by")
        .order_by("pk")
    )
    offer = lifecycle_move(
        offer,
        "cancel",
        actor=actor,
        audit_verb="offer.cancelled",
        area=offer.community,
        changes={"cancel_reason": reason, "closed_at": now},
        summary={"reason": reason, "bookings_cancelled": len(booked)},
    ).obj
    # The bookings go with the offer, each by its own (system) move: each has its audit row.
    for booking in booked:
        booking.offer = offer
        lifecycle_move(
            booking,
            "cancel_with_offer",
            actor=actor,
            audit_verb="booking.cancelled_with_offer",
            area=offer.community,
            changes={"closed_at": now},
            summary={"offer": offer.pk},
        )
    body = _("时间：%(when)s。") % {"when": _when(offer)} + (
        _("原因：%(r)s") % {"r": reason} if reason else ""
    )
    for booking in booked:
        _tell(
            booking_contact(booking),
            offer=offer,
            actor=actor,
            title=_("您预约的「%(t)s」已取消") % {"t": offer.title},
            body=body,
        )
    if actor.pk != offer.offerer_id:
        _tell(
            offer.offerer,
            offer=offer,
            actor=actor,
            title=_("您发布的「%(t)s」已被取消") % {"t": offer.title},
            body=body,
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
        booking_contact(booking),
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
    offer, booking = _lock_booking(booking)
    _serve(actor=actor, offer=offer, booking=booking, now=timezone.now())
    _credit(actor=actor, offer=offer)
    return booking


@transaction.atomic
def offer_complete(*, actor: User, offer: ServiceOffer) -> ServiceOffer:
    """The offerer confirms every remaining booking served and closes the offer."""
    _refuse_unless_offerer(actor, offer)
    offer = _lock(offer)
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
