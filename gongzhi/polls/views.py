"""Poll and evaluation pages: a resident's open rounds (voting itself is the ballot box's page), the forms to
open rounds, a round with its results after the close, the public results of a poll, the township's flags."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import translate_errors

from . import actions, selectors
from .forms import EvaluationForm, PollForm
from .models import RoundKind
from .roles import ASKERS, REVIEWERS


def _askable(user):
    paths = paths_for(user, ASKERS)
    kinds = [AreaKind.COMMUNITY, AreaKind.RESIDENT_GROUP]
    township = Q(kind=AreaKind.TOWNSHIP, path__in=paths)
    return (
        Area.objects.filter((Q(kind__in=kinds) & scope_q(paths, field="path")) | township)
        .select_related("parent")
        .order_by("path")
    )


def _reviewable(user):
    communities = Area.objects.filter(
        scope_q(paths_for(user, REVIEWERS), field="path"), kind=AreaKind.COMMUNITY
    )
    return Area.objects.filter(pk__in=[c.pk for c in communities if selectors.supervisory_member(user, c)])


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = selectors.rounds_for(viewer=user)
    return render(
        request,
        "polls/index.html",
        {
            "mine": selectors.rounds_open_for(viewer=user),
            "running": list(visible.filter(closed_at__isnull=True).order_by("closes_at", "pk")[:50]),
            "closed": list(visible.filter(closed_at__isnull=False).order_by("-closed_at", "-pk")[:30]),
            "can_ask": user.has_perm("polls.ask"),
            "can_review": _reviewable(user).exists(),
            "can_flags": user.has_perm("polls.flags"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@translate_errors
def poll_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("polls.ask"):
        raise PermissionDenied()
    form = PollForm(request.POST or None, areas=_askable(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.round_poll_open(
                actor=request.user,
                area=data["area"],
                title=data["title"],
                question=data["question"],
                options=form.option_lines(),
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                public_results=data["public_results"],
            )
        except NotPermitted:
            raise PermissionDenied() from None
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            return redirect("polls:round", pk=round_.pk)
    return render(request, "polls/form.html", {"form": form, "heading": _("发起咨询性投票"), "kind": "poll"})


@require_http_methods(["GET", "POST"])
@login_required
@translate_errors
def evaluation_new(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    communities = _reviewable(request.user)
    if not communities.exists():
        raise PermissionDenied()
    form = EvaluationForm(request.POST or None, areas=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opener = actions.round_review_open if kind == RoundKind.REVIEW else actions.round_satisfaction_open
        try:
            round_ = opener(
                actor=request.user,
                community=data["area"],
                year=data["year"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
            )
        except NotPermitted:
            raise PermissionDenied() from None
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            return redirect("polls:round", pk=round_.pk)
    heading = _("开展民主评议") if kind == RoundKind.REVIEW else _("开展群众评议")
    return render(request, "polls/form.html", {"form": form, "heading": heading, "kind": kind})


def _round_context(request, round_) -> dict:
    user = request.user
    mine = selectors.round_my_box(round_, user)
    return {
        "round": round_,
        "state": selectors.round_state(round_),
        "my_box": mine,
        "voted": mine is not None and selectors.round_has_voted(round_, user),
        "can_close": round_.closed_at is None and user.has_perm(actions.manage_perm(round_), round_),
        "results": selectors.round_results(round_) if round_.closed_at else None,
    }


@require_safe
@login_required
@translate_errors
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for(viewer=request.user, round_id=pk)
    return render(request, "polls/round.html", _round_context(request, round_))


@require_POST
@login_required
@translate_errors
def round_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for(viewer=request.user, round_id=pk)
    try:
        actions.round_close(actor=request.user, round_=round_)
    except NotPermitted:
        raise PermissionDenied() from None
    except DomainError as exc:
        context = _round_context(request, round_)
        context["error"] = exc.message
        return render(request, "polls/round.html", context, status=409)
    return redirect("polls:round", pk=round_.pk)


@require_safe
@translate_errors
def public_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A closed poll's results the askers made public: readable without login."""
    round_ = selectors.round_get_public(round_id=pk)
    return render(
        request,
        "polls/public.html",
        {"round": round_, "state": "closed", "results": selectors.round_results(round_)},
    )


@require_safe
@login_required
def flags(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("polls.flags"):
        raise PermissionDenied()
    return render(
        request, "polls/flags.html", {"seats": list(selectors.flags_for(viewer=request.user)[:200])}
    )
