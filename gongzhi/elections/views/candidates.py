"""The committee's pages for candidates and election day: nomination forms recorded from paper (the candidate
and the voters who signed, picked from the roll), their confirmation, the publication of the candidates (差额),
the day's vote (the election, its second round, a recall), its ballot boxes and their paper, and a recall
proposal.

Thin: a selector fetches the election (404 for missing and not-yours alike), `elections.run` is checked over
that election (a seated committee member without any role runs it too), one action writes. A refusal
re-renders the form with the action's message and what was typed; a success goes back (POST-redirect-GET)
with a message.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.http import translate_errors

from .. import selectors
from ..actions import candidates as candidate_actions
from ..actions import count as count_actions
from ..actions import results as result_actions
from ..models import BoxKind, Election, NominationStatus, Poll, PollKind
from ._parse import date_from, pk_from

COUNT_DIGITS = 7  # ballots of one box: fewer than ten million
NOMINATION_PICKS = {"candidate": gettext_lazy("设为被提名人"), "nominators": gettext_lazy("加为提名人")}


def _run(request: AuthenticatedHttpRequest, election: Election) -> None:
    """403 for a reader of the election who does not run it (the selector has already answered 404)."""
    authorize(request.user, "elections.run", election)


def _ids(raw: list[str]) -> list[int]:
    """Ids from a form's repeated field; a malformed one is 404 (the pages only send ids they showed)."""
    ids = [pk_from(value) for value in raw if str(value).strip()]
    if any(pk is None for pk in ids):
        raise NotFound()
    return [pk for pk in ids if pk is not None]


def _count(raw: object, label: str, field: str) -> int:
    text = str(raw or "").strip()
    if not text:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if not (text.isascii() and text.isdigit() and len(text) <= COUNT_DIGITS):
        raise DomainError(_("%(label)s应为不小于0的整数。") % {"label": label}, field=field)
    return int(text)


def _date(raw: object, label: str, field: str):
    if not str(raw or "").strip():
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    day = date_from(raw)
    if day is None:
        raise DomainError(
            _("%(label)s的格式不对，请按“2026-01-31”的格式填写。") % {"label": label}, field=field
        )
    return day


def _attempt(run: Callable[[], Any], errors: dict[str, str], fields: tuple[str, ...]) -> Any:
    """Run the action; a refusal the user can act on goes into `errors` under its field if the form shows it,
    else above the form (""). 403 and 404 stay what they are."""
    try:
        return run()
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        errors[exc.field if exc.field in fields else ""] = exc.message
        return None


def _picking(request, election: Election, keys: tuple[str, ...]) -> dict[str, list[int]]:
    """The voters picked so far, carried in the query string (GET) or the form (POST), per key."""
    source = request.POST if request.method == "POST" else request.GET
    return {key: _ids(source.getlist(key)) for key in keys}


def _pick_url(path: str, base: list[tuple[str, str]], picked: dict[str, list[int]], change: dict) -> str:
    state = {**picked, **change}
    params = base + [(key, str(pk)) for key, ids in state.items() for pk in ids]
    return f"{path}?{urlencode(params)}" if params else path


def _picker(
    request,
    election: Election,
    picked: dict[str, list[int]],
    labels: Mapping[str, Any],
    single: tuple[str, ...] = (),
    typed: dict[str, str] | None = None,
) -> dict:
    """The roll search and, for every match and every picked voter, the links that pick or drop them (no script:
    every step is a GET that carries the whole selection and what was typed in the form's other fields)."""
    q = request.GET.get("q", "")[:20] if request.method == "GET" else ""
    base = [("q", q)] if q else []
    base += [(key, value) for key, value in (typed or {}).items() if value]
    matches = []
    for voter in selectors.roll_matching(election, q):
        links = []
        for key, ids in picked.items():
            if voter.pk in ids:
                continue
            new = [voter.pk] if key in single else [*ids, voter.pk]
            links.append((key, labels[key], _pick_url(request.path, base, picked, {key: new})))
        matches.append((voter, links))
    chosen = {}
    for key, ids in picked.items():
        chosen[key] = [
            (voter, _pick_url(request.path, base, picked, {key: [pk for pk in ids if pk != voter.pk]}))
            for voter in selectors.voters_picked(election, ids)
        ]
    return {"q": q, "matches": matches, "chosen": chosen}


def _back(election: Election) -> str:
    return reverse("elections:election", args=[election.pk])


# --- Nominations ------------------------------------------------------------------------------------------


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def nominations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The election's nominations (status, nominators, decision and reason); the committee records a paper
    nomination form here: the candidate and the voter(s) who signed it, each picked from the roll."""
    election = selectors.election_get_for(request.user, pk)
    runs = can(request.user, "elections.run", election)
    errors: dict[str, str] = {}
    picked: dict[str, list[int]] = {"candidate": [], "nominators": []}
    if runs:
        picked = _picking(request, election, ("candidate", "nominators"))
    if request.method == "POST":
        _run(request, election)
        candidate = selectors.voters_picked(election, picked["candidate"][:1])
        nominators = selectors.voters_picked(election, picked["nominators"])

        def submit():
            if not candidate:
                raise DomainError(_("请从选民名单中选择被提名人。"), field="candidate")
            return candidate_actions.nomination_submit(
                actor=request.user, election=election, candidate=candidate[0], nominators=nominators
            )

        if _attempt(submit, errors, ("candidate", "nominators")) is not None:
            messages.success(
                request,
                _("已登记%(name)s的提名，请选举委员会审核。") % {"name": candidate[0].resident.name},
            )
            return redirect("elections:nominations", election.pk)
    listed = list(selectors.nominations_of(election).order_by("id"))
    context = {
        "election": election,
        "runs": runs,
        "open": runs and election.roll_published_at is not None and election.candidates_published_at is None,
        "nominations": listed,
        "errors": errors,
        "picked": picked,
        **(_picker(request, election, picked, NOMINATION_PICKS, single=("candidate",)) if runs else {}),
    }
    return render(request, "elections/candidates/nominations.html", context, status=400 if errors else 200)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def nomination_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The committee confirms the candidate, or does not with its reason."""
    nomination = selectors.nomination_get_for(request.user, pk)
    election = nomination.election
    _run(request, election)
    errors: dict[str, str] = {}
    values = {"decision": request.POST.get("decision", ""), "reason": request.POST.get("reason", "")}
    if request.method == "POST":

        def decide():
            if values["decision"] not in ("accept", "reject"):
                raise DomainError(_("请选择确认或不予确认。"), field="decision")
            return candidate_actions.nomination_decide(
                actor=request.user,
                nomination=nomination,
                accept=values["decision"] == "accept",
                reason=values["reason"],
            )

        decided = _attempt(decide, errors, ("decision", "reason"))
        if decided is not None:
            messages.success(
                request,
                _("已确认%(name)s为候选人。") % {"name": decided.candidate.resident.name}
                if decided.status == NominationStatus.ACCEPTED
                else _("已决定不确认%(name)s为候选人。") % {"name": decided.candidate.resident.name},
            )
            return redirect("elections:nominations", election.pk)
    context = {"election": election, "nomination": nomination, "values": values, "errors": errors}
    return render(request, "elections/candidates/decide.html", context, status=400 if errors else 200)


# --- Publishing the candidates ----------------------------------------------------------------------------


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def candidates_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The rule beside the button: more candidates than seats (差额), the lead days; refused as the action is."""
    election = selectors.election_get_for(request.user, pk)
    _run(request, election)
    errors: dict[str, str] = {}
    if request.method == "POST":
        done = _attempt(
            lambda: candidate_actions.candidates_publish(actor=request.user, election=election), errors, ()
        )
        if done is not None:
            messages.success(request, _("候选人名单已公布。"))
            return redirect(_back(election))
    lead_days = selectors.practice_of(election.round).candidates_lead_days
    listed = list(selectors.nominations_of(election).order_by("id"))
    context = {
        "election": election,
        "errors": errors,
        "candidates": [n for n in listed if n.status == NominationStatus.ACCEPTED],
        "pending": sum(1 for n in listed if n.status == NominationStatus.PENDING),
        "lead_days": lead_days,
        "last_day": election.election_day - dt.timedelta(days=lead_days),
    }
    return render(request, "elections/candidates/publish.html", context, status=400 if errors else 200)


# --- Election day: the poll, its boxes and their paper ----------------------------------------------------


def poll_kinds_open(election: Election) -> list[tuple[str, str]]:
    """The kinds of vote that may be opened now (the page offers these; the action decides)."""
    polls = {poll.kind: poll for poll in selectors.polls_of(election) if poll.recall_id is None}
    kinds = []
    if election.candidates_published_at is not None and PollKind.FIRST not in polls:
        kinds.append((PollKind.FIRST.value, PollKind.FIRST.label))
    first = polls.get(PollKind.FIRST)
    result = first.result if first is not None else None
    if result and result.get("valid") and result.get("unfilled") and PollKind.SECOND not in polls:
        kinds.append((PollKind.SECOND.value, PollKind.SECOND.label))
    return [(value, str(label)) for value, label in kinds]


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def poll_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open the day's vote: the election, its second round (另行选举), or the vote on a proposed recall."""
    election = selectors.election_get_for(request.user, pk)
    _run(request, election)
    recalls = [recall for recall in selectors.recalls_of(election) if not hasattr(recall, "poll")]
    errors: dict[str, str] = {}
    kinds = poll_kinds_open(election)
    default_kind = kinds[0][0] if kinds else (PollKind.RECALL.value if recalls else "")
    values = {
        "kind": request.POST.get("kind", default_kind),
        "recall": request.POST.get("recall", ""),
        "held_on": request.POST.get("held_on", election.election_day.isoformat()),
        "meeting_place": request.POST.get("meeting_place", ""),
    }
    if request.method == "POST":
        recall = None
        if values["kind"] == PollKind.RECALL:
            recall = next((r for r in recalls if r.pk == pk_from(values["recall"])), None)

        def open_poll() -> Poll:
            held_on = _date(values["held_on"], _("投票日期"), "held_on")
            return count_actions.poll_open(
                actor=request.user,
                election=election,
                kind=values["kind"],
                held_on=held_on,
                meeting_place=values["meeting_place"],
                recall=recall,
            )

        poll = _attempt(open_poll, errors, ("kind", "recall", "held_on", "meeting_place"))
        if poll is not None:
            messages.success(request, _("已登记%(kind)s，请登记票箱。") % {"kind": poll.get_kind_display()})
            return redirect("elections:count", poll.pk)
    if recalls:
        kinds.append((PollKind.RECALL.value, str(PollKind.RECALL.label)))
    context = {
        "election": election,
        "kinds": kinds,
        "recalls": recalls,
        "values": values,
        "errors": errors,
        "polls": list(selectors.polls_of(election)),
    }
    return render(request, "elections/candidates/poll_open.html", context, status=400 if errors else 200)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def box_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A ballot box of the poll: the central meeting's, a polling station's, or a mobile box, its place and staff."""
    poll = selectors.poll_get_for(request.user, pk)
    _run(request, poll.election)
    errors: dict[str, str] = {}
    values = {
        "kind": request.POST.get("kind", BoxKind.CENTRAL.value),
        "place": request.POST.get("place", ""),
        "staff": request.POST.get("staff", ""),
    }
    if request.method == "POST":
        box = _attempt(
            lambda: count_actions.box_add(
                actor=request.user,
                poll=poll,
                kind=values["kind"],
                place=values["place"],
                staff=values["staff"],
            ),
            errors,
            ("kind", "place", "staff"),
        )
        if box is not None:
            messages.success(request, _("已登记票箱「%(place)s」。") % {"place": box.place})
            return redirect("elections:count", poll.pk)
    context = {
        "poll": poll,
        "election": poll.election,
        "kinds": BoxKind.choices,
        "boxes": list(poll.boxes.order_by("id")),
        "values": values,
        "errors": errors,
    }
    return render(request, "elections/candidates/box_add.html", context, status=400 if errors else 200)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def box_paper_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The box's paper, counted in public before the votes: ballots issued, returned and spoiled."""
    box = selectors.box_get_for(request.user, pk)
    poll = box.poll
    _run(request, poll.election)
    errors: dict[str, str] = {}
    values = {
        field: request.POST.get(field, "" if getattr(box, field) is None else str(getattr(box, field)))
        for field in ("issued", "returned", "spoiled")
    }
    if request.method == "POST":

        def record():
            figures = {
                "issued": _count(values["issued"], _("发出选票张数"), "issued"),
                "returned": _count(values["returned"], _("收回选票张数"), "returned"),
                "spoiled": _count(values["spoiled"], _("无效选票张数"), "spoiled"),
            }
            return count_actions.box_paper_record(actor=request.user, box=box, **figures)

        if _attempt(record, errors, ("issued", "returned", "spoiled")) is not None:
            messages.success(request, _("已登记票箱「%(place)s」的选票张数。") % {"place": box.place})
            return redirect("elections:count", poll.pk)
    context = {"box": box, "poll": poll, "election": poll.election, "values": values, "errors": errors}
    return render(request, "elections/candidates/box_paper.html", context, status=400 if errors else 200)


# --- Recall ---------------------------------------------------------------------------------------------


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def recall_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A recall proposal (罢免, 第十六条): the committee's member, the reason, the supporting voters, the date."""
    election = selectors.election_get_for(request.user, pk)
    _run(request, election)
    members = selectors.recall_members(election)
    picked = _picking(request, election, ("supporters",))
    errors: dict[str, str] = {}
    source = request.POST if request.method == "POST" else request.GET
    values = {
        "membership": source.get("membership", ""),
        "reason": source.get("reason", ""),
        "proposed_on": source.get("proposed_on", timezone.localdate().isoformat()),
    }
    if request.method == "POST":
        supporters = selectors.voters_picked(election, picked["supporters"])
        membership = next((m for m in members if m.pk == pk_from(values["membership"])), None)

        def propose():
            if membership is None:
                raise DomainError(_("请选择要罢免的村(居)民委员会成员。"), field="membership")
            return result_actions.recall_propose(
                actor=request.user,
                election=election,
                membership=membership,
                reason=values["reason"],
                supporters=supporters,
                proposed_on=_date(values["proposed_on"], _("提出日期"), "proposed_on"),
            )

        recall = _attempt(propose, errors, ("membership", "reason", "supporters", "proposed_on"))
        if recall is not None:
            messages.success(
                request,
                _("已登记罢免%(name)s的要求，可以登记罢免投票。") % {"name": recall.membership.resident.name},
            )
            return redirect(_back(election))
    context = {
        "election": election,
        "members": members,
        "values": values,
        "errors": errors,
        "picked": picked,
        "roll": selectors.roll_of(election).count(),
        "recalls": list(selectors.recalls_of(election)),
        # The member, reason and date typed so far travel with each pick (a GET): nothing typed is lost.
        **_picker(request, election, picked, {"supporters": _("加为联名人")}, typed=values),
    }
    return render(request, "elections/candidates/recall.html", context, status=400 if errors else 200)


# --- What the election's page and the count page show of these steps ------------------------------------


def election_steps(election: Election, runs: bool) -> dict:
    """The candidate and election-day section of the election's page (its polls are in the count's section):
    each step linked only when possible."""
    nominations = list(selectors.nominations_of(election))
    recalls = list(selectors.recalls_of(election))
    return {
        "nomination_counts": {
            status: sum(1 for n in nominations if n.status == status) for status in NominationStatus.values
        },
        "candidates": [n for n in nominations if n.status == NominationStatus.ACCEPTED]
        if election.candidates_published_at
        else [],
        "recalls": recalls,
        "may_nominate": runs
        and election.roll_published_at is not None
        and not election.candidates_published_at,
        "may_publish": runs
        and election.roll_published_at is not None
        and not election.candidates_published_at,
        "may_open_poll": runs
        and (bool(poll_kinds_open(election)) or any(not hasattr(r, "poll") for r in recalls)),
        "may_recall": runs and bool(selectors.recall_members(election)),
    }
