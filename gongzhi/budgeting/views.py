"""Pages of the participatory budget (phones first, no JavaScript): the rounds in reach, a round (staff open and
close proposing, screen, enter a project for a resident, record the 议事会's decision; a seated member ranks),
proposing a project, a project, the public result and a funded project's public page (its spending, its rating),
and the township's catalogue."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import township_of
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.funds.selectors import fund_totals
from gongzhi.photos.http import photo_response
from gongzhi.residents.models import Resident

from . import actions, selectors
from .models import Category, Listing, ProjectPhoto, ProjectState, Ranking, RoundState


def _input(post) -> actions.ProjectInput:
    category = Category.objects.filter(pk=id_from(post.get("category")) or 0).first()
    return actions.ProjectInput(
        title=post.get("title", ""),
        description=post.get("description", ""),
        place=post.get("place", ""),
        cost=post.get("cost", ""),
        category=category,
    )


@require_perm("budgeting.enter")
@require_safe
@translate_errors
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    organised = list(selectors.communities_for(viewer=user, roles=selectors.ORGANISERS))
    townships = Area.objects.filter(kind=AreaKind.TOWNSHIP)
    context = {
        "rounds": selectors.rounds_for(viewer=user).order_by("-year", "area_path"),
        "organised": organised,
        "this_year": timezone.localdate().year,
        "today": timezone.localdate().isoformat(),
        "townships": [t for t in townships if can(user, "budgeting.edit_catalogue", t)],
    }
    return render(request, "budgeting/index.html", context)


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def round_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    place = selectors.community_get_for(viewer=request.user, community_id=community_id)
    post = request.POST
    try:
        made = actions.round_create(
            actor=request.user,
            community=place,
            year=post.get("year", ""),
            opens_on=post.get("opens_on", ""),
            closes_on=post.get("closes_on", ""),
            cap=post.get("cap", "").strip() or None,
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("budgeting:index")
    messages.success(request, _("已建立，请开始征集。"))
    return redirect("budgeting:round", pk=made.pk)


@require_perm("budgeting.enter")
@require_safe
@translate_errors
def round_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = selectors.round_get_for(viewer=user, round_id=pk)
    organiser = can(user, "budgeting.organise", found)
    seat = selectors.seat_of(user, found.community)
    staff_reads = can(user, "budgeting.view", found)
    projects = list(selectors.round_projects(found))
    ranked = seat is not None and Ranking.objects.filter(round=found, membership=seat).exists()
    eligible = [p for p in projects if p.state == ProjectState.ELIGIBLE]
    seats = selectors.council_seats(found.community).count()
    context = {
        "round": found,
        "totals": fund_totals(found.fund),
        "organiser": organiser,
        "staff_reads": staff_reads,
        "projects": projects
        if (staff_reads or seat is not None)
        else [p for p in projects if p.proposer_id == user.pk],
        "may_propose": found.state == RoundState.PROPOSING
        and selectors.resident_entry(user, found.community) is not None,
        "may_rank": seat is not None
        and not ranked
        and found.state == RoundState.RANKING
        and eligible
        and not any(p.state == ProjectState.SUBMITTED for p in projects),
        "ranked": ranked,
        "eligible": eligible,
        "positions": range(1, len(eligible) + 1),
        "rankings": found.rankings.count(),
        "seats": seats,
        "residents": Resident.objects.filter(community=found.community, status="active").order_by("name")[
            :500
        ]
        if organiser and found.state == RoundState.PROPOSING
        else [],
        "categories": selectors.categories_offered(township_of(found.community)),
        "priority": selectors.categories_offered(township_of(found.community)).filter(
            listing=Listing.PRIORITY
        ),
        "excluded": selectors.categories_excluded(township_of(found.community)),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "budgeting/round.html", context)


def _round_move(request, pk: int, run, success: str) -> HttpResponse:
    found = selectors.round_get_for(viewer=request.user, round_id=pk)
    return move_answer(
        request, run=lambda: run(found), success=success, back=reverse("budgeting:round", args=[pk])
    )


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def round_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _round_move(
        request, pk, lambda r: actions.round_open(actor=request.user, round_=r), _("已开始征集。")
    )


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def round_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _round_move(
        request,
        pk,
        lambda r: actions.round_close(actor=request.user, round_=r),
        _("已截止征集，请议事会排序。"),
    )


@require_perm("budgeting.propose")
@require_http_methods(["GET", "POST"])
@translate_errors
def propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.round_get_for(viewer=request.user, round_id=pk)
    if request.method == "POST":
        try:
            made = actions.project_propose(
                actor=request.user,
                round_=found,
                data=_input(request.POST),
                photos=request.FILES.getlist("photos"),
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已提交，工作人员审查后会通知您。"))
            return redirect("budgeting:project", pk=made.pk)
    context = {
        "round": found,
        "categories": selectors.categories_offered(township_of(found.community)),
        "priority": selectors.categories_offered(township_of(found.community)).filter(
            listing=Listing.PRIORITY
        ),
        "excluded": selectors.categories_excluded(township_of(found.community)),
        "totals": fund_totals(found.fund),
        "values": request.POST if request.method == "POST" else {},
    }
    return render(request, "budgeting/propose.html", context)


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def enter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.round_get_for(viewer=request.user, round_id=pk)
    post = request.POST
    resident = Resident.objects.filter(
        pk=id_from(post.get("resident")) or 0, community=found.community
    ).first()
    return move_answer(
        request,
        run=lambda: actions.project_enter(
            actor=request.user,
            round_=found,
            resident=resident,
            consent=post.get("consent", ""),
            data=_input(post),
            photos=request.FILES.getlist("photos"),
        ),
        success=_("已代为登记。"),
        back=reverse("budgeting:round", args=[found.pk]),
    )


@require_perm("budgeting.rank")
@require_POST
@translate_errors
def rank(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Each eligible project's place (1 = most wanted) as a number, so that the form works without JavaScript."""
    found = selectors.round_get_for(viewer=request.user, round_id=pk)
    places = []
    for project in selectors.eligible_projects(found):
        place = id_from(request.POST.get(f"place_{project.pk}"))
        if place is None:
            messages.error(request, _("请为每个项目填写名次。"))
            return redirect("budgeting:round", pk=found.pk)
        places.append((place, project.pk))
    if len({p for p, _pk in places}) != len(places):
        messages.error(request, _("每个名次只能给一个项目。"))
        return redirect("budgeting:round", pk=found.pk)
    order = [pk_ for _place, pk_ in sorted(places)]
    return move_answer(
        request,
        run=lambda: actions.ranking_submit(actor=request.user, round_=found, order=order),
        success=_("已提交排序。"),
        back=reverse("budgeting:round", args=[found.pk]),
    )


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.round_get_for(viewer=request.user, round_id=pk)
    post = request.POST
    vote = actions.CouncilVote(
        held_on=post.get("held_on", ""),
        present=post.get("present", ""),
        in_favour=post.get("in_favour", ""),
        against=post.get("against", "") or 0,
        abstaining=post.get("abstaining", "") or 0,
        place=post.get("place", ""),
    )
    return move_answer(
        request,
        run=lambda: actions.round_decide(actor=request.user, round_=found, vote=vote),
        success=_("已议定，结果已在公开栏公开。"),
        back=reverse("budgeting:round", args=[found.pk]),
    )


@require_perm("budgeting.enter")
@require_safe
@translate_errors
def project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.project_get_for(viewer=request.user, project_id=pk)
    organiser = can(request.user, "budgeting.organise", found)
    context = {
        "project": found,
        "organiser": organiser,
        "staff_reads": can(request.user, "budgeting.view", found),
        "photos": ProjectPhoto.objects.filter(project=found),
        "may_screen": organiser
        and found.round.state in (RoundState.PROPOSING, RoundState.RANKING)
        and found.state in (ProjectState.SUBMITTED, ProjectState.ELIGIBLE, ProjectState.INELIGIBLE)
        and not found.round.rankings.exists(),
        "may_finish": organiser and found.state == ProjectState.FUNDED,
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "budgeting/project.html", context)


def _project_move(request, pk: int, run, success: str) -> HttpResponse:
    found = selectors.project_get_for(viewer=request.user, project_id=pk)
    return move_answer(
        request, run=lambda: run(found), success=success, back=reverse("budgeting:project", args=[pk])
    )


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def screen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    eligible = post.get("verdict") == "eligible"
    return _project_move(
        request,
        pk,
        lambda p: actions.project_screen(
            actor=request.user, project=p, eligible=eligible, reason=post.get("reason", "")
        ),
        _("已审查，已通知提出人。"),
    )


@require_perm("budgeting.organise")
@require_POST
@translate_errors
def finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _project_move(
        request,
        pk,
        lambda p: actions.project_finish(
            actor=request.user, project=p, finished_on=request.POST.get("finished_on", "")
        ),
        _("已登记完工，居民可以评分了。"),
    )


@require_safe
@translate_errors
def photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponseBase:
    """A project's photo: to anyone once the project's result is public, else to those who read the project."""
    try:
        found = selectors.project_public(pk)
        public = True
    except DomainError:
        if not request.user.is_authenticated:
            raise Http404() from None
        found = selectors.project_get_for(viewer=request.user, project_id=pk)
        public = False
    item = ProjectPhoto.objects.filter(project=found, photo_id=photo_id).select_related("photo").first()
    if item is None:
        raise Http404()
    return photo_response(item.photo, public=public)


@require_safe
@translate_errors
def public_round(request: HttpRequest, pk: int) -> HttpResponse:
    """The decided round's result, to anyone (the disclosure on the public board says the same)."""
    found = selectors.round_public(pk)
    projects = [p for p in selectors.round_projects(found) if p.state in selectors.PUBLIC_STATES]
    return render(request, "budgeting/public_round.html", {"round": found, "projects": projects})


@require_safe
@translate_errors
def public_project(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.project_public(pk)
    spending = selectors.project_spending(found)
    rated = request.user.is_authenticated and found.ratings.filter(user=request.user).exists()
    context = {
        "project": found,
        "spending": spending,
        "spent": sum((s.amount for s in spending), 0),
        "score": selectors.project_score(found),
        "photos": ProjectPhoto.objects.filter(project=found),
        "may_rate": found.state == ProjectState.FINISHED
        and not rated
        and request.user.is_authenticated
        and selectors.resident_entry(request.user, found.community) is not None,
        "rated": rated,
        "stars": range(1, 6),
    }
    return render(request, "budgeting/public_project.html", context)


@require_perm("budgeting.rate")
@require_POST
@translate_errors
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.project_public(pk)
    return move_answer(
        request,
        run=lambda: actions.project_rate(
            actor=request.user, project=found, stars=request.POST.get("stars", "")
        ),
        success=_("谢谢您的评分。"),
        back=reverse("budgeting:public_project", args=[found.pk]),
    )


@require_perm("budgeting.edit_catalogue")
@require_http_methods(["GET", "POST"])
@translate_errors
def catalogue(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    township = Area.objects.filter(pk=township_id, kind=AreaKind.TOWNSHIP).first()
    if township is None or not can(request.user, "budgeting.edit_catalogue", township):
        raise Http404()
    if request.method == "POST":
        post = request.POST
        category = None
        if post.get("category"):
            category = Category.objects.filter(
                pk=id_from(post.get("category")) or 0, township=township
            ).first()
            if category is None:
                raise Http404()
        return move_answer(
            request,
            run=lambda: actions.category_save(
                actor=request.user,
                township=township,
                name=post.get("name", ""),
                listing=post.get("listing", ""),
                note=post.get("note", ""),
                active=post.get("active", "") == "on" or category is None,
                category=category,
            ),
            success=_("已保存。"),
            back=reverse("budgeting:catalogue", args=[township.pk]),
        )
    context = {
        "township": township,
        "categories": selectors.categories_of(township),
        "listings": Listing.choices,
    }
    return render(request, "budgeting/catalogue.html", context)
