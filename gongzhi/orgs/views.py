"""Pages of the registry of social organisations: the list (per community and the township's), one
organisation, registering and correcting it (its keepers), its profile (its representatives too), its state
and representatives; and each community's public page of its registered organisations (no personal data)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, public_page_cache, require_perm, search_indexable, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.lifecycle import lifecycle_moves_for
from gongzhi.core.masking import mask_name

from . import actions, selectors
from .forms import MoveForm, OrganisationForm, ProfileForm, RepresentativeForm
from .models import Organisation, OrgState

PUBLIC_SECONDS = 60


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _community_choices(home: Area) -> list[tuple[int, str]]:
    if home.kind != AreaKind.TOWNSHIP:
        return []
    return list(
        Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=home.path)
        .order_by("path")
        .values_list("pk", "name")
    )


def _communities(home: Area, ids) -> list[Area]:
    return list(Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=home.path, pk__in=ids or []))


@require_perm("orgs.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    communities = list(selectors.communities_for(viewer=request.user))
    community_id = id_from(request.GET.get("community"))
    community = next((c for c in communities if c.pk == community_id), None)
    state = request.GET.get("state", "")
    state = state if state in OrgState.values else ""
    found = selectors.organisation_list_for(viewer=request.user, community=community, state=state)
    context = {
        "page": paginate(request, found.distinct()),
        "communities": communities,
        "community": community,
        "state": state,
        "states": OrgState.choices,
        "homes": list(selectors.homes_for(viewer=request.user)),
    }
    return render(request, "orgs/index.html", context)


@require_perm("orgs.keep")
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedHttpRequest, home_id: int) -> HttpResponse:
    home = selectors.home_get_for(viewer=request.user, area_id=home_id)
    form = OrganisationForm(request.POST or None, communities=_community_choices(home))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.organisation_register(
                actor=request.user,
                home=home,
                name=data["name"],
                kind=data["kind"],
                authority=data["authority"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                serves_all=data.get("serves_all", False),
                communities=_communities(home, data.get("communities")),
                credit_code=data["credit_code"],
                filing_number=data["filing_number"],
                filed_on=data["filed_on"],
                description=data["description"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已登记「%(name)s」，待审核。") % {"name": made.name})
            return redirect("orgs:detail", pk=made.pk)
    return render(request, "orgs/form.html", {"form": form, "home": home, "organisation": None})


@require_perm("orgs.view")
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.organisation_get_for(viewer=request.user, organisation_id=pk)
    may_keep = can(request.user, "orgs.keep", found)
    context = {
        "org": found,
        "served_names": "、".join(c.name for c in selectors.communities_served(found)),
        "representatives": [
            {"pk": a.pk, "who": f"{mask_name(a.user.display_name)}（{a.user.username}）"}
            for a in selectors.representatives_of(found)
        ],
        "may_keep": may_keep,
        "may_edit_profile": can(request.user, "orgs.edit_profile", found) and found.state != OrgState.ENDED,
        "moves": lifecycle_moves_for(found, request.user),
        "representative_form": RepresentativeForm(),
    }
    return render(request, "orgs/detail.html", context)


def _kept(request: AuthenticatedHttpRequest, pk: int, perm: str = "orgs.keep") -> Organisation:
    found = selectors.organisation_get_for(viewer=request.user, organisation_id=pk)
    if not can(request.user, perm, found):
        raise NotPermitted()
    return found


@require_perm("orgs.keep")
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    initial = {
        "name": found.name,
        "kind": found.kind,
        "credit_code": found.credit_code,
        "filing_number": found.filing_number,
        "filed_on": found.filed_on,
        "authority": found.authority,
        "serves_all": found.serves_all,
        "communities": list(found.communities.values_list("pk", flat=True)),
        "description": found.description,
        "contact_name": found.contact_name,
    }
    form = OrganisationForm(
        request.POST or None,
        initial=initial,
        communities=_community_choices(found.home),
        phone_required=False,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.organisation_update(
                actor=request.user,
                organisation=found,
                name=data["name"],
                kind=data["kind"],
                authority=data["authority"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                serves_all=data.get("serves_all", False),
                communities=_communities(found.home, data.get("communities")),
                credit_code=data["credit_code"],
                filing_number=data["filing_number"],
                filed_on=data["filed_on"],
                description=data["description"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("orgs:detail", pk=found.pk)
    return render(request, "orgs/form.html", {"form": form, "home": found.home, "organisation": found})


@require_perm("orgs.edit_profile")
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk, "orgs.edit_profile")
    initial = {"description": found.description, "contact_name": found.contact_name}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.organisation_profile_update(actor=request.user, organisation=found, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("orgs:detail", pk=found.pk)
    return render(request, "orgs/profile.html", {"form": form, "org": found})


@require_perm("orgs.keep")
@require_POST
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                _("请选择要办理的操作。") if "verb" in form.errors else _("请说明理由（不超过200字）。")
            )
        moved = actions.organisation_move(
            actor=request.user,
            organisation=found,
            verb=form.cleaned_data["verb"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("「%(name)s」现为“%(state)s”。") % {"name": moved.name, "state": moved.get_state_display()},
        )
    return redirect("orgs:detail", pk=found.pk)


@require_perm("orgs.keep")
@require_POST
def representative_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    try:
        user = selectors.representative_account_get(
            viewer=request.user, username=request.POST.get("username", "")
        )
        actions.representative_add(actor=request.user, organisation=found, user=user)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已指定%(user)s为代表。") % {"user": user.label})
    return redirect("orgs:detail", pk=found.pk)


@require_perm("orgs.keep")
@require_POST
def representative_remove(request: AuthenticatedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    found = _kept(request, pk)
    actions.representative_remove(actor=request.user, organisation=found, assignment_id=assignment_id)
    messages.success(request, _("已取消代表身份。"))
    return redirect("orgs:detail", pk=found.pk)


@require_safe
@public_page_cache(PUBLIC_SECONDS)
@translate_errors
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    """A community's registered social organisations: name, kind, introduction, registration; no contact."""
    area = community_public_get(community_id)
    context = {
        "community": area,
        "organisations": list(selectors.public_organisations(area)),
        "indexable": area.search_indexing,
    }
    return search_indexable(render(request, "orgs/public.html", context), area.search_indexing)
