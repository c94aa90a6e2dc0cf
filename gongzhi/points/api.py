"""The optional points over the API: the same selectors, actions and rules as the pages.

Reading a community's entries (`points.view`): its staff and the township office; writing (`points.keep`): its
staff. A household's members read their own ledger and appeal their own entries (`/points/mine`). Every write is
refused (400, code `points_off`) while the township has the points off. A community or an entry outside the token
user's reach is 404, as one that does not exist. Photos of evidence are taken by the page, not here: an item that
asks for one is refused over the API with its message.

The catalogue (drafted, put on the representatives' meeting's agenda, its vote taken), the store's goods, the
funding ledger and the import of recorded deeds are written by a community's staff (`points.keep`); the switch is
read and set by the township office (`points.switch`); the monthly summary, like its page, is readable by every
token user. Drafting a catalogue, adding goods and recording funding take an `Idempotency-Key`.
"""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.areas.selectors import community_public_get
from gongzhi.core.api_input import MAY_BE_FORBIDDEN, Limit, Offset
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.images import photo_clean
from gongzhi.meetings.models import MeetingMethod
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .models import STAFF_SOURCE, Appeal, Catalogue, Entry, EntryState, Funding, Goods

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
def points_appeal(request, entry_id: ApiId, payload: AppealIn, idempotency_key: IdempotencyKey = None):
    try:
        entry = selectors.own_entry_get(request.auth, entry_id)
    except NotFound:
        raise Http404() from None
    # A retry with the same key answers as the first call did (the appeal it filed), never "already appealed".
    idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.appeal_file(actor=request.auth, entry=entry, reason=payload.reason),
    )
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
def points_entry_create(
    request, community_id: ApiId, payload: EntryIn, idempotency_key: IdempotencyKey = None
):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    catalogue = selectors.catalogue_in_force(community)
    item = catalogue.items.filter(pk=payload.item_id).first() if catalogue is not None else None

    def create() -> Entry:
        return actions.award_enter(
            actor=request.auth,
            community=community,
            household=selectors.household_in(community, payload.household),
            item=item,
            units=payload.units,
            occurred_on=payload.occurred_on,
            evidence=payload.evidence,
        )

    return Status(201, _out(idempotent_create(request, idempotency_key, payload, create)))


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
def points_redeem(request, community_id: ApiId, payload: RedeemIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    try:
        goods = selectors.goods_get(community, payload.goods_id)
    except NotFound:
        raise Http404() from None
    household = selectors.household_in(community, payload.household)
    # A counter on a poor line sends again: with its key, the retry answers with the first redemption, never a
    # second one off the balance and the stock.
    entry = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.redemption_make(
            actor=request.auth,
            community=community,
            household=household,
            goods=goods,
            quantity=payload.quantity,
        ),
    )
    return Status(201, {"entry": _out(entry), "balance": selectors.balance_of(entry.account.household)})


# --- The catalogue, the store, the funding, the deeds, the switch, the summary -------------------------------


class ItemIn(Schema):
    name: str
    points: int
    evidence: str
    source: str = STAFF_SOURCE
    photo_required: bool = False


class CatalogueIn(Schema):
    title: str
    items: list[ItemIn]
    allows_deductions: bool = False


class ItemOut(Schema):
    id: int
    number: int
    name: str
    points: int
    evidence: str
    source: str
    photo_required: bool


class CatalogueOut(Schema):
    id: int
    community_id: int
    version: int
    title: str
    allows_deductions: bool
    state: str
    state_label: str
    meeting_id: int | None
    in_force_from: dt.date | None
    vote_reason: str
    items: list[ItemOut]


class InForceOut(Schema):
    community_id: int
    enabled: bool
    catalogue: CatalogueOut | None


class ConveneIn(Schema):
    held_on: dt.date
    place: str
    starts_at: dt.time | None = None
    urgency_reason: str = ""
    method: str = MeetingMethod.SHOW_OF_HANDS


class GoodsIn(Schema):
    name: str
    price: int
    quantity: int = 0


class RestockIn(Schema):
    quantity: int


class GoodsOut(Schema):
    id: int
    name: str
    price: int
    quantity: int


class FundingIn(Schema):
    kind: str
    source: str
    amount: Decimal
    received_on: dt.date


class FundingOut(Schema):
    id: int
    kind: str
    kind_label: str
    source: str
    amount: Decimal
    received_on: dt.date


class ImportIn(Schema):
    start: dt.date
    end: dt.date


class ImportOut(Schema):
    credited: int
    already: int
    unmatched: int


class SwitchIn(Schema):
    enabled: bool


class SwitchOut(Schema):
    township_id: int
    township: str
    enabled: bool


class SummaryRowOut(Schema):
    name: str
    count: int
    points: int


class SummaryOut(Schema):
    community_id: int
    community: str
    month: dt.date
    enabled: bool
    awarded: list[SummaryRowOut]
    deducted: list[SummaryRowOut]
    redeemed: list[SummaryRowOut]
    awarded_points: int
    redeemed_points: int


def _catalogue_out(catalogue: Catalogue) -> dict:
    return {
        "id": catalogue.pk,
        "community_id": catalogue.community_id,
        "version": catalogue.version,
        "title": catalogue.title,
        "allows_deductions": catalogue.allows_deductions,
        "state": catalogue.state,
        "state_label": catalogue.get_state_display(),
        "meeting_id": catalogue.meeting_id,
        "in_force_from": catalogue.in_force_from,
        "vote_reason": catalogue.vote_reason,
        "items": list(catalogue.items.order_by("number")),
    }


def _funding_out(funding: Funding) -> dict:
    return {
        "id": funding.pk,
        "kind": funding.kind,
        "kind_label": funding.get_kind_display(),
        "source": funding.source,
        "amount": funding.amount,
        "received_on": funding.received_on,
    }


def _catalogue_kept(request, catalogue_id: int) -> Catalogue:
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    try:
        catalogue = selectors.catalogue_get_for(viewer=request.auth, catalogue_id=catalogue_id)
    except NotFound:
        raise Http404() from None
    if not can(request.auth, "points.keep", catalogue):
        raise PermissionDenied()
    return catalogue


def _township(request, township_id: int):
    if not request.auth.has_perm("points.switch"):
        raise PermissionDenied()
    try:
        return selectors.township_get_for(viewer=request.auth, township_id=township_id)
    except NotFound:
        raise Http404() from None


@router.post(
    "/points/communities/{community_id}/catalogues",
    response={201: CatalogueOut},
    summary=gettext_noop("起草积分规则的新版本及其项目（须经村(居)民代表会议通过才施行）"),
)
def points_catalogue_draft(
    request, community_id: ApiId, payload: CatalogueIn, idempotency_key: IdempotencyKey = None
):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)

    def create() -> Catalogue:
        return actions.catalogue_draft(
            actor=request.auth,
            community=community,
            title=payload.title,
            items=[
                actions.ItemSpec(i.name, i.points, i.evidence, i.source, i.photo_required)
                for i in payload.items
            ],
            allows_deductions=payload.allows_deductions,
        )

    catalogue = idempotent_create(request, idempotency_key, payload, create)
    return Status(201, _catalogue_out(catalogue))


@router.get(
    "/points/communities/{community_id}/catalogue",
    response=InForceOut,
    summary=gettext_noop("村(社区)现行的积分规则（没有现行版本时为空）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_catalogue_in_force(request, community_id: ApiId):
    if not request.auth.has_perm("points.view"):
        raise PermissionDenied()
    community = _community(request, community_id)
    catalogue = selectors.catalogue_in_force(community)
    return {
        "community_id": community.pk,
        "enabled": selectors.points_enabled(community),
        "catalogue": _catalogue_out(catalogue) if catalogue is not None else None,
    }


@router.post(
    "/points/catalogues/{catalogue_id}/convene",
    response=CatalogueOut,
    summary=gettext_noop("把积分规则草案提交村(居)民代表会议（召集会议、列入议程）"),
)
def points_catalogue_convene(request, catalogue_id: ApiId, payload: ConveneIn):
    catalogue = _catalogue_kept(request, catalogue_id)
    actions.catalogue_convene(
        actor=request.auth,
        catalogue=catalogue,
        held_on=payload.held_on,
        place=payload.place,
        starts_at=payload.starts_at,
        urgency_reason=payload.urgency_reason,
        method=payload.method,
    )
    catalogue.refresh_from_db()
    return _catalogue_out(catalogue)


@router.post(
    "/points/catalogues/{catalogue_id}/take",
    response=CatalogueOut,
    summary=gettext_noop("采用代表会议的表决结果（通过即施行，未通过即不采用）"),
)
def points_catalogue_take(request, catalogue_id: ApiId):
    catalogue = _catalogue_kept(request, catalogue_id)
    return _catalogue_out(actions.catalogue_take(actor=request.auth, catalogue=catalogue))


@router.post(
    "/points/communities/{community_id}/goods",
    response={201: GoodsOut},
    summary=gettext_noop("积分超市上架物品（名称、所需积分、库存）"),
)
def points_goods_add(request, community_id: ApiId, payload: GoodsIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)

    def create() -> Goods:
        return actions.goods_add(
            actor=request.auth,
            community=community,
            name=payload.name,
            price=payload.price,
            quantity=payload.quantity,
        )

    return Status(201, idempotent_create(request, idempotency_key, payload, create))


@router.post(
    "/points/communities/{community_id}/goods/{goods_id}/restock",
    response=GoodsOut,
    summary=gettext_noop("积分超市补充库存"),
)
def points_goods_restock(request, community_id: ApiId, goods_id: ApiId, payload: RestockIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    try:
        goods = selectors.goods_get(community, goods_id)
    except NotFound:
        raise Http404() from None
    return actions.goods_restock(actor=request.auth, goods=goods, quantity=payload.quantity)


@router.get(
    "/points/communities/{community_id}/funding",
    response=list[FundingOut],
    summary=gettext_noop("积分超市的资金来源台账（捐赠、集体资金、补助）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_funding_list(request, community_id: ApiId, limit: Limit = 100, offset: Offset = 0):
    if not request.auth.has_perm("points.view"):
        raise PermissionDenied()
    community = _community(request, community_id)
    return [_funding_out(f) for f in selectors.funding_of(community)[offset : offset + limit]]


@router.post(
    "/points/communities/{community_id}/funding",
    response={201: FundingOut},
    summary=gettext_noop("登记积分超市的一笔资金（类别、来源、金额、到账日期）"),
)
def points_funding_record(
    request, community_id: ApiId, payload: FundingIn, idempotency_key: IdempotencyKey = None
):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)

    def create() -> Funding:
        return actions.funding_record(
            actor=request.auth,
            community=community,
            kind=payload.kind,
            source=payload.source,
            amount=payload.amount,
            received_on=payload.received_on,
        )

    return Status(201, _funding_out(idempotent_create(request, idempotency_key, payload, create)))


@router.post(
    "/points/communities/{community_id}/deeds-import",
    response=ImportOut,
    summary=gettext_noop("导入活动记录计分（按现行规则中注明来源的项目，每条记录只计一次）"),
)
def points_deeds_import(request, community_id: ApiId, payload: ImportIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    result = actions.deeds_import(
        actor=request.auth, community=community, start=payload.start, end=payload.end
    )
    return {"credited": result.credited, "already": result.already, "unmatched": result.unmatched}


@router.get(
    "/points/townships/{township_id}/switch",
    response=SwitchOut,
    summary=gettext_noop("本镇(街道)积分制是否开启（默认关闭）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_switch_read(request, township_id: ApiId):
    township = _township(request, township_id)
    return {
        "township_id": township.pk,
        "township": township.name,
        "enabled": selectors.points_enabled(township),
    }


@router.post(
    "/points/townships/{township_id}/switch",
    response=SwitchOut,
    summary=gettext_noop("开启或关闭本镇(街道)的积分制（镇(街道)社治办）"),
)
def points_switch_change(request, township_id: ApiId, payload: SwitchIn):
    township = _township(request, township_id)
    switch = actions.points_switch_set(actor=request.auth, township=township, enabled=payload.enabled)
    return {"township_id": township.pk, "township": township.name, "enabled": switch.enabled}


@router.get(
    "/points/communities/{community_id}/summary",
    response=SummaryOut,
    summary=gettext_noop("村(社区)积分制月度汇总（按项目和物品，不列任何一户）"),
)
def points_summary(request, community_id: ApiId, month: dt.date | None = None):
    try:
        community = community_public_get(community_id)
    except NotFound:
        raise Http404() from None
    today = timezone.localdate()
    chosen = month if month is not None and dt.date(2000, 1, 1) <= month <= today else today
    enabled = selectors.points_enabled(community)
    found = selectors.month_summary(community, chosen) if enabled else None
    return {
        "community_id": community.pk,
        "community": community.name,
        "month": chosen.replace(day=1),
        "enabled": enabled,
        "awarded": found.awarded if found else [],
        "deducted": found.deducted if found else [],
        "redeemed": found.redeemed if found else [],
        "awarded_points": found.awarded_points if found else 0,
        "redeemed_points": found.redeemed_points if found else 0,
    }


# --- The appeals' answers, the appeal window and evidence photos (the pages' writes the API lacked) -------------


class AppealOut(Schema):
    id: int
    entry: EntryOut
    reason: str
    state: str
    state_label: str
    answer: str
    created_at: dt.datetime
    answered_at: dt.datetime | None


class AnswerIn(Schema):
    upheld: bool
    answer: str


class AppealDaysIn(Schema):
    appeal_days: int


class AppealDaysOut(Schema):
    community_id: int
    appeal_days: int


def _appeal_out(appeal: Appeal) -> dict:
    return {
        "id": appeal.pk,
        "entry": _out(appeal.entry),
        "reason": appeal.reason,
        "state": appeal.state,
        "state_label": appeal.get_state_display(),
        "answer": appeal.answer,
        "created_at": appeal.created_at,
        "answered_at": appeal.answered_at,
    }


@router.get(
    "/points/communities/{community_id}/appeals",
    response=list[AppealOut],
    summary=gettext_noop("村(社区)待答复的积分申诉（本村(社区)工作人员）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_appeals(request, community_id: ApiId):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    return [_appeal_out(a) for a in selectors.appeals_of(community)]


@router.post(
    "/points/appeals/{appeal_id}/answer",
    response=AppealOut,
    summary=gettext_noop("答复积分申诉（本村(社区)工作人员）：成立则冲正，不成立则维持"),
)
def points_appeal_answer(request, appeal_id: ApiId, payload: AnswerIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    try:
        appeal = selectors.appeal_get_for(viewer=request.auth, appeal_id=appeal_id)
    except NotFound:
        raise Http404() from None
    answered = actions.appeal_answer(
        actor=request.auth, appeal=appeal, upheld=payload.upheld, answer=payload.answer
    )
    return _appeal_out(answered)


@router.get(
    "/points/communities/{community_id}/appeal-days",
    response=AppealDaysOut,
    summary=gettext_noop("村(社区)积分的申诉期（天）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def points_appeal_days_read(request, community_id: ApiId):
    if not request.auth.has_perm("points.view"):
        raise PermissionDenied()
    community = _community(request, community_id)
    return {"community_id": community.pk, "appeal_days": selectors.appeal_days_of(community)}


@router.post(
    "/points/communities/{community_id}/appeal-days",
    response=AppealDaysOut,
    summary=gettext_noop("设置村(社区)积分的申诉期（本村(社区)工作人员）"),
)
def points_appeal_days_set(request, community_id: ApiId, payload: AppealDaysIn):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    found = actions.appeal_days_set(actor=request.auth, community=community, days=payload.appeal_days)
    return {"community_id": community.pk, "appeal_days": found.appeal_days}


def _fingerprint_of(payload: Schema, photo: UploadedFile | None) -> dict:
    """The form fields and the photo's content, for Idempotency-Key: a retry must send the same photo."""
    digest = ""
    if photo is not None:
        photo.seek(0)
        digest = hashlib.sha256(photo.read()).hexdigest()
        photo.seek(0)
    return {**payload.dict(), "photo": digest}


@router.post(
    "/points/communities/{community_id}/entries-with-photo",
    response={201: EntryOut},
    summary=gettext_noop("录入积分并附照片凭证（multipart 上传，照片去除 EXIF；待另一名工作人员复核）"),
)
def points_entry_create_with_photo(
    request,
    community_id: ApiId,
    payload: Form[EntryIn],
    photo: File[UploadedFile] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    if not request.auth.has_perm("points.keep"):
        raise PermissionDenied()
    community = _kept(request, community_id)
    catalogue = selectors.catalogue_in_force(community)
    item = catalogue.items.filter(pk=payload.item_id).first() if catalogue is not None else None
    # Decoded and cleaned before the action's transaction, as on the page; the action stores it.
    cleaned = photo_clean(photo)

    def create() -> Entry:
        return actions.award_enter(
            actor=request.auth,
            community=community,
            household=selectors.household_in(community, payload.household),
            item=item,
            units=payload.units,
            occurred_on=payload.occurred_on,
            evidence=payload.evidence,
            photo=cleaned,
        )

    fingerprint = _fingerprint_of(payload, photo) if idempotency_key else None
    return Status(201, _out(idempotent_create(request, idempotency_key, fingerprint, create)))


@router.get(
    "/points/entries/{entry_id}/photo",
    summary=gettext_noop("积分记录的照片凭证（本村(社区)工作人员、镇(街道)社治办、该户成员）"),
    openapi_extra={
        "responses": {
            200: {
                "description": gettext_lazy("照片本身"),
                "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
            },
        }
    },
)
def points_entry_photo(request, entry_id: ApiId) -> HttpResponseBase:
    try:
        entry = selectors.entry_get_for(viewer=request.auth, entry_id=entry_id)
    except NotFound:
        try:
            entry = selectors.own_entry_get(request.auth, entry_id)
        except NotFound:
            raise Http404() from None
    if entry.photo is None:
        raise Http404()
    return photo_response(entry.photo, public=False)
