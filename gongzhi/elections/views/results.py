"""The count's pages: a poll's boxes and disagreements (readers), its PDF record, the public notice (anyone)."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.http import translate_errors

from .. import selectors
from ..count_record import count_record_pdf
from ..models import Scrutineer


# Reached through the poll's election (its readers and its committee's seated members, who may hold no role at
# all): a page-level permission without the object would turn such a member away.
@login_required
@translate_errors
@require_safe
def count(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every box of a poll: its paper, how many clerks entered it, and every disagreement (both figures)."""
    poll = selectors.poll_get_for(request.user, pk)
    board = selectors.count_board(poll, request.user)
    context = {
        "poll": poll,
        "election": poll.election,
        "board": board,
        "runs": can(request.user, "elections.run", poll.election),
        # Every box's paper recorded, entered by two clerks who agree: the scrutineers may sign.
        "ready": bool(board)
        and all(
            row["box"].valid is not None and row["sheets"] >= 2 and not row["disagreements"] for row in board
        ),
    }
    return render(request, "elections/count/count.html", context)


@login_required
@translate_errors
@require_safe
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The count's record with every box, as a PDF, once the scrutineers have signed."""
    poll = selectors.poll_get_for(request.user, pk)
    if poll.result is None:
        raise NotFound()
    names = {str(key): name for key, name in _candidate_names(poll).items()}
    result = poll.result
    boxes = [
        {**box, "rows": [(names.get(key, _("赞成罢免")), count) for key, count in box["votes"].items()]}
        for box in result["boxes"]
    ]
    totals = sorted(
        ((names.get(key, _("赞成罢免")), count) for key, count in result["votes"].items()),
        key=lambda r: -r[1],
    )
    scrutineers = [
        s.voter.resident.name for s in Scrutineer.objects.filter(poll=poll).select_related("voter__resident")
    ]
    context = {
        "poll": poll,
        "election": poll.election,
        "result": result,
        "boxes": boxes,
        "totals": totals,
        "elected": [names.get(str(pk), "") for pk in result.get("elected", [])],
        "scrutineers": scrutineers,
    }
    response = HttpResponse(count_record_pdf(context), content_type="application/pdf")
    name = quote(f"{_('计票记录')}-{poll.election.community.name}-{poll.pk}.pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    response["Cache-Control"] = "private, no-store"
    return response


def _candidate_names(poll) -> dict[int, str]:
    from ..models import Nomination

    return {
        nomination.pk: nomination.candidate.resident.name
        for nomination in Nomination.objects.filter(election=poll.election).select_related(
            "candidate__resident"
        )
    }


@require_safe
@translate_errors
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The public notice of an announced result (当场公布): the elected and the votes per candidate; no login."""
    election = selectors.election_announced_get(pk)
    context = {"election": election, "notice": selectors.public_notice(election)}
    return render(request, "elections/count/notice.html", context)
