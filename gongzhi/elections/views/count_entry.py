"""The count's write pages, on a phone on election day: a clerk enters a box's count (and corrects their own),
the committee records the scrutineers who sign, announces the result on the spot, files it with the township and
records the new committee in the bodies.

Every page reads its object through a scoped selector (404 out of reach), asks `elections.run` over the election
(403 for a reader who does not run it), and calls one action. A refusal the clerk can act on (figures above the
valid ballots, one clerk only, announce before the signature) comes back on the same form with its message and
the figures as typed (400), and nothing is written; a success redirects (POST-redirect-GET).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.bodies.models import Post
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.http import translate_errors

from .. import selectors
from ..actions import count as count_actions
from ..actions import results as result_actions
from ..models import BallotBox, Election, Poll
from ._parse import date_from, pk_from

VOTES_MAX_DIGITS = 7


def _runs(user, election: Election) -> None:
    if not can(user, "elections.run", election):
        raise NotPermitted()


def _count_url(poll: Poll) -> str:
    return reverse("elections:count", args=[poll.pk])


def _field(choice) -> str:
    return "votes_recall" if choice is None else f"votes_{choice.pk}"


def _number(raw: object) -> int | None:
    """A typed count: digits only (full-width digits and spaces forgiven); anything else is None, refused."""
    text = str(raw or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(text) if text.isascii() and text.isdigit() and len(text) <= VOTES_MAX_DIGITS else None


def _refused(exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc


def _sheet_page(
    request, box: BallotBox, *, mine, typed, error: str = "", status: int = 200, entered: bool = False
):
    """The entry form (`mine` None) or the correction form of my sheet: one row per choice, nobody else's figures
    before both sheets are in. `entered`: the entry page of a clerk who has entered already (a link instead)."""
    poll = box.poll
    choices = selectors.poll_choices(poll)
    figures = selectors.sheet_figures(mine) if mine is not None else {}
    both_in = mine is not None and selectors.sheet_visible(request.user, mine) and box.sheets.count() >= 2
    others = {key: (a, b) for key, a, b in selectors.box_disagreements(box)} if both_in else {}
    rows = []
    for choice in choices:
        key = None if choice is None else choice.pk
        name = _("赞成罢免") if choice is None else choice.candidate.resident.name
        value = typed.get(_field(choice), "") if typed is not None else figures.get(key, "")
        rows.append({"field": _field(choice), "name": name, "value": value, "differs": key in others})
    context = {
        "box": box,
        "poll": poll,
        "election": poll.election,
        "rows": rows,
        "mine": mine,
        "both_in": both_in,
        "error": error,
        "signed": poll.signed_off_at is not None,
        "entered": entered,
        "sheets": box.sheets.count(),
    }
    return render(request, "elections/count/sheet.html", context, status=status)


def _votes(request, poll: Poll) -> dict[int | None, int | None]:
    return {
        None if choice is None else choice.pk: _number(request.POST.get(_field(choice)))
        for choice in selectors.poll_choices(poll)
    }


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def sheet_enter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A clerk enters every candidate's votes for one box, alone: nobody else's figures are on this page."""
    box = selectors.box_get_for(request.user, pk)
    _runs(request.user, box.poll.election)
    mine = selectors.sheet_of(request.user, box)
    if request.method == "POST":
        try:
            count_actions.sheet_enter(actor=request.user, box=box, votes=_votes(request, box.poll))  # type: ignore[arg-type]
        except DomainError as exc:
            _refused(exc)
            return _sheet_page(request, box, mine=None, typed=request.POST, error=exc.message, status=400)
        messages.success(request, _("已录入这个票箱的计票。两位录入员都录入后，计票页会列出不一致之处。"))
        return redirect(_count_url(box.poll))
    return _sheet_page(request, box, mine=None, typed=None, entered=mine is not None)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def sheet_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A clerk corrects their own sheet of a box (never the other's); the changes are audited."""
    box = selectors.box_get_for(request.user, pk)
    _runs(request.user, box.poll.election)
    mine = selectors.sheet_of(request.user, box)
    if mine is None:
        raise NotFound()
    if request.method == "POST":
        try:
            count_actions.sheet_correct(actor=request.user, sheet=mine, votes=_votes(request, box.poll))  # type: ignore[arg-type]
        except DomainError as exc:
            _refused(exc)
            return _sheet_page(request, box, mine=mine, typed=request.POST, error=exc.message, status=400)
        messages.success(request, _("已保存更正。"))
        return redirect(_count_url(box.poll))
    return _sheet_page(request, box, mine=mine, typed=None)


def _sign_page(request, poll: Poll, *, chosen: set[int], error: str = "", status: int = 200):
    context = {
        "poll": poll,
        "election": poll.election,
        "board": selectors.count_board(poll, request.user),
        "choices": selectors.scrutineer_choices(poll),
        "chosen": chosen,
        "error": error,
    }
    return render(request, "elections/count/sign_off.html", context, status=status)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def poll_sign_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The committee records the scrutineers (监票人) who sign the agreed count; the result is computed then."""
    poll = selectors.poll_get_for(request.user, pk)
    _runs(request.user, poll.election)
    if request.method == "POST":
        ids = {pk for pk in (pk_from(raw) for raw in request.POST.getlist("scrutineers")) if pk}
        # The whole roll, so that a candidate chosen is refused by name rather than dropped.
        scrutineers = list(selectors.roll_of(poll.election).filter(pk__in=ids))
        try:
            if len(scrutineers) != len(ids):
                raise DomainError(_("所选的监票人不在本村(社区)的选民名单上。"), field="scrutineers")
            count_actions.poll_sign_off(actor=request.user, poll=poll, scrutineers=scrutineers)
        except DomainError as exc:
            _refused(exc)
            return _sign_page(request, poll, chosen=ids, error=exc.message, status=400)
        messages.success(request, _("监票人已签字，计票结果已确定。"))
        return redirect(reverse("elections:poll_announce", args=[poll.pk]))
    return _sign_page(request, poll, chosen=set())


def _announce_page(request, poll: Poll, *, error: str = "", status: int = 200):
    context = {"poll": poll, "election": poll.election, "tally": selectors.poll_tally(poll), "error": error}
    return render(request, "elections/count/announce.html", context, status=status)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def poll_announce(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The signed result before the button: valid or not, the elected, unfilled seats, the women flag."""
    poll = selectors.poll_get_for(request.user, pk)
    _runs(request.user, poll.election)
    if request.method == "POST":
        try:
            result_actions.poll_announce(actor=request.user, poll=poll)
        except DomainError as exc:
            _refused(exc)
            return _announce_page(request, poll, error=exc.message, status=400)
        messages.success(request, _("结果已当场宣布，公告页已公开。"))
        return redirect(reverse("elections:poll_announce", args=[poll.pk]))
    return _announce_page(request, poll)


def _file_page(request, election: Election, *, error: str = "", status: int = 200):
    steps = selectors.count_steps(election)
    context = {
        "election": election,
        "steps": steps,
        "notice": selectors.public_notice(election),
        "error": error,
    }
    return render(request, "elections/count/file.html", context, status=status)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def result_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """File the announced result with the township (报乡镇备案): the board then shows the community as filed."""
    election = selectors.election_get_for(request.user, pk)
    _runs(request.user, election)
    if request.method == "POST":
        try:
            result_actions.result_file(actor=request.user, election=election)
        except DomainError as exc:
            _refused(exc)
            return _file_page(request, election, error=exc.message, status=400)
        messages.success(request, _("选举结果已报备乡镇。"))
        return redirect(reverse("elections:election", args=[election.pk]))
    return _file_page(request, election)


INSTALL_POSTS = ((Post.CHAIR, Post.CHAIR.label), (Post.DEPUTY_CHAIR, Post.DEPUTY_CHAIR.label),
                 (Post.MEMBER, Post.MEMBER.label))  # fmt: skip


def _install_page(request, election: Election, *, typed=None, error: str = "", status: int = 200):
    elected = result_actions.elected_of(election) if election.result_filed_at else []
    rows = [
        {
            "field": f"post_{nomination.pk}",
            "name": nomination.candidate.resident.name,
            "value": (typed or {}).get(f"post_{nomination.pk}", ""),
        }
        for nomination in elected
    ]
    context = {
        "election": election,
        "rows": rows,
        "posts": INSTALL_POSTS,
        "started_on": (typed or {}).get("started_on", timezone.localdate().isoformat()),
        "error": error,
    }
    return render(request, "elections/count/install.html", context, status=status)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def committee_install(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The elected take their posts on the committee from a day (the bodies' register): the community's staff."""
    election = selectors.election_get_for(request.user, pk)
    _runs(request.user, election)
    if not can(request.user, "bodies.manage", election.community):
        raise NotPermitted()
    if request.method == "POST":
        elected = result_actions.elected_of(election)
        chosen = {nomination.pk: request.POST.get(f"post_{nomination.pk}", "") for nomination in elected}
        posts = {
            pk: post for pk, post in chosen.items() if post
        }  # one left blank: "a post for each", refused
        try:
            started_on = date_from(request.POST.get("started_on"))
            if started_on is None:
                raise DomainError(_("请填写新一届村(居)民委员会的任职日期。"), field="started_on")
            result_actions.committee_install(
                actor=request.user, election=election, posts=posts, started_on=started_on
            )
        except DomainError as exc:
            _refused(exc)
            return _install_page(request, election, typed=request.POST, error=exc.message, status=400)
        messages.success(request, _("新一届村(居)民委员会已登记。"))
        return redirect(reverse("elections:election", args=[election.pk]))
    return _install_page(request, election)
