"""Micro-services over the API: the same actions and rules as the pages.

Offers are public to any token (no personal data). The bookings of an offer
are for its offerer and staff over it, with each booker named as on the
pages (in full to staff over the resident, masked to the offerer).
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.areas.selectors import communities_public, community_public_get
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.authz import authorize
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Booking, ServiceOffer
from .workflow import PLACES

router = Router(tags=["微服务 offers"])


class OfferOut(Schema):
    id: int
    title: str
    description: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int
    places_left: int
    state: str
    state_label: str
    community_id: int
    community_name: str
    offerer: str
    hours: float
    created_at: dt.datetime


class OfferDetailOut(OfferOut):
    my_booking_id: int | None
    my_booking_state: str
    allowed_moves: list[str]


class BookingOut(Schema):
    id: int
    offer_id: int
    who: str
    state: str
    state_label: str
    assisted: bool
    created_at: dt.datetime


class OfferIn(Schema):
    community_id: ApiId
    title: str
    description: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int


class AssistedIn(Schema):
    resident_id: ApiId
    consent_channel: str


class ReasonIn(Schema):
    reason: str = ""


def _out(offer: ServiceOffer) -> dict:
    return {
        "id": offer.pk,
        "title": offer.title,
        "description": offer.description,
        "place": offer.place,
        "starts_at": offer.starts_at,
        "ends_at": offer.ends_at,
        "places": offer.places,
        "places_left": selectors.places_left(offer),
        "state": offer.state,
        "state_label": offer.get_state_display(),
        "community_id": offer.community_id,
        "community_name": offer.community.name,
        "offerer": str(offer.offerer),
        "hours": float(actions.credit_hours(offer)),
        "created_at": offer.created_at,
    }


def _detail(offer_id: int, user) -> dict:
    offer = _get(offer_id)
    mine = selectors.own_booking(viewer=user, offer=offer)
    return {
        **_out(offer),
        "my_booking_id": mine.pk if mine else None,
        "my_booking_state": mine.state if mine else "",
        "allowed_moves": [
            move for move, allowed in selectors.offer_moves_for(user, offer).items() if allowed
        ],
    }


def _booking_out(booking: Booking, user) -> dict:
    return PLACES.taking_out(booking, who=selectors.booker_label(booking, viewer=user))


def _get(offer_id: int) -> ServiceOffer:
    try:
        return selectors.offer_get(offer_id)
    except NotFound:
        raise Http404() from None


def _booking(request, booking_id: int) -> Booking:
    try:
        return selectors.booking_get_for(viewer=request.auth, booking_id=booking_id)
    except NotFound:
        raise Http404() from None


@router.get(
    "/offers",
    response=list[OfferOut],
    summary=gettext_noop("近期可预约的微服务（需令牌；任何令牌用户可见，不含个人信息）"),
)
def offer_list(request, community_id: ApiId | None = None):
    community = None
    if community_id:
        try:
            community = community_public_get(community_id)
        except NotFound:
            raise Http404() from None
    return [_out(o) for o in selectors.upcoming_for(community=community)[:200]]


@router.get(
    "/offers/bookings/mine", response=list[BookingOut], summary=gettext_noop("我的预约（含我代居民预约的）")
)
def my_bookings(request):
    return [_booking_out(b, request.auth) for b in selectors.mine_for(viewer=request.auth)[:200]]


@router.get(
    "/offers/{offer_id}", response=OfferDetailOut, summary=gettext_noop("服务详情、剩余名额和我能做的操作")
)
def detail(request, offer_id: ApiId):
    return _detail(offer_id, request.auth)


@router.get(
    "/offers/{offer_id}/bookings",
    response=list[BookingOut],
    summary=gettext_noop("预约名单（服务发布人看到姓氏，村社区工作人员看到全名）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def bookings(request, offer_id: ApiId):
    offer = _get(offer_id)
    return [_booking_out(b, request.auth) for b in selectors.bookings_of(viewer=request.auth, offer=offer)]


@router.post("/offers", response={201: OfferDetailOut}, summary=gettext_noop("发布服务（党员、志愿者）"))
def create(request, payload: OfferIn, idempotency_key: IdempotencyKey = None):
    community = communities_public().filter(pk=payload.community_id).first()
    offer = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.offer_publish(
            actor=request.auth,
            community=community,
            title=payload.title,
            description=payload.description,
            place=payload.place,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            places=payload.places,
        ),
    )
    return 201, _detail(offer.pk, request.auth)


@router.post(
    "/offers/{offer_id}/book",
    response={201: BookingOut},
    summary=gettext_noop("预约一个名额（居民本人）；名额满时 409"),
)
def book(request, offer_id: ApiId, idempotency_key: IdempotencyKey = None):
    offer = _get(offer_id)
    booking = idempotent_create(
        request, idempotency_key, None, lambda: actions.booking_create(actor=request.auth, offer=offer)
    )
    return 201, _booking_out(booking, request.auth)


@router.post(
    "/offers/{offer_id}/book-assisted",
    response={201: BookingOut},
    summary=gettext_noop("代居民预约（网格员、窗口人员、村社区干部），须记录居民同意方式"),
)
def book_assisted(request, offer_id: ApiId, payload: AssistedIn, idempotency_key: IdempotencyKey = None):
    from gongzhi.accounts.roles import REGISTER_READERS
    from gongzhi.residents.selectors import resident_get_for

    offer = _get(offer_id)
    authorize(request.auth, "offers.book_assisted")
    try:
        resident = resident_get_for(
            viewer=request.auth, resident_id=payload.resident_id, roles=REGISTER_READERS
        )
    except NotFound:
        raise Http404() from None
    booking = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.booking_create_assisted(
            actor=request.auth,
            offer=offer,
            resident=resident,
            consent_channel=payload.consent_channel,
        ),
    )
    return 201, _booking_out(booking, request.auth)


@router.post(
    "/offers/bookings/{booking_id}/cancel",
    response=BookingOut,
    summary=gettext_noop("取消预约（本人或代办人）"),
)
def booking_cancel(request, booking_id: ApiId):
    booking = actions.booking_cancel(actor=request.auth, booking=_booking(request, booking_id))
    return _booking_out(booking, request.auth)


@router.post(
    "/offers/bookings/{booking_id}/serve",
    response=BookingOut,
    summary=gettext_noop("确认已服务（服务发布人）"),
)
def booking_serve(request, booking_id: ApiId):
    booking = actions.booking_serve(actor=request.auth, booking=_booking(request, booking_id))
    return _booking_out(booking, request.auth)


@router.post(
    "/offers/{offer_id}/cancel",
    response=OfferDetailOut,
    summary=gettext_noop("取消服务（发布人或村社区工作人员）"),
)
def cancel(request, offer_id: ApiId, payload: ReasonIn):
    actions.offer_cancel(actor=request.auth, offer=_get(offer_id), reason=payload.reason)
    return _detail(offer_id, request.auth)


@router.post(
    "/offers/{offer_id}/complete",
    response=OfferDetailOut,
    summary=gettext_noop("全部确认完成并记服务时长（发布人）"),
)
def complete(request, offer_id: ApiId):
    actions.offer_complete(actor=request.auth, offer=_get(offer_id))
    return _detail(offer_id, request.auth)
