"""Pages of a community's bodies: who sits on them (staff, the supervisory committee, the township, party
members), keeping them (staff, the township office), the township's view of every community's warnings, and
the public page of the members of the party organisation and the two committees (公示: names and posts)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import Area
from gongzhi.areas.selectors import community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import public_page_cache, require_perm, search_indexable, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.residents.codes import HEAD_RELATION
from gongzhi.residents.models import Household, Resident
from gongzhi.residents.selectors import resident_get_for, resident_list_for

from . import actions, overview, selectors
from .forms import BodyCreateForm, BodyEditForm, HouseholdsForm, MemberEndForm, MemberForm
from .models import Body, BodyKind, Membership, Post
from .roles import KEEPERS

PUBLIC_SECONDS = 60  # a change of members shows to cookie-less visitors within a minute
PICK_SHOWN = 10


def _form_error(form, exc: DomainError) -> None:
    """A refusal the user can act on goes on the form; not allowed (403) and not found (404) stay what they are."""
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _groups(community: Area) -> list[tuple[int, str]]:
    return list(selectors.resident_groups_of(community).values_list("pk", "name"))


def _group(community: Area, group_id: int | None) -> Area | None:
    return selectors.resident_group_of(community, group_id)


# --- Reading -------------------------------------------------------------------------------------


@require_perm("bodies.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The viewer's communities, each with its bodies' warnings and 一肩挑 (the township's view), in the
    register's order; one community goes straight to its page."""
    communities = list(selectors.communities_for(viewer=request.user))
    if len(communities) == 1:
        return redirect("bodies:community", community_id=communities[0].pk)
    rows = [overview.community_summary(community) for community in communities]
    return render(request, "bodies/index.html", {"rows": rows})


@require_perm("bodies.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    context = {
        "overview": overview.community_overview(area),
        "community": area,
        "can_manage": can(request.user, "bodies.manage", area),
    }
    return render(request, "bodies/community.html", context)


@require_perm("bodies.view")
@require_safe
def body(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.body_get_for(viewer=request.user, body_id=pk)
    context = {
        "o": overview.body_overview(found),
        "body": found,
        "past": overview.past_members(found),
        "can_manage": can(request.user, "bodies.manage", found),
        "shoulder": selectors.shoulder_one(found.area) if found.kind in overview.PUBLIC_KINDS[:2] else None,
    }
    return render(request, "bodies/body.html", context)


# --- Keeping -------------------------------------------------------------------------------------


@require_perm("bodies.manage")
@require_http_methods(["GET", "POST"])
def body_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=KEEPERS)
    groups = _groups(area)
    form = BodyCreateForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.body_create(
                actor=request.user,
                area=area,
                kind=data["kind"],
                name=data["name"],
                group=_group(area, data["group"]),
                meeting_rule=data["meeting_rule"],
                proxies_allowed=data["proxies_allowed"],
                duties=data["duties"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已登记「%(name)s」。") % {"name": made.name})
            return redirect("bodies:body", pk=made.pk)
    return render(request, "bodies/body_new.html", {"form": form, "community": area})


def _kept_body(request: AuthenticatedHttpRequest, pk: int) -> Body:
    found = selectors.body_get_for(viewer=request.user, body_id=pk)
    if not can(request.user, "bodies.manage", found):
        raise NotPermitted()
    return found


@require_perm("bodies.manage")
@require_http_methods(["GET", "POST"])
def body_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept_body(request, pk)
    initial = {
        "name": found.name,
        "meeting_rule": found.meeting_rule,
        "proxies_allowed": found.proxies_allowed,
        "duties": found.duties,
        "active": found.active,
    }
    form = BodyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.body_update(actor=request.user, body=found, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("bodies:body", pk=found.pk)
    return render(request, "bodies/body_edit.html", {"form": form, "body": found})


@require_perm("bodies.manage")
@require_http_methods(["GET", "POST"])
def member_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Pick a resident of the community on the register (search, never retyped), then the post."""
    found = _kept_body(request, pk)
    if not found.members_typed:
        messages.info(request, _("这个会议的组成人员由登记信息自动得出，不需要逐个登记。"))
        return redirect("bodies:body", pk=found.pk)
    resident_id = id_from(request.POST.get("resident") or request.GET.get("resident"))
    resident = _resident(request, found, resident_id) if resident_id else None
    if resident is None:
        q = (request.GET.get("q") or "").strip()[:50]
        matches = (
            list(resident_list_for(viewer=request.user, area_id=found.area_id, q=q)[:PICK_SHOWN]) if q else []
        )
        return render(request, "bodies/member_pick.html", {"body": found, "q": q, "matches": matches})
    groups = _groups(found.area)
    form = MemberForm(
        request.POST or None,
        kind=found.kind,
        groups=groups,
        initial={"resident": resident.pk, "started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.membership_add(
                actor=request.user,
                body=found,
                resident=resident,
                post=data["post"],
                started_on=data["started_on"],
                title=data["title"],
                term=data["term"],
                group=_group(found.area, data.get("group")),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("已登记%(name)s为「%(body)s」成员。") % {"name": resident.name, "body": found.name}
            )
            return redirect("bodies:body", pk=found.pk)
    return render(request, "bodies/member_new.html", {"body": found, "resident": resident, "form": form})


def _resident(request: AuthenticatedHttpRequest, found: Body, resident_id: int) -> Resident:
    """A resident of the body's community, through the register's own scope (404 for anyone else)."""
    resident = resident_get_for(viewer=request.user, resident_id=resident_id)
    if resident.community_id != found.area_id:
        raise NotFound()
    return resident


def _kept_membership(request: AuthenticatedHttpRequest, pk: int) -> Membership:
    found = selectors.membership_get_for(viewer=request.user, membership_id=pk)
    if not can(request.user, "bodies.manage", found):
        raise NotPermitted()
    return found


@require_perm("bodies.manage")
@require_http_methods(["GET", "POST"])
def member_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = _kept_membership(request, pk)
    form = MemberEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.membership_end(
                actor=request.user,
                membership=membership,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已登记%(name)s离任。") % {"name": membership.resident.name})
            return redirect("bodies:body", pk=membership.body_id)
    return render(request, "bodies/member_end.html", {"membership": membership, "form": form})


def household_choices(membership: Membership) -> list[tuple[int, str]]:
    """The community's households, by resident group and number, each with its head's name (the staff's
    register view); a household another representative already represents says who."""
    body = membership.body
    taken = selectors.households_taken(body, besides=membership)
    heads = dict(
        Resident.objects.filter(
            community=body.area, relation_to_head=HEAD_RELATION, status="active"
        ).values_list("household_id", "name")
    )
    groups = dict(Area.objects.filter(path__startswith=body.area.path).values_list("path", "name"))
    choices = []
    for household in Household.objects.filter(community=body.area).order_by("area_path", "number", "id"):
        where = groups.get(household.area_path, "")
        label = f"{household.number} {heads.get(household.pk, '')}".strip()
        if where:
            label = f"{label}（{where}）"
        if household.pk in taken:
            label += _("——已由代表%(name)s联系") % {"name": taken[household.pk]}
        choices.append((household.pk, label))
    return choices


@require_perm("bodies.manage")
@require_http_methods(["GET", "POST"])
def member_households(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = _kept_membership(request, pk)
    if membership.body.kind != BodyKind.REPRESENTATIVES or membership.post != Post.REPRESENTATIVE:
        raise NotFound()
    form = HouseholdsForm(
        request.POST or None,
        choices=household_choices(membership),
        taken=set(selectors.households_taken(membership.body, besides=membership)),
        initial={"households": selectors.representation_households(membership)},
    )
    if request.method == "POST" and form.is_valid():
        chosen = selectors.households_of(membership.body.area, form.cleaned_data["households"])
        try:
            actions.representation_set(actor=request.user, membership=membership, households=chosen)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("已登记代表%(name)s联系%(n)d户。") % {"name": membership.resident.name, "n": len(chosen)},
            )
            return redirect("bodies:body", pk=membership.body_id)
    return render(request, "bodies/member_households.html", {"membership": membership, "form": form})


# --- Public --------------------------------------------------------------------------------------


@require_safe
@public_page_cache(PUBLIC_SECONDS)
@translate_errors
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    """The current members of the party organisation, the committee and the supervisory committee: names and
    posts, as posted publicly (公示); no login."""
    area = community_public_get(community_id)
    context = {"community": area, "bodies": overview.public_members(area), "indexable": area.search_indexing}
    return search_indexable(render(request, "bodies/public.html", context), area.search_indexing)
