"""Pages of pairing: the township view and its export, the aims, a community's map of grids, a household's pair
and visits (staff), and "my pairing" (the party member's households; the household's own pair, choice, decline)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.residents.models import Resident

from . import actions, selectors
from .exports import coverage_workbook
from .forms import AimForm, ChooseForm, DeclineForm, EndForm, PairForm, VisitForm
from .models import PairOrigin
from .roles import KEEPERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(raw) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw or "").strip())
    except ValueError:
        return None


def _yes(raw) -> bool:
    return str(raw or "").strip().lower() in ("1", "on", "yes", "true")


# --- The township view -----------------------------------------------------------------------


@require_perm("pairing.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.coverage_for(viewer=request.user)
    context = {
        "rows": rows,
        "aims": selectors.aims_visible_for(viewer=request.user),
        "may_set_aim": can(request.user, "pairing.set_aim"),
    }
    return render(request, "pairing/index.html", context)


@require_perm("pairing.export")
@require_safe
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.coverage_for(viewer=request.user)
    content = coverage_workbook(rows)
    actions.coverage_export_record(actor=request.user, rows=len(rows))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pairing-coverage.xlsx"'
    return response


@require_perm("pairing.set_aim")
@require_safe
def aims(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = list(selectors.aim_areas_for(viewer=request.user))
    by_area = {a.area_id: a for a in selectors.aims_visible_for(viewer=request.user)}
    return render(request, "pairing/aims.html", {"rows": [(area, by_area.get(area.pk)) for area in areas]})


@require_perm("pairing.set_aim")
@require_http_methods(["GET", "POST"])
def aim(request: AuthenticatedHttpRequest, area_id: int) -> HttpResponse:
    area = selectors.aim_area_get_for(viewer=request.user, area_id=area_id)
    tags = selectors.tag_choices()
    current = next((a for a in selectors.aims_visible_for(viewer=request.user) if a.area_id == area.pk), None)
    initial = (
        {"tags": [str(t.pk) for t in current.tags.all()], "per_member_max": current.per_member_max}
        if current
        else {}
    )
    if request.method == "POST":
        wanted = {id_from(v) for v in request.POST.getlist("tags")}
        chosen = [t for t in tags if t.pk in wanted]
        return move_answer(
            request,
            run=lambda: actions.aim_set(
                actor=request.user, area=area, tags=chosen, per_member_max=request.POST.get("per_member_max")
            ),
            success=_("已保存结对目标。"),
            back=reverse("pairing:aim", args=[area.pk]),
        )
    context = {"area": area, "current": current, "form": AimForm(initial=initial, tags=tags)}
    return render(request, "pairing/aim.html", context)


# --- A community and its households ----------------------------------------------------------


@require_perm("pairing.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    context = {
        "community": area,
        "aim": selectors.aim_for(area),
        "tiles": selectors.community_map(area),
    }
    return render(request, "pairing/community.html", context)


@require_perm("pairing.view")
@require_safe
def household(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    found = selectors.household_get_for(viewer=request.user, household_id=household_id)
    may_keep = can(request.user, "pairing.keep", found)
    candidates = selectors.member_candidates(found) if may_keep else []
    context = {
        "household": found,
        "head": selectors.household_head_name(found),
        "tags": selectors.household_tags(found),
        "in_aim": selectors.in_aim(found, selectors.aim_for(found.community)),
        "active": selectors.active_pair(found),
        "pairs": selectors.pairs_of(found),
        "declines": selectors.declines_of(found),
        "decline": selectors.live_decline(found),
        "may_keep": may_keep,
        "pair_form": PairForm(candidates=candidates),
        "decline_form": DeclineForm(),
        "end_form": EndForm(),
        "visit_form": VisitForm(),
        "origins": dict(PairOrigin.choices),
    }
    return render(request, "pairing/household.html", context)


def _kept_household(request, household_id: int):
    return selectors.household_get_for(viewer=request.user, household_id=household_id, roles=KEEPERS)


@require_perm("pairing.keep")
@require_POST
def pair(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    found = _kept_household(request, household_id)
    back = reverse("pairing:household", args=[found.pk])
    member = Resident.objects.filter(
        pk=id_from(request.POST.get("member")) or 0, community=found.community
    ).first()
    if member is None:
        messages.error(request, _("请选择结对党员。"))
        return redirect(back)
    repair = selectors.active_pair(found) is not None and _yes(request.POST.get("repair"))
    return move_answer(
        request,
        run=lambda: actions.pair_make(
            actor=request.user,
            household=found,
            member=member,
            reason=request.POST.get("reason", ""),
            repair=repair,
            chosen=_yes(request.POST.get("chosen")),
            consent_channel=request.POST.get("consent_channel", ""),
        ),
        success=_("已结对，已通知党员和农户。"),
        back=back,
    )


@require_perm("pairing.keep")
@require_POST
def decline(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    found = _kept_household(request, household_id)
    channel = request.POST.get("consent_channel", "")
    if _yes(request.POST.get("undo")):
        run, success = (
            lambda: actions.decline_undo(actor=request.user, household=found, consent_channel=channel),
            _("已撤销谢绝结对。"),
        )
    else:
        run, success = (
            lambda: actions.decline_record(
                actor=request.user,
                household=found,
                declined_on=_date(request.POST.get("declined_on")),
                reason=request.POST.get("reason", ""),
                consent_channel=channel,
            ),
            _("已登记谢绝结对。"),
        )
    return move_answer(request, run=run, success=success, back=reverse("pairing:household", args=[found.pk]))


@require_perm("pairing.keep")
@require_POST
def end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.pair_get_for(viewer=request.user, pair_id=pk)
    return move_answer(
        request,
        run=lambda: actions.pair_end(actor=request.user, pair=found, reason=request.POST.get("reason", "")),
        success=_("结对已结束。"),
        back=reverse("pairing:household", args=[found.household_id]),
    )


@login_required
@require_POST
@translate_errors
def visit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.pair_get_for(viewer=request.user, pair_id=pk)
    staff = can(request.user, "pairing.view", found)
    back = reverse("pairing:household", args=[found.household_id]) if staff else reverse("pairing:mine")
    return move_answer(
        request,
        run=lambda: actions.visit_record(
            actor=request.user,
            pair=found,
            visited_on=_date(request.POST.get("visited_on")),
            what=request.POST.get("what", ""),
            follow_up=_yes(request.POST.get("follow_up")),
            follow_up_text=request.POST.get("follow_up_text", ""),
        ),
        success=_("已记录走访。"),
        back=back,
    )


# --- My pairing ------------------------------------------------------------------------------


@login_required
@require_safe
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = selectors.own_household(viewer=request.user)
    context = {
        "pairs": [
            (p, selectors.household_head_name(p.household))
            for p in selectors.pairs_of_member(viewer=request.user)
        ],
        "own": own,
        "choose_form": ChooseForm(candidates=own.candidates) if own else None,
        "visit_form": VisitForm(),
    }
    return render(request, "pairing/mine.html", context)


def _own_household(request) -> selectors.OwnHousehold:
    own = selectors.own_household(viewer=request.user)
    if own is not None:
        return own
    raise DomainError(_("您的账号没有关联居民登记中的户，不能办理结对。请联系村(社区)工作人员。"))


@login_required
@require_POST
@translate_errors
def choose(request: AuthenticatedHttpRequest) -> HttpResponse:
    def run():
        own = _own_household(request)
        picked = next(
            (c.member for c in own.candidates if c.member.pk == id_from(request.POST.get("member"))), None
        )
        if picked is None:
            raise DomainError(_("请从本网格的党员中选择。"), field="member")
        return actions.pair_make(
            actor=request.user, household=own.household, member=picked, chosen=True,
            repair=own.pair is not None, reason=_("农户自选结对党员") if own.pair is not None else "",
        )  # fmt: skip

    return move_answer(request, run=run, success=_("已选好结对党员。"), back=reverse("pairing:mine"))


@login_required
@require_POST
@translate_errors
def mine_decline(request: AuthenticatedHttpRequest) -> HttpResponse:
    def run():
        own = _own_household(request)
        if _yes(request.POST.get("undo")):
            return actions.decline_undo(actor=request.user, household=own.household)
        return actions.decline_record(
            actor=request.user, household=own.household, reason=request.POST.get("reason", "")
        )

    return move_answer(request, run=run, success=_("已保存。"), back=reverse("pairing:mine"))
