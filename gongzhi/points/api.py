"""The optional points over the API: the same selectors, actions and rules as the pages.

Reading a community's entries (`points.view`): its staff and the township office; writing (`points.keep`): its
staff. A household's members read their own ledger and appeal their own entries (`/points/mine`). Every write is
refused (400, code `points_off`) while the township has the points off. A community or an entry outside the token
user's reach is 404, as one that does not exist. Photos of evidence are taken by the page, not here: an item that
asks for one is refused over the API with its message.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Entry, EntryState

router = Router(tags=["积分制 points"])


class EntryOut(Schema):
    id: int
    household: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    points: int
    item: str
    description: str
    occurred_on: dt.date
    counted_on: dt.date | None
    appeal_until: dt.date | None


class LedgerOut(Schema):
    household: str
    community_id: int
    community: str
    enabled: bool
    balance: int
    entries: list[EntryOut]


class EntryIn(Schema):
    household: str
    item_id: ApiId
    occurred_on: dt.date
    evidence: str
    units: Decimal = Decimal(1)


class DecideIn(Schema):
    approve: bool
    note: str = ""


class AppealIn(Schema):
    reason: str


class RedeemIn(Schema):
    household: str
    goods_id: ApiId
    quantity: int = 1


class RedemptionOut(Schema):
    entry: EntryOut
    balance: int


def _out(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "household": entry.account.household.number,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "state": entry.state,
        "state_label": entry.get_state_display(),
        "points": entry.points,
        "item": entry.item.name if entry.item else (entry.goods.name if entry.goods else ""),
        "description": entry.description,
        "occurred_on": entry.occurred_on,
        "counted_on": entry.counted_on,
        "appeal_until": entry.appeal_until,
    }


def _community(request, community_id: int):
    try:
        return selectors.community_get_for(viewer=request.auth, community_id=community_id)
    except NotFound:
        raise Http404() from None


def _kept(request, community_id: int):
    community = _community(request, community_id)
    if not can(request.auth, "points.keep", community):
        raise PermissionDenied()
    return community


@router.get(
    "/points/mine",
    response=list[LedgerOut],
    summary=gettext_noop("我家的积分（本人在居民登记簿上所在的户）"),
)
def points_mine(request):
    return [
        {
            "household": ledger.household.number,
            "community_id": ledger.community.pk,
            "community": ledger.community.name,
            "enabled": ledger.enabled,
            "balance": ledger.balance,
            "entries": [_out(e) for e in ledger.entries],
        }
        for ledger in selectors.own_ledgers(request.auth)
    ]


@router.post(
    "/points/mine/{entry_id}/appeal",
    response={201: EntryOut},
    summary=gettext_noop("对本户的加分或扣分提出申诉（申诉期内）"),
)
def points_appeal(request, entry_id: ApiId, payload: AppealIn):
    try:
        entry = selectors.own_entry_get(request.auth, entry_id)
    except NotFound:
        raise Http404() from None
    actions.appeal_file(actor=request.auth, entry=entry, reason=payload.reason)
    return Status(201, _out(entry))


@router.get(
    "/points/communities/{community_id}/entries",
    response=list[EntryOut],
    summary=gettext_noop("村(社区)的积分记录（可按状态筛选）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_entries(request, community_id: ApiId, state: str = "", limit: Limit = 100, offset: Offset = 0):
    if not request.auth.has_perm("points.view"):
        raise PermissionDenied()
    community = _community(request, community_id)
    state = state if state in EntryState.values else ""
    found = selectors.entries_of(community, state=state).order_by("-entered_at", "-id")
    return [_out(e) for e in found[offset : offset + limit]]


@router.post(
    "/points/communities/{community_id}/entries",
    response={201: EntryOut},
    summary=gettext_noop("录入积分（附凭证，待另一名工作人员复核）"),
)
def points_entry_create(request, community_id: ApiId, payload: EntryIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    catalogue = selectors.catalogue_in_force(community)
    item = catalogue.items.filter(pk=payload.item_id).first() if catalogue is not None else None
    entry = actions.award_enter(
        actor=request.auth,
        community=community,
        household=selectors.household_in(community, payload.household),
        item=item,
        units=payload.units,
        occurred_on=payload.occurred_on,
        evidence=payload.evidence,
    )
    return Status(201, _out(entry))


@router.post(
    "/points/entries/{entry_id}/decide",
    response=EntryOut,
    summary=gettext_noop("复核积分（录入人以外的本村(社区)工作人员）"),
)
def points_entry_decide(request, entry_id: ApiId, payload: DecideIn):
    try:
        entry = selectors.entry_get_for(viewer=request.auth, entry_id=entry_id)
    except NotFound:
        raise Http404() from None
    if not can(request.auth, "points.keep", entry):
        raise PermissionDenied()
    decided = actions.entry_decide(
        actor=request.auth, entry=entry, approve=payload.approve, note=payload.note
    )
    return _out(decided)


@router.post(
    "/points/communities/{community_id}/redemptions",
    response={201: RedemptionOut},
    summary=gettext_noop("积分超市兑换（该户在柜台；不超过余额和库存）"),
)
def points_redeem(request, community_id: ApiId, payload: RedeemIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    try:
        goods = selectors.goods_get(community, payload.goods_id)
    except NotFound:
        raise Http404() from None
    household = selectors.household_in(community, payload.household)
    entry = actions.redemption_make(
        actor=request.auth, community=community, household=household, goods=goods, quantity=payload.quantity
    )
    return Status(201, {"entry": _out(entry), "balance": selectors.balance_of(entry.account.household)})
