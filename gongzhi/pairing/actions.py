"""结对: the township's aim, pairing and re-pairing, a household's choice or decline, and visits.

    aim:       aim_set (township or community: which register tags must be paired; at most N per member)
    household: unpaired ─pair_make─▶ paired ─pair_make(repair)─▶ paired (the old pair ends: until, reason)
                  │                    └─pair_end─▶ unpaired
                  └─decline_record─▶ declined ─decline_undo─▶ unpaired      (declining ends an active pair)
    pair:      visit_record (date, what, follow-up) — by its party member or the community's staff

A party member is a resident of the register with political status 中共党员 or 中共预备党员 (never self-declared),
living in the household's community; the members of the household's own grid are offered first. The aim's 1+N
limit counts a member's active pairs. One active pair per household: the household row is locked, and a partial
unique index refuses a second active pair on both databases. A household chooses its member from those of its
grid — on its own page (a resident of the household with an account), or the staff record it with consent (who,
how). A decline is recorded with its date and counts as covered by the household's choice.

Every action is permission-checked, locks what it reads to change, writes one audit event in its transaction and
tells the people concerned (the member and the household's residents with an account, when paired or re-paired);
every refusal is a Chinese DomainError and changes nothing.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.models import ConsentChannel
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.masking import mask_name
from gongzhi.core.pii import pii_find, pii_summary
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Household, Resident, Tag
from gongzhi.residents.selectors import resident_get_own

from .models import Aim, Decline, Pair, PairOrigin, Visit
from .selectors import aim_for, grid_of, grids_of, is_party_member

REASON_MAX, WHAT_MAX = 200, 200
PER_MEMBER_MAX = 20
NOTICE_KIND = "pairing"


def _tell(recipients, *, actor: User | None, title: str, url: str = "") -> None:
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        notice_send(recipient=user, kind=NOTICE_KIND, title=title, url=url)


def _household_users(household: Household) -> list[User | None]:
    return [
        r.user
        for r in Resident.objects.filter(
            household=household, status="active", user__isnull=False
        ).select_related("user")
    ]


def _lock_household(household: Household) -> Household:
    return Household.objects.select_for_update().select_related("community").get(pk=household.pk)


def _text(value, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """A short text others read: its characters (core.text) and no personal data (core.pii)."""
    text = text_clean(value, label=label, field=field, minimum=minimum, maximum=maximum)
    findings = pii_find(text)
    if findings:
        raise DomainError(
            _("%(label)s中有%(kinds)s。结对记录只写做了什么，请删去这些个人信息。")
            % {"label": label, "kinds": pii_summary(findings)},
            field=field,
            code="personal_data",
        )
    return text


def _consent(channel: str) -> str:
    if channel not in ConsentChannel.values:
        raise DomainError(_("请选择农户同意的方式：当面、电话或书面。"), field="consent_channel")
    return channel


# --- The aim ---------------------------------------------------------------------------------


@transaction.atomic
def aim_set(*, actor: User, area: Area, tags: list[Tag], per_member_max=None) -> Aim:
    """Set which households of a township (or one community) must be paired, and the 1+N limit."""
    if area is None or area.kind not in (AreaKind.TOWNSHIP, AreaKind.COMMUNITY):
        raise DomainError(_("结对目标按镇(乡、街道)或村(社区)设置，请选择其中之一。"), field="area")
    if not can(actor, "pairing.set_aim", area):
        raise NotPermitted(_("%(area)s不在您管辖的范围内，不能为它设置结对目标。") % {"area": area.name})
    tags = list(tags or [])
    if not tags:
        raise DomainError(_("请至少选择一类须结对的户（例如留守老人、低保）。"), field="tags")
    limit = None
    if per_member_max not in (None, ""):
        if isinstance(per_member_max, bool):
            raise DomainError(_("每名党员最多结对户数请填写整数。"), field="per_member_max")
        try:
            limit = int(str(per_member_max).strip())
        except ValueError:
            raise DomainError(_("每名党员最多结对户数请填写整数。"), field="per_member_max") from None
        if not 1 <= limit <= PER_MEMBER_MAX:
            raise DomainError(
                _("每名党员最多结对户数应在1到%(max)d之间。") % {"max": PER_MEMBER_MAX},
                field="per_member_max",
            )
    Area.objects.select_for_update().filter(pk=area.pk).first()
    aim = Aim.objects.filter(area=area).first()
    before = sorted(t.name for t in aim.tags.all()) if aim else []
    if aim is None:
        aim = Aim.objects.create(area=area, area_path=area.path, per_member_max=limit, updated_by=actor)
    else:
        aim.per_member_max, aim.updated_by = limit, actor
        aim.save(update_fields=["per_member_max", "updated_by", "updated_at"])
    aim.tags.set(tags)
    audit_event_record(
        actor=actor,
        verb="pairing.aim_set",
        target=aim,
        area=area,
        summary={
            "tags": "、".join(sorted(t.name for t in tags)),
            "before": "、".join(before) or "-",
            "limit": limit if limit is not None else "-",
        },
    )
    return aim


# --- Pairing ---------------------------------------------------------------------------------


def _member_check(member: Resident, household: Household, *, grid_only: bool) -> None:
    if not is_party_member(member):
        raise DomainError(
            _("%(name)s在居民登记中不是中共党员或预备党员，不能结对。党员身份以党组织登记为准。")
            % {"name": mask_name(member.name)},
            field="member",
            code="not_a_party_member",
        )
    if member.community_id != household.community_id:
        raise DomainError(_("只能与本村(社区)的党员结对。"), field="member", code="other_community")
    if member.household_id is not None and member.household_id == household.pk:
        raise DomainError(_("党员不能与自己家结对。"), field="member", code="own_household")
    if grid_only:
        grids = grids_of(household.community)
        home, theirs = grid_of(household.area_path, grids), grid_of(member.area_path, grids)
        if home is None or theirs is None or home.pk != theirs.pk:
            raise DomainError(
                _("农户自选结对党员，只能从本网格的党员中选择。"), field="member", code="other_grid"
            )


def _limit_check(member: Resident, household: Household) -> None:
    aim = aim_for(household.community)
    limit = aim.per_member_max if aim is not None else None
    if limit is None:
        return
    Resident.objects.select_for_update().filter(pk=member.pk).first()  # one writer per member's count
    active = Pair.objects.filter(member=member, ended_on__isnull=True).count()
    if active >= limit:
        raise DomainError(
            _("%(name)s已结对%(n)d户，达到每名党员最多%(max)d户的上限，请另选党员。")
            % {"name": mask_name(member.name), "n": active, "max": limit},
            field="member",
            code="over_limit",
        )


@transaction.atomic
def pair_make(
    *,
    actor: User,
    household: Household,
    member: Resident,
    reason: str = "",
    repair: bool = False,
    chosen: bool = False,
    consent_channel: str = "",
) -> Pair:
    """Pair a party member with a household (or re-pair it: the active pair ends with `reason`).

    The community's staff pair, and record a household's own choice with its consent (`chosen`); a resident of
    the household, on their own page, chooses a member of their grid (`chosen`, no consent needed: it is theirs).
    """
    own = resident_get_own(viewer=actor)
    by_household = own is not None and own.household_id == household.pk and own.status == "active"
    if by_household:
        if not chosen:
            raise NotPermitted()
        origin, consent_channel = PairOrigin.CHOSEN, ""
    else:
        if not can(actor, "pairing.keep", household):
            raise NotPermitted(
                _("户 %(number)s 不在您负责的范围内，不能为其结对。") % {"number": household.number}
            )
        origin = PairOrigin.CHOSEN_ASSISTED if chosen else PairOrigin.ASSIGNED
        consent_channel = _consent(consent_channel) if chosen else ""
    reason = _text(reason, label=_("说明"), field="reason", minimum=2 if repair else 0, maximum=REASON_MAX)
    household = _lock_household(household)
    _member_check(member, household, grid_only=chosen)
    current = Pair.objects.select_for_update().filter(household=household, ended_on__isnull=True).first()
    if current is not None and not repair:
        raise DomainError(
            _(
                "户 %(number)s 已与党员%(name)s结对。一户只能有一名结对党员；如需更换，请办理重新结对并写明原因。"
            )
            % {"number": household.number, "name": mask_name(current.member.name)},
            field="member",
            code="already_paired",
        )
    if current is not None and current.member_id == member.pk:
        raise DomainError(_("这户已经与这名党员结对了。"), field="member", code="same_member")
    _limit_check(member, household)
    today = timezone.localdate()
    previous = None
    if current is not None:
        current.ended_on, current.end_reason, current.ended_by = today, reason, actor
        current.save(update_fields=["ended_on", "end_reason", "ended_by"])
        previous = current
    decline = Decline.objects.select_for_update().filter(household=household, undone_at__isnull=True).first()
    if decline is not None:  # the household now wants a pair: its decline is over
        decline.undone_at, decline.undone_by = timezone.now(), actor
        decline.save(update_fields=["undone_at", "undone_by"])
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                community=household.community,
                area_path=household.area_path,
                household=household,
                member=member,
                origin=origin,
                consent_channel=consent_channel,
                started_on=today,
                start_reason=reason,
                created_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("户 %(number)s 刚刚已由他人结对。") % {"number": household.number}) from None
    audit_event_record(
        actor=actor,
        verb="pairing.repaired" if previous else "pairing.paired",
        target=pair,
        area=household.community,
        summary={
            "household": household.number,
            "member": mask_name(member.name),
            "origin": origin,
            "consent": consent_channel or "-",
            "previous": mask_name(previous.member.name) if previous else "-",
            "reason": reason or "-",
        },
    )
    url = reverse("pairing:mine")
    _tell(
        [member.user],
        actor=actor,
        title=_("您已与户 %(number)s 结对，请按时走访、帮扶。") % {"number": household.number},
        url=url,
    )
    _tell(
        _household_users(household),
        actor=actor,
        title=_("您家的结对党员是%(name)s。") % {"name": member.name},
        url=url,
    )
    if previous is not None:
        _tell(
            [previous.member.user],
            actor=actor,
            title=_("您与户 %(number)s 的结对已结束：%(reason)s")
            % {"number": household.number, "reason": reason},
            url=url,
        )
    return pair


@transaction.atomic
def pair_end(*, actor: User, pair: Pair, reason: str) -> Pair:
    """End an active pair without a successor (the member moved away, …): the household is unpaired again."""
    if not can(actor, "pairing.keep", pair):
        raise NotPermitted(_("这户不在您负责的范围内。"))
    reason = _text(reason, label=_("结束原因"), field="reason", minimum=2, maximum=REASON_MAX)
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("member", "household", "community")
        .get(pk=pair.pk)
    )
    if pair.ended_on is not None:
        raise DomainError(_("这个结对已经结束了。"), code="ended")
    pair.ended_on, pair.end_reason, pair.ended_by = timezone.localdate(), reason, actor
    pair.save(update_fields=["ended_on", "end_reason", "ended_by"])
    audit_event_record(
        actor=actor,
        verb="pairing.ended",
        target=pair,
        area=pair.community,
        summary={"household": pair.household.number, "member": mask_name(pair.member.name), "reason": reason},
    )
    _tell(
        [pair.member.user],
        actor=actor,
        title=_("您与户 %(number)s 的结对已结束：%(reason)s")
        % {"number": pair.household.number, "reason": reason},
        url=reverse("pairing:mine"),
    )
    return pair


# --- Declining -------------------------------------------------------------------------------


def _decline_allowed(actor: User, household: Household, consent_channel: str) -> str:
    """The household itself (no consent to record), or the community's staff with the household's consent."""
    own = resident_get_own(viewer=actor)
    if own is not None and own.household_id == household.pk and own.status == "active":
        return ""
    if not can(actor, "pairing.keep", household):
        raise NotPermitted(_("户 %(number)s 不在您负责的范围内。") % {"number": household.number})
    return _consent(consent_channel)


@transaction.atomic
def decline_record(
    *, actor: User, household: Household, declined_on: dt.date | None = None, reason: str = "",
    consent_channel: str = "",
) -> Decline:  # fmt: skip
    """The household does not want a pair: recorded with its date (an active pair ends)."""
    channel = _decline_allowed(actor, household, consent_channel)
    reason = _text(reason, label=_("说明"), field="reason", minimum=0, maximum=REASON_MAX)
    today = timezone.localdate()
    declined_on = declined_on or today
    if isinstance(declined_on, dt.datetime) or not isinstance(declined_on, dt.date):
        raise DomainError(_("谢绝日期不是有效的日期。"), field="declined_on")
    if declined_on > today:
        raise DomainError(_("谢绝日期不能晚于今天。"), field="declined_on")
    household = _lock_household(household)
    if Decline.objects.filter(household=household, undone_at__isnull=True).exists():
        raise DomainError(_("这户已经登记为谢绝结对了。"), code="already_declined")
    current = Pair.objects.select_for_update().filter(household=household, ended_on__isnull=True).first()
    if current is not None:
        current.ended_on, current.end_reason, current.ended_by = today, _("农户谢绝结对"), actor
        current.save(update_fields=["ended_on", "end_reason", "ended_by"])
    try:
        with transaction.atomic():
            decline = Decline.objects.create(
                community=household.community, area_path=household.area_path, household=household,
                declined_on=declined_on, reason=reason, consent_channel=channel, recorded_by=actor,
            )  # fmt: skip
    except IntegrityError:
        raise Conflict() from None
    audit_event_record(
        actor=actor,
        verb="pairing.declined",
        target=decline,
        area=household.community,
        summary={"household": household.number, "date": declined_on.isoformat(), "consent": channel or "-",
                 "ended": current is not None},
    )  # fmt: skip
    if current is not None:
        _tell(
            [current.member.user],
            actor=actor,
            title=_("户 %(number)s 谢绝结对，您与这户的结对已结束。") % {"number": household.number},
            url=reverse("pairing:mine"),
        )
    return decline


@transaction.atomic
def decline_undo(*, actor: User, household: Household, consent_channel: str = "") -> Decline:
    _decline_allowed(actor, household, consent_channel)
    household = _lock_household(household)
    decline = Decline.objects.select_for_update().filter(household=household, undone_at__isnull=True).first()
    if decline is None:
        raise DomainError(_("这户没有登记谢绝结对，无需撤销。"), code="not_declined")
    decline.undone_at, decline.undone_by = timezone.now(), actor
    decline.save(update_fields=["undone_at", "undone_by"])
    audit_event_record(
        actor=actor,
        verb="pairing.decline_undone",
        target=decline,
        area=household.community,
        summary={"household": household.number, "date": decline.declined_on.isoformat()},
    )
    return decline


# --- Visits ----------------------------------------------------------------------------------


@transaction.atomic
def visit_record(
    *, actor: User, pair: Pair, visited_on: dt.date | None, what: str, follow_up: bool = False,
    follow_up_text: str = "",
) -> Visit:  # fmt: skip
    """A visit or piece of help, briefly: the date, what was done, and whether something must follow."""
    authorize(actor, "pairing.visit", pair)
    if visited_on is None:
        raise DomainError(_("请填写走访日期。"), field="visited_on")
    if isinstance(visited_on, dt.datetime) or not isinstance(visited_on, dt.date):
        raise DomainError(_("走访日期不是有效的日期。"), field="visited_on")
    if visited_on > timezone.localdate():
        raise DomainError(_("走访日期不能晚于今天。"), field="visited_on", code="future")
    what = _text(what, label=_("走访和帮扶内容"), field="what", minimum=2, maximum=WHAT_MAX)
    follow_up = bool(follow_up)
    follow_up_text = _text(
        follow_up_text, label=_("跟进事项"), field="follow_up_text", minimum=2 if follow_up else 0,
        maximum=REASON_MAX,
    )  # fmt: skip
    if not follow_up:
        follow_up_text = ""
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("household", "member", "community")
        .get(pk=pair.pk)
    )
    if pair.ended_on is not None:
        raise DomainError(_("这个结对已经结束，不再记录走访。"), code="ended")
    if visited_on < pair.started_on:
        raise DomainError(
            _("走访日期不能早于结对日期（%(date)s）。") % {"date": pair.started_on.isoformat()},
            field="visited_on",
        )
    by_member = pair.member.user_id == actor.pk
    visit = Visit.objects.create(
        pair=pair, visited_on=visited_on, what=what, follow_up=follow_up, follow_up_text=follow_up_text,
        by_member=by_member, recorded_by=actor,
    )  # fmt: skip
    audit_event_record(
        actor=actor,
        verb="pairing.visit_recorded",
        target=pair,
        area=pair.community,
        summary={"date": visited_on.isoformat(), "follow_up": follow_up, "by_member": by_member},
    )
    return visit


@transaction.atomic
def coverage_export_record(*, actor: User, rows: int) -> None:
    """An export leaves the system: who took the coverage table, when, how many rows."""
    authorize(actor, "pairing.export")
    audit_event_record(actor=actor, verb="pairing.exported", target=None, area=None, summary={"rows": rows})
