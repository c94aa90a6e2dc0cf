"""Keeping a community's bodies and who sits on them.

    body_create ──▶ body (active) ── body_update (name, rule, proxies, duties, active)
        └─ membership_add ──▶ membership (current) ── membership_end ──▶ ended (kept, never deleted)
              └─ representation_set: the households a representative represents (or their resident group)

Who may: `bodies.manage` over the community (its staff, the township office).
Every action locks what it reads to change and writes one audit event in its
transaction. A member is a resident of the body's community on the register,
active and 18 or over on the first day of the post; a body whose members are
derived (the joint meeting, the party members' meeting, the whole meeting, a
group's meeting) takes no typed members. A resident holds one current post on
a body at a time (several bodies at once is 交叉任职, allowed); the party
organisation has one secretary and the committee one chair at a time. A
household is represented by one current representative of the body.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.quorum import RULES
from gongzhi.core.text import text_clean
from gongzhi.residents.models import Household, Resident

from .models import SINGLE_KINDS, Body, BodyKind, Membership, Post, Representation

NAME_MAX, DUTIES_MAX, TITLE_MAX, TERM_MAX, REASON_MAX = 40, 300, 40, 20, 100
HOUSEHOLDS_MAX = 60  # far above the statute's 15: a representative of a hamlet, warned about, still recorded

# The posts each kind of body has; the one post held by one person at a time.
POSTS: dict[str, frozenset[str]] = {
    BodyKind.PARTY_ORG: frozenset({Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER}),
    BodyKind.COMMITTEE: frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER}),
    BodyKind.SUPERVISORY: frozenset({Post.CHAIR, Post.MEMBER}),
    BodyKind.REPRESENTATIVES: frozenset({Post.REPRESENTATIVE}),
    BodyKind.MORAL_REVIEW: frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER}),
    BodyKind.MEDIATION: frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER}),
    BodyKind.COUNCIL: frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER}),
    BodyKind.STAFF: frozenset({Post.OTHER}),  # the job itself is the membership's 分工 (报账员, 保洁员, …)
    BodyKind.OTHER: frozenset({Post.CHAIR, Post.DEPUTY_CHAIR, Post.LEADER, Post.MEMBER, Post.OTHER}),
}
SOLE_POSTS: dict[str, str] = {
    BodyKind.PARTY_ORG: Post.SECRETARY,
    BodyKind.COMMITTEE: Post.CHAIR,
    BodyKind.SUPERVISORY: Post.CHAIR,
    BodyKind.MORAL_REVIEW: Post.CHAIR,
    BodyKind.MEDIATION: Post.CHAIR,
    BodyKind.COUNCIL: Post.CHAIR,
}


def default_meeting_rule(kind: str, community_type: str) -> str:
    """The rule of gongzhi.core.quorum a body of this kind meets by, unless the community chose another."""
    village = community_type != CommunityType.URBAN
    rules: dict[str, str] = {
        BodyKind.PARTY_ORG: "party_committee_meeting",
        BodyKind.JOINT: "joint_meeting",
        BodyKind.PARTY_MEMBERS: "party_members_meeting",
        BodyKind.ASSEMBLY: "villagers_meeting" if village else "residents_meeting",
        BodyKind.REPRESENTATIVES: (
            "village_representatives_meeting" if village else "residents_representatives_meeting"
        ),
        BodyKind.GROUP: "group_meeting",
    }
    return rules.get(kind, "body_meeting")


def default_name(kind: str, community_type: str, group: Area | None = None) -> str:
    village = community_type != CommunityType.URBAN
    names: dict[str, str] = {
        BodyKind.PARTY_ORG: _("党组织"),
        BodyKind.COMMITTEE: _("村民委员会") if village else _("居民委员会"),
        BodyKind.SUPERVISORY: _("村务监督委员会") if village else _("居务监督委员会"),
        BodyKind.JOINT: _("两委联席会议"),
        BodyKind.PARTY_MEMBERS: _("党员大会"),
        BodyKind.ASSEMBLY: _("村民会议") if village else _("居民会议"),
        BodyKind.REPRESENTATIVES: _("村民代表会议") if village else _("居民代表会议"),
        BodyKind.STAFF: _("村务聘用人员") if village else _("社区聘用人员"),
        BodyKind.MORAL_REVIEW: _("道德评议会"),
        BodyKind.MEDIATION: _("人民调解委员会"),
        BodyKind.COUNCIL: _("村民议事会") if village else _("居民议事会"),
    }
    if kind == BodyKind.GROUP and group is not None:
        return _("%(group)s会议") % {"group": group.name}
    return str(names.get(kind, ""))


def _community(area: Area) -> Area:
    if area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("组织只能设在村(社区)。"), field="area")
    return area


def _rule(rule: str) -> str:
    if rule not in RULES:
        raise DomainError(_("未知的议事规则。"), field="meeting_rule")
    return rule


def _summary(body: Body) -> dict:
    return {
        "kind": body.kind,
        "name": body.name,
        "rule": body.meeting_rule,
        "proxies": body.proxies_allowed,
        "active": body.active,
    }


@transaction.atomic
def body_create(
    *,
    actor: User,
    area: Area,
    kind: str,
    name: str = "",
    group: Area | None = None,
    meeting_rule: str = "",
    proxies_allowed: bool = False,
    duties: str = "",
) -> Body:
    authorize(actor, "bodies.manage", area)
    community = _community(area)
    if kind not in BodyKind.values:
        raise DomainError(_("未知的组织类型。"), field="kind")
    if kind == BodyKind.GROUP:
        if group is None or group.kind != AreaKind.RESIDENT_GROUP or group.parent_id != community.pk:
            raise DomainError(_("请选择本村(社区)的一个村(居)民小组。"), field="group")
        if Body.objects.filter(group=group).exists():
            raise Conflict(_("这个村(居)民小组的会议已经登记过了。"), code="body_exists")
    elif group is not None:
        raise DomainError(_("只有村(居)民小组会议才选择小组。"), field="group")
    if kind in SINGLE_KINDS and Body.objects.filter(area=community, kind=kind).exists():
        raise Conflict(_("本村(社区)已经有这个组织了。"), code="body_exists")
    name = text_clean(
        name or default_name(kind, community.community_type, group),
        label=_("名称"),
        field="name",
        minimum=1 if kind != BodyKind.OTHER else 2,
        maximum=NAME_MAX,
    )
    if Body.objects.filter(area=community, name=name).exists():
        raise Conflict(_("本村(社区)已经有同名的组织了。"), code="body_exists")
    body = Body.objects.create(
        area=community,
        area_path=community.path,
        kind=kind,
        name=name,
        group=group,
        meeting_rule=_rule(meeting_rule or default_meeting_rule(kind, community.community_type)),
        proxies_allowed=bool(proxies_allowed),
        duties=text_clean(duties, label=_("职责"), field="duties", minimum=0, maximum=DUTIES_MAX),
        created_by=actor,
    )
    audit_event_record(actor=actor, verb="body.created", target=body, area=community, summary=_summary(body))
    return body


@transaction.atomic
def body_update(
    *,
    actor: User,
    body: Body,
    name: str,
    meeting_rule: str,
    proxies_allowed: bool,
    duties: str,
    active: bool,
) -> Body:
    authorize(actor, "bodies.manage", body)
    locked = Body.objects.select_for_update(of=("self",)).select_related("area").get(pk=body.pk)
    name = text_clean(name, label=_("名称"), field="name", minimum=1, maximum=NAME_MAX)
    if Body.objects.filter(area=locked.area, name=name).exclude(pk=locked.pk).exists():
        raise Conflict(_("本村(社区)已经有同名的组织了。"), code="body_exists")
    before = _summary(locked)
    locked.name = name
    locked.meeting_rule = _rule(meeting_rule)
    locked.proxies_allowed = bool(proxies_allowed)
    locked.duties = text_clean(duties, label=_("职责"), field="duties", minimum=0, maximum=DUTIES_MAX)
    locked.active = bool(active)
    after = _summary(locked)
    if before == after:
        return locked
    locked.save(update_fields=["name", "meeting_rule", "proxies_allowed", "duties", "active"])
    changed = {
        key: {"from": before[key], "to": value} for key, value in after.items() if before[key] != value
    }
    audit_event_record(
        actor=actor, verb="body.changed", target=locked, area=locked.area, summary={"name": name, **changed}
    )
    return locked


def _adult_on(resident: Resident, day: dt.date) -> bool:
    born = resident.birth_date
    return (day.year - born.year - ((day.month, day.day) < (born.month, born.day))) >= 18


@transaction.atomic
def membership_add(
    *,
    actor: User,
    body: Body,
    resident: Resident,
    post: str,
    started_on: dt.date | None,
    title: str = "",
    term: str = "",
    group: Area | None = None,
) -> Membership:
    authorize(actor, "bodies.manage", body)
    locked = Body.objects.select_for_update(of=("self",)).select_related("area").get(pk=body.pk)
    if not locked.members_typed:
        raise DomainError(_("这个会议的组成人员由登记信息自动得出，不需要逐个登记。"), field="resident")
    if not locked.active:
        raise DomainError(_("这个组织已停用。"))
    if post not in POSTS.get(locked.kind, POSTS[BodyKind.OTHER]):
        raise DomainError(_("这个组织没有这个职务。"), field="post")
    if started_on is None:
        raise DomainError(_("请填写任职日期。"), field="started_on")
    if started_on > timezone.localdate():
        raise DomainError(_("任职日期不能晚于今天。"), field="started_on")
    if resident.community_id != locked.area_id or resident.status != "active":
        raise DomainError(_("只能登记本村(社区)在册的居民。"), field="resident")
    if not _adult_on(resident, started_on):
        raise DomainError(_("任职时须年满十八周岁。"), field="resident")
    if group is not None and (
        locked.kind != BodyKind.REPRESENTATIVES
        or group.kind != AreaKind.RESIDENT_GROUP
        or group.parent_id != locked.area_id
    ):
        raise DomainError(_("只有代表可以由本村(社区)的村(居)民小组推选。"), field="group")
    current = Membership.objects.filter(body=locked, ended_on=None)
    if current.filter(resident=resident).exists():
        raise Conflict(_("%(name)s已在这个组织任职。") % {"name": resident.name}, code="member_exists")
    sole = SOLE_POSTS.get(locked.kind)
    if post == sole and current.filter(post=sole).exists():
        raise Conflict(
            _("这个组织已经有%(post)s，请先登记其离任。") % {"post": Post(sole).label}, code="post_taken"
        )
    membership = Membership.objects.create(
        body=locked,
        resident=resident,
        post=post,
        title=text_clean(title, label=_("分工"), field="title", minimum=0, maximum=TITLE_MAX),
        term=text_clean(term, label=_("届次"), field="term", minimum=0, maximum=TERM_MAX),
        started_on=started_on,
        group=group,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="body.member_added",
        target=membership,
        area=locked.area,
        summary={
            "body": locked.name,
            "resident": resident.name,
            "post": post,
            "from": started_on.isoformat(),
        },
    )
    return membership


@transaction.atomic
def membership_end(
    *, actor: User, membership: Membership, ended_on: dt.date | None, reason: str
) -> Membership:
    authorize(actor, "bodies.manage", membership)
    locked = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("body__area", "resident")
        .get(pk=membership.pk)
    )
    if locked.ended_on is not None:
        raise Conflict(_("已经登记过离任了。"), code="member_ended")
    if ended_on is None:
        raise DomainError(_("请填写离任日期。"), field="ended_on")
    if ended_on < locked.started_on or ended_on > timezone.localdate():
        raise DomainError(_("离任日期应在任职日期和今天之间。"), field="ended_on")
    locked.ended_on = ended_on
    locked.end_reason = text_clean(reason, label=_("离任原因"), field="reason", minimum=2, maximum=REASON_MAX)
    locked.save(update_fields=["ended_on", "end_reason"])
    audit_event_record(
        actor=actor,
        verb="body.member_ended",
        target=locked,
        area=locked.body.area,
        summary={
            "body": locked.body.name,
            "resident": locked.resident.name,
            "post": locked.post,
            "until": ended_on.isoformat(),
            "reason": locked.end_reason,
        },
    )
    return locked


@transaction.atomic
def representation_set(*, actor: User, membership: Membership, households: Iterable[Household]) -> Membership:
    """The households a current representative represents (replacing the list)."""
    authorize(actor, "bodies.manage", membership)
    locked = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("body__area", "resident")
        .get(pk=membership.pk)
    )
    if locked.body.kind != BodyKind.REPRESENTATIVES or locked.post != Post.REPRESENTATIVE:
        raise DomainError(_("只有代表才联系户。"), field="households")
    if locked.ended_on is not None:
        raise DomainError(_("这位代表已经离任。"), field="households")
    chosen = {household.pk: household for household in households}
    if len(chosen) > HOUSEHOLDS_MAX:
        raise DomainError(_("联系户不能超过%(n)d户。") % {"n": HOUSEHOLDS_MAX}, field="households")
    if any(household.community_id != locked.body.area_id for household in chosen.values()):
        raise DomainError(_("只能联系本村(社区)的户。"), field="households")
    taken = (
        Representation.objects.filter(
            household_id__in=chosen, membership__body=locked.body, membership__ended_on=None
        )
        .exclude(membership=locked)
        .select_related("household", "membership__resident")
        .first()
    )
    if taken is not None:
        raise Conflict(
            _("%(household)s已由代表%(name)s联系。")
            % {"household": taken.household.number, "name": taken.membership.resident.name},
            code="household_taken",
        )
    before = set(locked.households.values_list("household_id", flat=True))
    if before == set(chosen):
        return locked
    locked.households.all().delete()
    Representation.objects.bulk_create(
        [Representation(membership=locked, household=h) for h in chosen.values()]
    )
    audit_event_record(
        actor=actor,
        verb="body.represented",
        target=locked,
        area=locked.body.area,
        summary={
            "body": locked.body.name,
            "resident": locked.resident.name,
            "households": len(chosen),
            "added": len(set(chosen) - before),
            "removed": len(before - set(chosen)),
        },
    )
    return locked
