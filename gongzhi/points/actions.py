"""The optional points (积分制): every write, each refused while the township has the points switched off.

    township office ──switch on/off──▶ (audited; off by default: no write below works while off)

    catalogue_draft ──▶ draft ──catalogue_convene──▶ convened (on the agenda of the representatives' meeting)
        ──catalogue_take (the item's vote: held, quorate, voted, confirmed)──▶ in force (the previous version
        superseded) | not adopted

    award_enter (staff, with evidence) ──▶ pending ──entry_decide (another member of staff)──▶ counted | refused
    deeds_import (recorded deeds of a source the catalogue names) ──▶ counted, each deed at most once
    appeal_file (a member of the household, within the window) ──appeal_answer──▶ upheld (a reversing entry,
        never a deletion) | dismissed
    redemption_make (at the counter: never beyond the balance or the stock; the account and the goods locked)

Who may: the township office switches (`points.switch` over the township); a community's staff keep the rest
(`points.keep` over the community); a household's members (Resident.user) appeal their household's entries.
An award counts only from an item of the catalogue in force, adopted by the representatives' meeting through
gongzhi.meetings. Every bad input is a Chinese DomainError and nothing is written; one audit row per write.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind
from gongzhi.core.authz import authorize
from gongzhi.core.deeds import deed_source, deed_sources
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.lookups import lookups_changed
from gongzhi.core.text import text_clean
from gongzhi.meetings.actions import AgendaEntry, meeting_agenda_vote_takeable, meeting_convene
from gongzhi.meetings.models import Meeting, MeetingMethod
from gongzhi.photos.actions import photo_store
from gongzhi.residents.models import Household, Resident

from .models import (
    STAFF_SOURCE,
    Account,
    Appeal,
    AppealState,
    Catalogue,
    CatalogueState,
    CommunitySettings,
    Entry,
    EntryKind,
    EntryState,
    Funding,
    FundingKind,
    Goods,
    PointsSwitch,
    RuleItem,
)
from .selectors import APPEAL_DAYS_DEFAULT, appeal_days_of, catalogue_in_force, points_enabled

TITLE_MAX, ITEM_NAME_MAX, EVIDENCE_RULE_MAX, EVIDENCE_MAX, REASON_MAX, NOTE_MAX = 60, 60, 200, 500, 500, 200
ITEMS_MAX, POINTS_MAX, UNITS_MAX, QUANTITY_MAX, PRICE_MAX = 60, 1000, Decimal(100), 100000, 100000
APPEAL_DAYS_MAX, AMOUNT_MAX, IMPORT_DAYS_MAX = 60, Decimal("99999999.99"), 366


def _community(area: Area) -> Area:
    if area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("积分制按村(社区)实行，请选择一个村(社区)。"), field="community")
    return area


def _switched_on(area: Area) -> None:
    """Every write below the switch: refused while the township has the points off."""
    if not points_enabled(area):
        raise DomainError(
            _(
                "本镇(街道)没有开启积分制（默认关闭），不能办理积分事项。开启须由镇(街道)社治办在积分制页面操作。"
            ),
            code="points_off",
        )


# --- The switch and the settings ---------------------------------------------------------------------


@transaction.atomic
def points_switch_set(*, actor: User, township: Area, enabled: bool) -> PointsSwitch:
    """The township office switches the points on or off for its township (audited either way)."""
    authorize(actor, "points.switch", township)
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("积分制的开关按镇(街道)设置。"), field="township")
    switch = PointsSwitch.objects.select_for_update().filter(township=township).first()
    if switch is not None and switch.enabled == enabled:
        raise DomainError(
            _("积分制已经是开启状态。") if enabled else _("积分制已经是关闭状态。"), code="unchanged"
        )
    if switch is None:
        switch = PointsSwitch.objects.create(township=township, enabled=enabled, changed_by=actor)
    else:
        switch.enabled, switch.changed_by = enabled, actor
        switch.save(update_fields=["enabled", "changed_by", "changed_at"])
    transaction.on_commit(lookups_changed)  # the home page's "is it on anywhere" reads the lookups cache
    audit_event_record(
        actor=actor,
        verb="points.switched_on" if enabled else "points.switched_off",
        target=township,
        area=township,
        summary={"township": township.name},
    )
    return switch


@transaction.atomic
def appeal_days_set(*, actor: User, community: Area, days: int | None) -> CommunitySettings:
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= APPEAL_DAYS_MAX:
        raise DomainError(
            _("申诉期请填写1到%(max)d之间的天数。") % {"max": APPEAL_DAYS_MAX}, field="appeal_days"
        )
    found, created = CommunitySettings.objects.select_for_update().get_or_create(
        community=community, defaults={"appeal_days": days, "changed_by": actor}
    )
    # A community without its own row had the default (the audit sentence says what it was before).
    before = APPEAL_DAYS_DEFAULT if created else found.appeal_days
    found.appeal_days, found.changed_by = days, actor
    found.save(update_fields=["appeal_days", "changed_by", "changed_at"])
    audit_event_record(
        actor=actor,
        verb="points.appeal_days_set",
        target=community,
        area=community,
        summary={"community": community.name, "days": days, "before": before},
    )
    return found


# --- The catalogue, adopted by the representatives' meeting --------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    name: str
    points: int
    evidence: str
    source: str = STAFF_SOURCE
    photo_required: bool = False


PHOTO_YES = frozenset({"是", "要", "须", "yes", "y", "1"})
PHOTO_WORDS = {True: "是", False: "否"}


def items_parse(text: str) -> list[ItemSpec]:
    """The catalogue's lines (项目｜分值｜所需凭证｜来源｜须附照片) as ItemSpec; a line that cannot be read is a
    DomainError naming it. The action checks the values."""
    specs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
        if len(parts) < 3 or len(parts) > 5:
            raise DomainError(
                _("第%(n)d行请按“项目｜分值｜所需凭证｜来源｜须附照片”填写。") % {"n": number}, field="items"
            )
        try:
            points = int(parts[1].replace("＋", "+").replace("－", "-"))
        except ValueError:
            raise DomainError(_("第%(n)d行的分值请填写整数。") % {"n": number}, field="items") from None
        source = parts[3] if len(parts) > 3 and parts[3] else STAFF_SOURCE
        photo = len(parts) > 4 and parts[4].lower() in PHOTO_YES
        specs.append(ItemSpec(parts[0], points, parts[2], source, photo))
    return specs


def items_format(items) -> str:
    return "\n".join(
        f"{i.name}｜{i.points}｜{i.evidence}｜{i.source}｜{PHOTO_WORDS[i.photo_required]}" for i in items
    )


def _items_clean(items: Iterable[ItemSpec], *, allows_deductions: bool) -> list[ItemSpec]:
    items = list(items)
    if not items:
        raise DomainError(_("请至少列出一个积分项目。"), field="items")
    if len(items) > ITEMS_MAX:
        raise DomainError(_("积分项目不能超过%(n)d个。") % {"n": ITEMS_MAX}, field="items")
    sources = {s.name for s in deed_sources()}
    cleaned, names, deed_items = [], set(), set()
    for spec in items:
        name = text_clean(spec.name, label=_("项目"), field="items", minimum=2, maximum=ITEM_NAME_MAX)
        if name in names:
            raise DomainError(_("积分项目「%(name)s」重复了。") % {"name": name}, field="items")
        names.add(name)
        points = spec.points
        if isinstance(points, bool) or not isinstance(points, int) or points == 0 or abs(points) > POINTS_MAX:
            raise DomainError(
                _("「%(name)s」的分值请填写-%(max)d到%(max)d之间、不为0的整数。")
                % {"name": name, "max": POINTS_MAX},
                field="items",
            )
        if points < 0 and not allows_deductions:
            raise DomainError(
                _(
                    "「%(name)s」是扣分项目，但本规则没有写明允许扣分；如需扣分，请勾选“允许扣分”并经代表会议通过。"
                )
                % {"name": name},
                field="items",
                code="deductions_not_allowed",
            )
        evidence = text_clean(
            spec.evidence, label=_("所需凭证"), field="items", minimum=2, maximum=EVIDENCE_RULE_MAX
        )
        source = (spec.source or STAFF_SOURCE).strip()
        if source != STAFF_SOURCE:
            if source not in sources:
                raise DomainError(
                    _("「%(name)s」的来源“%(source)s”不是登记的活动记录来源。")
                    % {"name": name, "source": source},
                    field="items",
                )
            if points < 0:
                raise DomainError(_("来自活动记录的项目只能加分。"), field="items")
            if source in deed_items:
                raise DomainError(
                    _("同一活动记录来源只能对应一个积分项目（“%(source)s”重复）。") % {"source": source},
                    field="items",
                )
            deed_items.add(source)
        cleaned.append(ItemSpec(name, points, evidence, source, bool(spec.photo_required)))
    return cleaned


@transaction.atomic
def catalogue_draft(
    *, actor: User, community: Area, title: str, items: Iterable[ItemSpec], allows_deductions: bool = False
) -> Catalogue:
    """Draft a version of the community's rule catalogue (the first, or an amendment of the one in force)."""
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    title = text_clean(title, label=_("名称"), field="title", minimum=2, maximum=TITLE_MAX)
    specs = _items_clean(items, allows_deductions=allows_deductions)
    last = (
        Catalogue.objects.filter(community=community).order_by("-version").values_list("version", flat=True)
    )
    version = (last.first() or 0) + 1
    try:
        with transaction.atomic():
            catalogue = Catalogue.objects.create(
                community=community,
                area_path=community.path,
                version=version,
                title=title,
                allows_deductions=allows_deductions,
                created_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("刚刚已有人起草了新版本，请刷新后再试。")) from None
    RuleItem.objects.bulk_create(
        [
            RuleItem(
                catalogue=catalogue,
                number=n,
                name=s.name,
                points=s.points,
                evidence=s.evidence,
                source=s.source,
                photo_required=s.photo_required,
            )
            for n, s in enumerate(specs, start=1)
        ]
    )
    audit_event_record(
        actor=actor,
        verb="points.catalogue_drafted",
        target=catalogue,
        summary={"title": title, "version": version, "items": len(specs), "deductions": allows_deductions},
    )
    return catalogue


def _catalogue_locked(catalogue: Catalogue) -> Catalogue:
    found = (
        Catalogue.objects.select_for_update(of=("self",))
        .select_related("community")
        .filter(pk=catalogue.pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def catalogue_convene(
    *,
    actor: User,
    catalogue: Catalogue,
    held_on: dt.date | None,
    place: str,
    starts_at: dt.time | None = None,
    urgency_reason: str = "",
    method: str = MeetingMethod.SHOW_OF_HANDS,
) -> Meeting:
    """Put the draft on the agenda of the community's representatives' meeting (村(居)民代表会议), convened
    through gongzhi.meetings (its notice, roll and quorum); the vote is taken later by `catalogue_take`."""
    authorize(actor, "points.keep", catalogue)
    catalogue = _catalogue_locked(catalogue)
    community = catalogue.community
    _switched_on(community)
    if catalogue.state != CatalogueState.DRAFT:
        raise DomainError(
            _("这个版本现为“%(state)s”，只有草案才能提交代表会议。")
            % {"state": catalogue.get_state_display()},
            code="not_draft",
        )
    body = body_of_kind(community, BodyKind.REPRESENTATIVES)
    if body is None or not body.active:
        raise DomainError(
            _("本村(社区)还没有登记村(居)民代表会议，请先在组织机构中登记代表。"), code="no_body"
        )
    if method not in MeetingMethod.values:
        raise DomainError(_("未知的表决方式。"), field="method")
    meeting = meeting_convene(
        actor=actor,
        body=body,
        held_on=held_on,
        place=place,
        starts_at=starts_at,
        urgency_reason=urgency_reason,
        agenda=[
            AgendaEntry(
                _("审议积分制规则「%(title)s」（第%(version)d版）")
                % {"title": catalogue.title, "version": catalogue.version},
                method=method,
            )
        ],
    )
    catalogue.meeting = meeting
    catalogue.agenda_item = meeting.agenda.get(number=1)
    catalogue.state = CatalogueState.CONVENED
    catalogue.save(update_fields=["meeting", "agenda_item", "state"])
    audit_event_record(
        actor=actor,
        verb="points.catalogue_convened",
        target=catalogue,
        summary={"title": catalogue.title, "version": catalogue.version, "date": meeting.held_on.isoformat()},
    )
    return meeting


@transaction.atomic
def catalogue_take(*, actor: User, catalogue: Catalogue) -> Catalogue:
    """Take the representatives' vote on the catalogue (the meeting held, quorate, the item voted and — a show
    of hands — confirmed by a second person): passed, the version is in force and the one before is superseded;
    failed, it is not adopted."""
    authorize(actor, "points.keep", catalogue)
    catalogue = _catalogue_locked(catalogue)
    community = catalogue.community
    _switched_on(community)
    if catalogue.state != CatalogueState.CONVENED:
        raise DomainError(
            _("这个版本现为“%(state)s”，没有待采用的代表会议表决。")
            % {"state": catalogue.get_state_display()},
            code="not_convened",
        )
    meeting, vote, _item = meeting_agenda_vote_takeable(
        catalogue.agenda_item_id, area=community, kinds=[BodyKind.REPRESENTATIVES]
    )
    newer = Catalogue.objects.filter(
        community=community, state=CatalogueState.IN_FORCE, version__gt=catalogue.version
    ).first()
    if newer is not None:
        raise DomainError(
            _("第%(newer)d版已经施行，较早的第%(version)d版不能再采用；如需修改，请起草新版本。")
            % {"newer": newer.version, "version": catalogue.version},
            code="outdated",
        )
    if vote.passed:
        Catalogue.objects.filter(community=community, state=CatalogueState.IN_FORCE).update(
            state=CatalogueState.SUPERSEDED
        )
        catalogue.state = CatalogueState.IN_FORCE
        catalogue.in_force_from = max(meeting.held_on, timezone.localdate())
    else:
        catalogue.state = CatalogueState.NOT_ADOPTED
    catalogue.vote_reason = vote.vote_reason[:500]
    try:
        with transaction.atomic():
            catalogue.save(update_fields=["state", "in_force_from", "vote_reason"])
    except IntegrityError:  # another version of this community taken into force at the same moment
        raise Conflict(_("本村(社区)的另一个版本刚刚开始施行，请刷新后再看。")) from None
    audit_event_record(
        actor=actor,
        verb="points.catalogue_adopted" if vote.passed else "points.catalogue_rejected",
        target=catalogue,
        summary={
            "title": catalogue.title,
            "version": catalogue.version,
            "meeting": meeting.pk,
            "verdict": vote.vote_reason,
        },
    )
    return catalogue


# --- Awards and deductions ---------------------------------------------------------------------------


def _account(household: Household) -> Account:
    """The household's account, locked (created on its first entry)."""
    account, _created = Account.objects.get_or_create(
        household=household,
        defaults={"community_id": household.community_id, "area_path": household.community.path},
    )
    return Account.objects.select_for_update().get(pk=account.pk)


def _item_in_force(community: Area, item: RuleItem | None) -> RuleItem:
    catalogue = catalogue_in_force(community)
    if catalogue is None:
        raise DomainError(
            _("本村(社区)还没有经村(居)民代表会议通过的积分规则，不能记分。"),
            field="item",
            code="no_catalogue",
        )
    found = RuleItem.objects.filter(pk=item.pk, catalogue=catalogue).first() if item is not None else None
    if found is None:
        raise DomainError(
            _("这个项目不在现行的积分规则（第%(version)d版）中。") % {"version": catalogue.version},
            field="item",
            code="item_not_in_force",
        )
    return found


def _points_for(item: RuleItem, units: Decimal) -> int:
    return int((Decimal(item.points) * units).to_integral_value(rounding=ROUND_HALF_UP))


def _units(value) -> Decimal:
    try:
        units = Decimal(str(value))
    except ArithmeticError:
        units = Decimal(-1)
    if not units.is_finite() or units <= 0 or units > UNITS_MAX or units != units.quantize(Decimal("0.1")):
        raise DomainError(_("数量请填写大于0、不超过100的数（最多一位小数）。"), field="units")
    return units


@transaction.atomic
def award_enter(
    *,
    actor: User,
    community: Area,
    household: Household | None,
    item: RuleItem | None,
    occurred_on: dt.date | None,
    evidence: str,
    units=1,
    photo=None,
    resident: Resident | None = None,
) -> Entry:
    """Staff enter an award (or, where the catalogue allows, a deduction) for an item of the catalogue in force
    whose source is staff entry, with its evidence (text, and a photo where the item asks for one). It waits
    for a second member of staff (`entry_decide`) before it counts."""
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    if household is None or household.community_id != community.pk:
        raise DomainError(_("请填写本村(社区)的户编号。"), field="household", code="no_household")
    if resident is not None and resident.household_id != household.pk:
        raise DomainError(_("这个人不是该户的成员。"), field="resident")
    item = _item_in_force(community, item)
    if item.source != STAFF_SOURCE:
        raise DomainError(
            _("「%(name)s」的积分来自活动记录，请用“导入活动记录”办理，不能手工录入。") % {"name": item.name},
            field="item",
            code="deed_item",
        )
    units = _units(units)
    today = timezone.localdate()
    if occurred_on is None or occurred_on > today:
        raise DomainError(_("请填写事情发生的日期（不能晚于今天）。"), field="occurred_on")
    evidence = text_clean(evidence, label=_("凭证说明"), field="evidence", minimum=4, maximum=EVIDENCE_MAX)
    if item.photo_required and photo is None:
        raise DomainError(
            _("「%(name)s」须附照片作为凭证（%(evidence)s）。")
            % {"name": item.name, "evidence": item.evidence},
            field="photo",
            code="photo_required",
        )
    account = _account(household)
    stored = photo_store(actor=actor, upload=photo) if photo is not None else None
    points = _points_for(item, units)
    entry = Entry.objects.create(
        account=account,
        community=community,
        area_path=community.path,
        kind=EntryKind.AWARD if points > 0 else EntryKind.DEDUCTION,
        state=EntryState.PENDING,
        points=points,
        item=item,
        resident=resident,
        occurred_on=occurred_on,
        description=f"{item.name} ×{units}" if units != 1 else item.name,
        evidence=evidence,
        photo=stored,
        entered_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="points.entry_entered",
        target=entry,
        summary={
            "item": item.name,
            "points": points,
            "household": household.number,
            "photo": stored is not None,
        },
    )
    return entry


def _entry_locked(entry: Entry) -> Entry:
    found = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("community", "account__household", "item")
        .filter(pk=entry.pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def _count(entry: Entry, account: Account, *, today: dt.date) -> None:
    entry.state = EntryState.COUNTED
    entry.counted_on = today
    if entry.kind in (EntryKind.AWARD, EntryKind.DEDUCTION):
        entry.appeal_until = today + dt.timedelta(days=appeal_days_of(entry.community))
    Account.objects.filter(pk=account.pk).update(balance=F("balance") + entry.points)


@transaction.atomic
def entry_decide(*, actor: User, entry: Entry, approve: bool, note: str = "") -> Entry:
    """A second member of the community's staff approves a staff entry (it counts) or refuses it (it never
    counts); never the one who entered it."""
    authorize(actor, "points.keep", entry)
    entry = _entry_locked(entry)
    _switched_on(entry.community)
    if entry.state != EntryState.PENDING:
        raise DomainError(
            _("这条记录现为“%(state)s”，不能再复核。") % {"state": entry.get_state_display()},
            code="not_pending",
        )
    if entry.entered_by_id == actor.pk:
        raise DomainError(
            _("录入人不能复核自己录入的积分，请由本村(社区)另一名工作人员复核。"), code="self_approval"
        )
    note = text_clean(note, label=_("复核意见"), field="note", minimum=0 if approve else 2, maximum=NOTE_MAX)
    if approve and entry.item_id is not None:
        _item_in_force(entry.community, entry.item)  # the item is still in force when it starts to count
    account = _account(entry.account.household)
    entry.approved_by = actor
    entry.decided_at = timezone.now()
    if approve:
        _count(entry, account, today=timezone.localdate())
    else:
        entry.state = EntryState.REFUSED
    entry.save(update_fields=["state", "approved_by", "decided_at", "counted_on", "appeal_until"])
    audit_event_record(
        actor=actor,
        verb="points.entry_approved" if approve else "points.entry_refused",
        target=entry,
        summary={
            "item": entry.item.name if entry.item else "-",
            "points": entry.points,
            "household": entry.account.household.number,
            "note": note or "-",
        },
    )
    return entry


@dataclass(frozen=True)
class ImportResult:
    credited: int
    already: int
    unmatched: int


def _household_of(deed, community: Area) -> tuple[Household | None, Resident | None]:
    resident = None
    if deed.resident_id is not None:
        resident = Resident.objects.filter(pk=deed.resident_id, community=community).first()
    elif deed.user_id is not None:
        resident = Resident.objects.filter(user_id=deed.user_id, community=community, status="active").first()
    if deed.household_id is not None:
        household = Household.objects.filter(pk=deed.household_id, community=community).first()
        return household, resident
    if resident is None or resident.household_id is None:
        return None, resident
    return Household.objects.select_related("community").get(pk=resident.household_id), resident


@transaction.atomic
def deeds_import(*, actor: User, community: Area, start: dt.date | None, end: dt.date | None) -> ImportResult:
    """Staff credit the recorded deeds (gongzhi.core.deeds) of `community` from `start` to `end` to the items of
    the catalogue in force that name their source: each deed at most once (a unique constraint on its source
    and id), to the household of the person on the register; deeds of nobody on the register are left."""
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    today = timezone.localdate()
    if start is None or end is None or start > end or end > today:
        raise DomainError(_("请填写起止日期（开始不晚于结束，结束不晚于今天）。"), field="start")
    if (end - start).days >= IMPORT_DAYS_MAX:
        raise DomainError(_("一次最多导入一年的活动记录。"), field="start")
    catalogue = catalogue_in_force(community)
    if catalogue is None:
        raise DomainError(
            _("本村(社区)还没有经村(居)民代表会议通过的积分规则，不能记分。"), code="no_catalogue"
        )
    if not any(i.source != STAFF_SOURCE for i in catalogue.items.all()):
        raise DomainError(_("现行的积分规则没有来自活动记录的项目。"), code="no_deed_items")
    return _deeds_credit(community, catalogue, start, end, actor=actor)


SWEEP_DAYS = 7


def deeds_sweep(*, today: dt.date | None = None) -> int:
    """The periodic sweep: in every community whose township has the points on and whose catalogue in force
    names a deed source, credit the deeds of the last SWEEP_DAYS days (idempotent: each deed once). Recorded
    as the system's; returns how many entries it wrote."""
    from gongzhi.points.models import PointsSwitch

    today = today or timezone.localdate()
    on = list(PointsSwitch.objects.filter(enabled=True).values_list("township__path", flat=True))
    if not on:
        return 0
    written = 0
    catalogues = Catalogue.objects.filter(state=CatalogueState.IN_FORCE).select_related("community")
    for catalogue in catalogues:
        if not any(catalogue.area_path.startswith(path) for path in on):
            continue
        if not catalogue.items.exclude(source=STAFF_SOURCE).exists():
            continue
        with transaction.atomic():
            result = _deeds_credit(
                catalogue.community, catalogue, today - dt.timedelta(days=SWEEP_DAYS), today, actor=None
            )
        written += result.credited
    return written


def _deeds_credit(
    community: Area, catalogue: Catalogue, start: dt.date, end: dt.date, *, actor: User | None
) -> ImportResult:
    today = timezone.localdate()
    items = [i for i in catalogue.items.all() if i.source != STAFF_SOURCE]
    credited = already = unmatched = 0
    for item in items:
        try:
            source = deed_source(item.source)
        except LookupError:
            continue  # a source no longer installed: its deeds cannot be listed
        for deed in source.between(community, start, end):
            if Entry.objects.filter(source=deed.source, source_id=deed.source_id).exists():
                already += 1
                continue
            household, resident = _household_of(deed, community)
            if household is None:
                unmatched += 1
                continue
            account = _account(household)
            points = _points_for(item, Decimal(deed.units))
            if points <= 0:
                continue
            entry = Entry(
                account=account,
                community=community,
                area_path=community.path,
                kind=EntryKind.AWARD,
                state=EntryState.PENDING,
                points=points,
                item=item,
                resident=resident,
                occurred_on=deed.on,
                description=(deed.description or item.name)[:200],
                evidence=_("活动记录：%(source)s #%(id)d") % {"source": source.label, "id": deed.source_id},
                source=deed.source,
                source_id=deed.source_id,
                entered_by=actor,
            )
            try:
                with transaction.atomic():
                    entry.save(force_insert=True)
            except IntegrityError:  # the same deed credited at the same moment
                already += 1
                continue
            _count(entry, account, today=today)
            entry.save(update_fields=["state", "counted_on", "appeal_until"])
            credited += 1
    if actor is not None or credited:
        audit_event_record(
            actor=actor,
            actor_label=None if actor is not None else _("系统"),
            verb="points.deeds_imported",
            target=catalogue,
            area=community,
            summary={
                "community": community.name,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "credited": credited,
                "already": already,
                "unmatched": unmatched,
            },
        )
    return ImportResult(credited, already, unmatched)


# --- Appeals ------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_file(*, actor: User, entry: Entry, reason: str) -> Appeal:
    """A member of the household appeals an award or deduction, with a reason, within the appeal window."""
    entry = _entry_locked(entry)
    member = Resident.objects.filter(user=actor, household_id=entry.account.household_id, status="active")
    if not actor.is_authenticated or not member.exists():
        raise NotFound()
    _switched_on(entry.community)
    if entry.kind not in (EntryKind.AWARD, EntryKind.DEDUCTION) or entry.state != EntryState.COUNTED:
        raise DomainError(_("只能对已计入的加分或扣分提出申诉。"), code="not_appealable")
    if Entry.objects.filter(reverses=entry).exists():
        raise DomainError(_("这条记录已经冲正。"), code="reversed")
    today = timezone.localdate()
    if entry.appeal_until is None or today > entry.appeal_until:
        raise DomainError(
            _("申诉期已过（截至%(day)s），不能再申诉。")
            % {"day": entry.appeal_until.isoformat() if entry.appeal_until else "-"},
            code="appeal_closed",
        )
    if entry.appeals.filter(state=AppealState.OPEN).exists():
        raise DomainError(_("这条记录已有待答复的申诉。"), code="appeal_open")
    reason = text_clean(reason, label=_("申诉理由"), field="reason", minimum=4, maximum=REASON_MAX)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(entry=entry, area_path=entry.area_path, by=actor, reason=reason)
    except IntegrityError:
        raise Conflict(_("这条记录已有待答复的申诉。")) from None
    audit_event_record(
        actor=actor,
        verb="points.appeal_filed",
        target=entry,
        summary={"item": entry.item.name if entry.item else "-", "points": entry.points},
    )
    return appeal


@transaction.atomic
def appeal_answer(*, actor: User, appeal: Appeal, upheld: bool, answer: str) -> Appeal:
    """Staff answer an appeal: upheld, the entry is reversed by a new entry of the opposite points (never
    deleted); dismissed, it stands. Either way with the answer, told to the household's member who appealed."""
    authorize(actor, "points.keep", appeal)
    found = Appeal.objects.select_for_update(of=("self",)).filter(pk=appeal.pk).first()
    if found is None:
        raise NotFound()
    appeal = found
    entry = _entry_locked(appeal.entry)
    _switched_on(entry.community)
    if appeal.state != AppealState.OPEN:
        raise DomainError(_("这项申诉已经答复过了。"), code="answered")
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=REASON_MAX)
    appeal.state = AppealState.UPHELD if upheld else AppealState.DISMISSED
    appeal.answer, appeal.answered_by, appeal.answered_at = answer, actor, timezone.now()
    appeal.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    if upheld:
        account = _account(entry.account.household)
        today = timezone.localdate()
        Entry.objects.create(
            account=account,
            community=entry.community,
            area_path=entry.area_path,
            kind=EntryKind.REVERSAL,
            state=EntryState.COUNTED,
            points=-entry.points,
            item=entry.item,
            occurred_on=today,
            counted_on=today,
            description=(_("申诉成立，冲正：%(what)s") % {"what": entry.description})[:200],
            evidence=answer,
            reverses=entry,
            entered_by=actor,
        )
        Account.objects.filter(pk=account.pk).update(balance=F("balance") - entry.points)
    audit_event_record(
        actor=actor,
        verb="points.appeal_upheld" if upheld else "points.appeal_dismissed",
        target=entry,
        summary={"item": entry.item.name if entry.item else "-", "points": entry.points, "answer": answer},
    )
    from gongzhi.notices.actions import notice_send

    notice_send(
        recipient=appeal.by,
        kind="points.appeal",
        title=_("积分申诉已答复：%(state)s") % {"state": appeal.get_state_display()},
        body=answer,
        url="/points/mine/",
    )
    return appeal


# --- The points store (积分超市) ----------------------------------------------------------------------


def _quantity(value, *, field: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= QUANTITY_MAX:
        raise DomainError(
            _("数量请填写%(min)d到%(max)d之间的整数。") % {"min": minimum, "max": QUANTITY_MAX}, field=field
        )
    return value


@transaction.atomic
def goods_add(*, actor: User, community: Area, name: str, price: int, quantity: int) -> Goods:
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    name = text_clean(name, label=_("物品"), field="name", minimum=1, maximum=ITEM_NAME_MAX)
    if isinstance(price, bool) or not isinstance(price, int) or not 1 <= price <= PRICE_MAX:
        raise DomainError(_("所需积分请填写1到%(max)d之间的整数。") % {"max": PRICE_MAX}, field="price")
    quantity = _quantity(quantity, field="quantity", minimum=0)
    if Goods.objects.filter(community=community, name=name).exists():
        raise DomainError(_("已有名为「%(name)s」的物品，请补充库存。") % {"name": name}, field="name")
    try:
        with transaction.atomic():
            goods = Goods.objects.create(
                community=community, area_path=community.path, name=name, price=price, quantity=quantity
            )
    except IntegrityError:
        raise Conflict(_("已有同名的物品。")) from None
    audit_event_record(
        actor=actor,
        verb="points.goods_added",
        target=goods,
        summary={"name": name, "price": price, "quantity": quantity},
    )
    return goods


@transaction.atomic
def goods_restock(*, actor: User, goods: Goods, quantity: int) -> Goods:
    authorize(actor, "points.keep", goods)
    found = Goods.objects.select_for_update().select_related("community").filter(pk=goods.pk).first()
    if found is None:
        raise NotFound()
    goods = found
    _switched_on(goods.community)
    quantity = _quantity(quantity, field="quantity")
    Goods.objects.filter(pk=goods.pk).update(quantity=F("quantity") + quantity)
    goods.refresh_from_db(fields=["quantity"])
    audit_event_record(
        actor=actor,
        verb="points.goods_restocked",
        target=goods,
        summary={"name": goods.name, "added": quantity, "stock": goods.quantity},
    )
    return goods


@transaction.atomic
def funding_record(
    *, actor: User, community: Area, kind: str, source: str, amount, received_on: dt.date | None
) -> Funding:
    """Where the store's money came from: a donation, collective funds or a grant (amount, source, date)."""
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    if kind not in FundingKind.values:
        raise DomainError(_("请选择资金类别。"), field="kind")
    source = text_clean(source, label=_("来源"), field="source", minimum=2, maximum=100)
    try:
        amount = Decimal(str(amount))
    except ArithmeticError:
        amount = Decimal(0)
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > AMOUNT_MAX
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise DomainError(_("金额请填写大于0的数（元，最多两位小数）。"), field="amount")
    if received_on is None or received_on > timezone.localdate():
        raise DomainError(_("请填写到账日期（不能晚于今天）。"), field="received_on")
    funding = Funding.objects.create(
        community=community,
        area_path=community.path,
        kind=kind,
        source=source,
        amount=amount,
        received_on=received_on,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="points.funding_recorded",
        target=funding,
        summary={"kind": kind, "source": source, "amount": str(amount), "date": received_on.isoformat()},
    )
    return funding


@transaction.atomic
def redemption_make(
    *, actor: User, community: Area, household: Household | None, goods: Goods, quantity: int = 1
) -> Entry:
    """Staff at the counter redeem goods for a household present: never beyond its balance or the stock (the
    household's account and the goods are locked for the check and the write)."""
    authorize(actor, "points.keep", community)
    community = _community(community)
    _switched_on(community)
    if household is None or household.community_id != community.pk:
        raise DomainError(_("请填写本村(社区)的户编号。"), field="household", code="no_household")
    quantity = _quantity(quantity, field="quantity")
    account = _account(household)
    found = Goods.objects.select_for_update().filter(pk=goods.pk, community=community).first()
    if found is None:
        raise NotFound()
    goods = found
    if goods.quantity < quantity:
        raise DomainError(
            _("「%(name)s」库存只有%(stock)d件，不够兑换%(n)d件。")
            % {"name": goods.name, "stock": goods.quantity, "n": quantity},
            field="quantity",
            code="out_of_stock",
        )
    cost = goods.price * quantity
    if account.balance < cost:
        raise DomainError(
            _("该户积分余额%(balance)d分，不够兑换（需要%(cost)d分）。")
            % {"balance": account.balance, "cost": cost},
            field="quantity",
            code="balance_short",
        )
    today = timezone.localdate()
    entry = Entry.objects.create(
        account=account,
        community=community,
        area_path=community.path,
        kind=EntryKind.REDEMPTION,
        state=EntryState.COUNTED,
        points=-cost,
        goods=goods,
        quantity=quantity,
        occurred_on=today,
        counted_on=today,
        description=f"{goods.name} ×{quantity}",
        entered_by=actor,
    )
    Goods.objects.filter(pk=goods.pk).update(quantity=F("quantity") - quantity)
    Account.objects.filter(pk=account.pk).update(balance=F("balance") - cost)
    audit_event_record(
        actor=actor,
        verb="points.redeemed",
        target=entry,
        summary={"goods": goods.name, "quantity": quantity, "points": cost, "household": household.number},
    )
    return entry
