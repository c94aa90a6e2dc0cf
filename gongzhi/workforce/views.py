"""Pages of the workforce (phones first, no JavaScript needed): the index (the viewer's community's public list;
for the staff, the communities they read), a community's staffing page (people in posts, the gap, the bodies'
members, the contracts, the appointment form with a register search), one appointment (training, vacating), the
township's staffing table with its Excel export and the targets, the post catalogue, and the contracts."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import CommunityType
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from
from gongzhi.core.posts import post_sources

from . import actions, selectors
from .exports import gap_workbook
from .models import Duty, PostLevel
from .roles import KEEPERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _yes(raw) -> bool:
    return str(raw or "").strip().lower() in ("1", "on", "yes", "true")


@require_perm("workforce.browse")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    home = selectors.home_community(request.user)
    context = {
        "home": home,
        "public": selectors.public_list(home) if home is not None else [],
        "communities": list(selectors.communities_for(viewer=request.user)),
        "may_view": can(request.user, "workforce.view"),
        "may_edit_posts": can(request.user, "workforce.edit_posts"),
    }
    return render(request, "workforce/index.html", context)


@require_perm("workforce.browse")
@require_safe
def public(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.public_community_get(viewer=request.user, community_id=community_id)
    return render(
        request, "workforce/public.html", {"community": community, "rows": selectors.public_list(community)}
    )


@require_perm("workforce.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    found = selectors.community_get_for(viewer=request.user, community_id=community_id)
    keeper = can(request.user, "workforce.keep", found)
    q = request.GET.get("q", "").strip()[:50]
    contracts = selectors.contracts_of(found)
    today = timezone.localdate()
    context = {
        "community": found,
        "current": list(selectors.appointments_of(found)),
        "elsewhere": selectors.held_elsewhere([found]).get(found.pk, []),
        "sources": [
            (t, selectors.kept_in_label(t)) for t in selectors.post_types() if selectors.kept_elsewhere(t)
        ],
        "past": list(selectors.appointments_of(found, current=False)[:50]),
        "gap": selectors.gap_of(found),
        "bodies": selectors.body_members_of(found),
        "contracts": [(c, selectors.contract_ended(c, today)) for c in contracts],
        "keeper": keeper,
        "may_set_target": can(request.user, "workforce.set_target", found),
        "q": q,
        "candidates": selectors.candidates_for(viewer=request.user, community=found, q=q) if keeper else [],
        "post_types": selectors.appointable_post_types(),
        "places": [(label, selectors.areas_of_level(found, level)) for level, label in PostLevel.choices],
        "today": today.isoformat(),
    }
    return render(request, "workforce/community.html", context)


@require_perm("workforce.keep")
@require_POST
def appoint(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    found = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=KEEPERS)
    post = request.POST
    back = reverse("workforce:community", args=[found.pk])

    def run():
        post_type = next((t for t in selectors.post_types() if t.pk == id_from(post.get("post_type"))), None)
        if post_type is None:
            raise DomainError(_("请选择岗位。"), field="post_type")
        resident = selectors.candidate_get(viewer=request.user, resident_id=id_from(post.get("resident")))
        contract = None
        if post.get("contract"):
            contract = next(
                (c for c in selectors.contracts_of(found) if c.pk == id_from(post.get("contract"))), None
            )
            if contract is None:
                raise DomainError(_("这份购买服务合同不是本村(社区)的。"), field="contract")
        return actions.appointment_create(
            actor=request.user,
            community=found,
            post_type=post_type,
            area=selectors.area_get(id_from(post.get("area"))),
            resident=resident,
            started_on=post.get("started_on"),
            term_ends_on=post.get("term_ends_on"),
            contract=contract,
        )

    return move_answer(request, run=run, success=_("已登记任职。"), back=back)


@require_perm("workforce.view")
@require_safe
def appointment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.appointment_get_for(viewer=request.user, appointment_id=pk)
    context = {
        "a": found,
        "trainings": selectors.trainings_of(found),
        "keeper": can(request.user, "workforce.keep", found),
        "contract_ended": found.contract is not None and selectors.contract_ended(found.contract),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "workforce/appointment.html", context)


@require_perm("workforce.keep")
@require_POST
def vacate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.appointment_get_for(viewer=request.user, appointment_id=pk)
    return move_answer(
        request,
        run=lambda: actions.appointment_vacate(
            actor=request.user,
            appointment=found,
            vacated_on=request.POST.get("vacated_on"),
            reason=request.POST.get("reason", ""),
        ),
        success=_("已登记离岗。"),
        back=reverse("workforce:appointment", args=[found.pk]),
    )


@require_perm("workforce.keep")
@require_POST
def train(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.appointment_get_for(viewer=request.user, appointment_id=pk)
    post = request.POST
    return move_answer(
        request,
        run=lambda: actions.training_add(
            actor=request.user,
            appointment=found,
            held_on=post.get("held_on"),
            title=post.get("title", ""),
            hours=post.get("hours"),
            organiser=post.get("organiser", ""),
        ),
        success=_("已登记培训。"),
        back=reverse("workforce:appointment", args=[found.pk]),
    )


# --- The township: staffing table, export, targets, catalogue --------------------------------


@require_perm("workforce.view")
@require_safe
def staffing(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.gap_table_for(viewer=request.user)
    return render(request, "workforce/staffing.html", {"rows": rows})


@require_perm("workforce.export")
@require_safe
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.gap_table_for(viewer=request.user)
    content = gap_workbook(rows)
    actions.gap_export_record(actor=request.user, rows=len(rows))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="workforce-staffing.xlsx"'
    return response


@require_perm("workforce.set_target")
@require_http_methods(["GET", "POST"])
def target(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    from .roles import TOWNSHIP

    found = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=TOWNSHIP)
    types = selectors.post_types()
    if request.method == "POST":
        chosen = {id_from(v) for v in request.POST.getlist("covered")}
        return move_answer(
            request,
            run=lambda: actions.target_set(
                actor=request.user,
                community=found,
                min_workers=request.POST.get("min_workers"),
                covered=[t for t in types if t.pk in chosen],
            ),
            success=_("已保存%(name)s的队伍配备目标。") % {"name": found.name},
            back=reverse("workforce:target", args=[found.pk]),
        )
    current, is_default = selectors.target_or_default(found)
    context = {
        "community": found,
        "target": current,
        "is_default": is_default,
        "covered": {t.pk for t in current.covered.all()} if current else set(),
        "types": types,
    }
    return render(request, "workforce/target.html", context)


@require_perm("workforce.view")
@require_http_methods(["GET", "POST"])
def defaults(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The default staffing target of each kind of community; the township office edits them."""
    may_edit = can(request.user, "workforce.set_defaults")
    types = selectors.post_types()
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        chosen = {id_from(v) for v in request.POST.getlist("covered")}
        return move_answer(
            request,
            run=lambda: actions.default_target_set(
                actor=request.user,
                community_type=request.POST.get("community_type", "")[:10],
                min_workers=request.POST.get("min_workers"),
                covered=[t for t in types if t.pk in chosen],
            ),
            success=_("已保存默认配备目标。"),
            back=reverse("workforce:defaults"),
        )
    found = selectors.default_targets()
    rows = [
        (
            value,
            label,
            found.get(value),
            {t.pk for t in found[value].covered.all()} if value in found else set(),
        )
        for value, label in CommunityType.choices
    ]
    return render(request, "workforce/defaults.html", {"rows": rows, "types": types, "may_edit": may_edit})


@require_perm("workforce.browse")
@require_http_methods(["GET", "POST"])
def posts(request: AuthenticatedHttpRequest) -> HttpResponse:
    may_edit = can(request.user, "workforce.edit_posts")
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        post = request.POST
        existing = None
        if post.get("post_type"):
            existing = next(
                (
                    t
                    for t in selectors.post_types(active_only=False)
                    if t.pk == id_from(post.get("post_type"))
                ),
                None,
            )
            if existing is None:
                raise Http404()
        return move_answer(
            request,
            run=lambda: actions.post_type_save(
                actor=request.user,
                post_type=existing,
                name=post.get("name", ""),
                group=post.get("group", ""),
                level=post.get("level", ""),
                duty=post.get("duty", ""),
                counts_as_worker=_yes(post.get("counts_as_worker")),
                active=_yes(post.get("active")) if existing is not None else True,
                kept_in=post.get("kept_in"),
            ),
            success=_("已保存岗位。"),
            back=reverse("workforce:posts"),
        )
    context = {
        "types": [(t, selectors.kept_in_label(t)) for t in selectors.post_types(active_only=False)],
        "sources": post_sources(),
        "may_edit": may_edit,
        "levels": PostLevel.choices,
        "duties": Duty.choices,
    }
    return render(request, "workforce/posts.html", context)


# --- Purchased services ----------------------------------------------------------------------


@require_perm("workforce.keep")
@require_http_methods(["GET", "POST"])
def contract_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    found = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=KEEPERS)
    organisations = list(selectors.organisations_for(found))
    if request.method == "POST":
        post = request.POST
        try:
            scan = actions.contract_scan_check(request.FILES.get("scan"))
            made = actions.contract_save(
                actor=request.user,
                community=found,
                organisation=next(
                    (o for o in organisations if o.pk == id_from(post.get("organisation"))), None
                ),
                number=post.get("number", ""),
                amount=post.get("amount"),
                starts_on=post.get("starts_on"),
                ends_on=post.get("ends_on"),
                scope=post.get("scope", ""),
                scan=scan,
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已登记购买服务合同。"))
            return redirect("workforce:contract", pk=made.pk)
    context = {
        "community": found,
        "organisations": organisations,
        "post": request.POST if request.method == "POST" else None,
    }
    return render(request, "workforce/contract_form.html", context)


@require_perm("workforce.view")
@require_safe
def contract(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.contract_get_for(viewer=request.user, contract_id=pk)
    context = {
        "contract": found,
        "ended": selectors.contract_ended(found),
        "appointments": list(found.appointments.select_related("post_type", "area", "resident")),
    }
    return render(request, "workforce/contract.html", context)


@require_perm("workforce.view")
@require_safe
def contract_scan(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    found = selectors.contract_get_for(viewer=request.user, contract_id=pk)
    if not found.scan_path:
        raise Http404()
    path = Path(settings.DATA_DIR) / found.scan_path
    if not path.is_file():
        raise Http404()
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="contract.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
