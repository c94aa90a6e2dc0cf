"""Reading residents' proposals: public lists and counts for anyone, drafts for their author and staff,
the register's bases for the statutory thresholds, and the thread with hidden posts shown as hidden."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_name
from gongzhi.core.pii import pii_redact
from gongzhi.residents.models import Household, Resident

from .. import proposal_thresholds as th
from ..models import AuthorShown, Decision, Proposal, ProposalPost, ProposalSignature, ProposalState
from ..roles.proposals import MODERATORS, SIGN_ASSISTERS, WATCHERS

PUBLIC_STATES = (
    ProposalState.GATHERING,
    ProposalState.SUBMITTED,
    ProposalState.ACCEPTED,
    ProposalState.ANSWERED,
    ProposalState.CLOSED,
)
# States in which the thread takes new posts.
THREAD_STATES = (
    ProposalState.GATHERING,
    ProposalState.SUBMITTED,
    ProposalState.ACCEPTED,
    ProposalState.ANSWERED,
)


def adult_born_by(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 18, day=28)


def resident_of(user) -> Resident | None:
    """The user's own active entry in the register, if any."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Resident.objects.filter(user=user, status="active").select_related("community", "household").first()
    )


def proposals_public(community: Area) -> QuerySet[Proposal]:
    """A community's proposals on its public list (no login): opened ones, newest first."""
    return (
        Proposal.objects.filter(community=community, state__in=PUBLIC_STATES)
        .select_related("community", "author_resident", "group")
        .annotate(signed=Count("signatures"))
        .order_by("-opened_at", "-id")
    )


def proposals_mine(*, viewer) -> QuerySet[Proposal]:
    if not viewer.is_authenticated:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(author=viewer)
        .select_related("community")
        .annotate(signed=Count("signatures"))
    )


def proposal_get_for(*, viewer, proposal_id: int) -> Proposal:
    """A proposal anyone may read once opened; a draft or a withdrawn one only to its author and staff."""
    found = (
        Proposal.objects.select_related("community", "author_resident", "group", "meeting")
        .filter(pk=proposal_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if found.state not in PUBLIC_STATES and not (
        viewer.is_authenticated and can(viewer, "proposals.view_draft", found)
    ):
        raise NotFound()
    return found


def proposal_public_text(text: str) -> str:
    """Proposal texts are public: personal data in them is redacted on the way out (decision 0024)."""
    return pii_redact(text)


def author_label(proposal: Proposal) -> str:
    """How the public pages name the author: as they chose, masked by default."""
    resident = proposal.author_resident
    if proposal.group is not None:
        return _("%(group)s（由小组推选的代表代小组提议）") % {"group": proposal.group.name}
    if proposal.author_shown == AuthorShown.NAME:
        return resident.name
    if proposal.author_shown == AuthorShown.GROUP:
        group = Area.objects.filter(
            kind=AreaKind.RESIDENT_GROUP, path__lte=resident.area_path, path__gt=proposal.community.path
        ).first()
        place = group.name if group is not None else proposal.community.name
        return _("%(place)s居民") % {"place": place}
    return mask_name(resident.name)


def _group_areas(community: Area) -> QuerySet[Area]:
    return Area.objects.filter(kind=AreaKind.RESIDENT_GROUP, path__startswith=community.path)


def representatives_of(community: Area, on: dt.date | None = None) -> set[int]:
    """Resident ids of the current representatives of the community's representatives' body."""
    body = body_of_kind(community, BodyKind.REPRESENTATIVES)
    if body is None:
        return set()
    return {m.resident_id for m in memberships_current(body, on) if m.post == Post.REPRESENTATIVE}


def group_led_by(resident: Resident, community: Area) -> Area | None:
    """The resident group the resident speaks for: the group that chose them as its representative
    (城市居民委员会组织法 art. 9: each group elects its representatives; 村民委员会组织法 art. 25). The
    register's bodies keep no 组长 post (a group's meeting is derived), so this is who proposes or signs
    for a group (decision 0041)."""
    body = body_of_kind(community, BodyKind.REPRESENTATIVES)
    if body is None:
        return None
    for membership in memberships_current(body).select_related("group"):
        if membership.resident_id == resident.pk and membership.group_id is not None:
            return membership.group
    return None


def proposal_bases(community: Area, on: dt.date | None = None) -> dict[str, int]:
    """The thresholds' bases, from the register and the bodies on the day: adults (18 or over, active),
    households with an active member, resident groups, current representatives."""
    day = on or timezone.localdate()
    adults = Resident.objects.filter(
        area_path__startswith=community.path, status="active", birth_date__lte=adult_born_by(day)
    ).count()
    households = (
        Household.objects.filter(area_path__startswith=community.path, members__status="active")
        .distinct()
        .count()
    )
    return {
        th.ADULTS: adults,
        th.HOUSEHOLDS: households,
        th.GROUPS: _group_areas(community).count(),
        th.REPS: len(representatives_of(community, day)),
    }


def proposal_signed(proposal: Proposal, on: dt.date | None = None) -> dict[str, int]:
    rows = list(
        ProposalSignature.objects.filter(proposal=proposal).values_list(
            "resident_id", "resident__household_id", "for_group_id"
        )
    )
    reps = representatives_of(proposal.community, on)
    return {
        th.ADULTS: len(rows),
        th.HOUSEHOLDS: len({household for _r, household, _g in rows if household is not None}),
        th.GROUPS: len({group for _r, _h, group in rows if group is not None}),
        th.REPS: len({resident for resident, _h, _g in rows if resident in reps}),
    }


@dataclass(frozen=True)
class SignatureCount:
    """The public count: "已有 N 人联名，须 M 人", and each route of the statute."""

    signed: int
    progress: th.Progress
    law: str
    community_type: str = th.VILLAGE

    @property
    def headline(self) -> str:
        line = self.progress.lines[0] if self.progress.lines else None
        if line is None:
            return _("已有 %(n)d 人联名") % {"n": self.signed}
        if line.needed is None:
            return _("已有 %(n)d 人联名") % {"n": self.signed}
        return _("已有 %(n)d 人联名，须 %(m)d 人") % {"n": self.signed, "m": line.needed}

    @property
    def routes(self) -> list[str]:
        out = []
        for line in self.progress.lines:
            label = th.base_name(self.community_type, line.route.base)
            unit = th.BASE_UNITS[line.route.base]
            share = f"{line.route.share.numerator}/{line.route.share.denominator}"
            if line.needed is None:
                out.append(_("%(label)s：尚无登记，不能按此计算") % {"label": label})
            else:
                out.append(
                    _("%(label)s %(share)s以上：已有 %(n)d%(unit)s，须 %(m)d%(unit)s（共 %(base)d%(unit)s）")
                    % {
                        "label": label,
                        "share": share,
                        "n": line.signed,
                        "m": line.needed,
                        "unit": unit,
                        "base": line.base,
                    }
                )
        return out


def proposal_count(proposal: Proposal, *, bases: dict[str, int] | None = None) -> SignatureCount:
    """The count against the statute's threshold on the register of today (`bases`: the community's, when a
    list has read them once for all its proposals)."""
    threshold = th.threshold_for(proposal.community.community_type, proposal.asks)
    signed = proposal_signed(proposal)
    progress = th.progress(threshold, bases=bases or proposal_bases(proposal.community), signed=signed)
    return SignatureCount(
        signed=signed[th.ADULTS],
        progress=progress,
        law=threshold.law if threshold else "",
        community_type=proposal.community.community_type,
    )


def signature_of(proposal: Proposal, user) -> ProposalSignature | None:
    resident = resident_of(user)
    if resident is None:
        return None
    return ProposalSignature.objects.filter(proposal=proposal, resident=resident).first()


def residents_to_sign_for(*, viewer, proposal: Proposal, q: str) -> list[Resident]:
    """Residents of the proposal's community in the assister's register scope, by name (for assisted signing)."""
    q = (q or "").strip()[:50]
    if not q:
        return []
    return list(
        Resident.objects.filter(
            scope_q(paths_for(viewer, SIGN_ASSISTERS)), community=proposal.community, status="active"
        )
        .filter(name__contains=q)
        .order_by("name_sort", "id")[:10]
    )


def resident_to_sign_for(*, viewer, proposal: Proposal, resident_id: int) -> Resident:
    found = (
        Resident.objects.filter(scope_q(paths_for(viewer, SIGN_ASSISTERS)), community=proposal.community)
        .select_related("household")
        .filter(pk=resident_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class PostView:
    id: int
    at: dt.datetime
    who: str
    capacity: str
    body: str  # "" when hidden (unless the viewer moderates)
    hidden: bool
    hidden_reason: str
    mine: bool


def thread_of(*, viewer, proposal: Proposal) -> list[PostView]:
    """The proposal's thread for anyone who may read the proposal: residents named masked, staff as staff,
    organisations by name; a hidden post shows its reason, its text only to moderators."""
    moderator = viewer.is_authenticated and can(viewer, "proposals.moderate", proposal)
    out = []
    posts = list(ProposalPost.objects.filter(proposal=proposal).select_related("author"))
    names = dict(
        Resident.objects.filter(user_id__in={p.author_id for p in posts}).values_list("user_id", "name")
    )
    for post in posts:
        if post.capacity == "organisation":
            who = _("%(name)s（协同参与）") % {"name": post.organisation}
        elif post.capacity == "staff":
            who = _("%(community)s工作人员") % {"community": proposal.community.name}
        else:
            who = mask_name(names.get(post.author_id) or post.author.display_name or post.author.username)
        hidden = post.hidden_at is not None
        out.append(
            PostView(
                id=post.pk,
                at=post.created_at,
                who=who,
                capacity=post.capacity,
                body=proposal_public_text(post.body) if (not hidden or moderator) else "",
                hidden=hidden,
                hidden_reason=post.hidden_reason,
                mine=viewer.is_authenticated and post.author_id == viewer.pk,
            )
        )
    return out


def post_get_for(*, viewer, proposal: Proposal, post_id: int) -> ProposalPost:
    found = ProposalPost.objects.filter(proposal=proposal, pk=post_id).first()
    if found is None:
        raise NotFound()
    return found


def proposals_due_for(*, viewer) -> QuerySet[Proposal]:
    """Proposals whose statutory threshold made a meeting due and no meeting is linked yet, in the viewer's
    scope (the community's staff, the township office, the supervisory committee), soonest due first."""
    return (
        Proposal.objects.filter(
            scope_q(paths_for(viewer, WATCHERS)), meeting_due_on__isnull=False, meeting=None
        )
        .exclude(state=ProposalState.WITHDRAWN)
        .select_related("community")
        .order_by("meeting_due_on", "id")
    )


def decision_of(proposal: Proposal) -> Decision | None:
    """The 四议两公开 decision an accepted proposal started (its origin), if any."""
    return Decision.objects.filter(
        origin_app="selfgov", origin_model="proposal", origin_id=proposal.pk
    ).first()


def proposals_waiting_for(*, viewer) -> QuerySet[Proposal]:
    """Submitted proposals waiting for the party organisation's answer, in the staff's scope."""
    return Proposal.objects.filter(
        scope_q(paths_for(viewer, MODERATORS)), state=ProposalState.SUBMITTED
    ).select_related("community")
