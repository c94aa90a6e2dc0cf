"""A community's election: its committee, its roll (generated from the register, added to, struck off,
published), objections and their answers, proxies, the printed papers, the page for the community's voters
and the public counts (never names)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.http import move_answer, translate_errors

from .. import deadlines, selectors
from ..actions import roll as actions
from ..actions import rounds as round_actions
from ..files import proxy_scan_response
from ..models import CommitteePost, LeftReason, ObjectionKind, VoterBasis
from ..printing import PAPERS, paper_print
from . import candidates
from ._parse import date_from, pk_from


def _back(election) -> str:
    return reverse("elections:election", args=[election.pk])


@login_required
@translate_errors
@require_safe
def election(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The committee's page of the community's election: committee, roll, objections, proxies."""
    found = selectors.election_get_for(request.user, pk)
    q = request.GET.get("q", "")[:20]
    runs = can(request.user, "elections.run", found)
    published = found.roll_published_at
    context = {
        "election": found,
        "runs": runs,
        "q": q,
        "matches": selectors.community_residents_matching(found, q) if runs else [],
        "committee": selectors.committee_of(found),
        "counts": selectors.roll_counts(found),
        "lines": selectors.roll_lines(found),
        "removed": selectors.roll_removed(found),
        "objections": [
            (objection, deadlines.answer_due(timezone.localdate(objection.filed_at)))
            for objection in selectors.objections_of(found)
        ],
        "today": timezone.localdate(),
        "proxies": selectors.proxies_of(found),
        "roll_last_day": deadlines.roll_last_day(found.election_day),
        "objections_last_day": deadlines.objections_last_day(timezone.localdate(published))
        if published
        else None,
        "posts": CommitteePost.choices,
        "reasons": LeftReason.choices,
        "bases": VoterBasis.choices,
        "papers": PAPERS,
        "steps": candidates.election_steps(found, runs),
        "count_steps": selectors.count_steps(found),
        "installs": runs and can(request.user, "bodies.manage", found.community),
    }
    return render(request, "elections/roll/election.html", context)


@login_required
@translate_errors
@require_POST
def committee_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.election_get_for(request.user, pk)
    resident = selectors.community_resident(found, pk_from(request.POST.get("resident")))
    return move_answer(
        request,
        run=lambda: round_actions.committee_member_add(
            actor=request.user,
            election=found,
            resident=resident,
            post=request.POST.get("post", ""),
            joined_on=date_from(request.POST.get("joined_on")),
        ),
        success=_("已登记选举委员会成员。"),
        back=_back(found),
    )


@login_required
@translate_errors
@require_POST
def committee_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = selectors.committee_member_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: round_actions.committee_member_leave(
            actor=request.user,
            member=member,
            left_on=date_from(request.POST.get("left_on")),
            reason=request.POST.get("left_reason", ""),
        ),
        success=_("已登记退出选举委员会。"),
        back=_back(member.election),
    )


@login_required
@translate_errors
@require_POST
def roll_generate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.election_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.roll_generate(actor=request.user, election=found),
        success=lambda count: _("已从户籍登记生成选民名单，新增 %(count)s 人。") % {"count": count},
        back=_back(found),
    )


@login_required
@translate_errors
@require_POST
def roll_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.election_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.roll_publish(actor=request.user, election=found),
        success=_("选民名单已公布。"),
        back=_back(found),
    )


@login_required
@translate_errors
@require_POST
def voter_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.election_get_for(request.user, pk)
    resident = selectors.community_resident(found, pk_from(request.POST.get("resident")))
    meeting = selectors.community_meeting(found, pk_from(request.POST.get("meeting")))
    return move_answer(
        request,
        run=lambda: actions.voter_add(
            actor=request.user,
            election=found,
            resident=resident,
            basis=request.POST.get("basis", ""),
            requested_on=date_from(request.POST.get("requested_on")),
            meeting=meeting,
            admitted_on=date_from(request.POST.get("admitted_on")),
            minute_ref=request.POST.get("minute_ref", ""),
            reason=request.POST.get("reason", ""),
        ),
        success=_("已登记为选民。"),
        back=_back(found),
    )


@login_required
@translate_errors
@require_POST
def voter_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    voter = selectors.voter_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.voter_remove(
            actor=request.user, voter=voter, reason=request.POST.get("reason", "")
        ),
        success=_("已从选民名单中除名。"),
        back=_back(voter.election),
    )


@login_required
@translate_errors
@require_POST
def objection_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.objection_answer(
            actor=request.user,
            objection=objection,
            upheld=request.POST.get("upheld") == "yes",
            answer=request.POST.get("answer", ""),
        ),
        success=_("已作出处理决定并公布。"),
        back=_back(objection.election),
    )


@login_required
@translate_errors
@require_POST
def proxy_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.election_get_for(request.user, pk)
    grantor = selectors.voter_get(found, pk_from(request.POST.get("grantor")))
    holder = selectors.voter_get(found, pk_from(request.POST.get("holder")))
    return move_answer(
        request,
        run=lambda: actions.proxy_authorise(
            actor=request.user,
            election=found,
            grantor=grantor,
            holder=holder,
            signed_on=date_from(request.POST.get("signed_on")),
            scan=actions.proxy_scan_check(request.FILES.get("scan")),
        ),
        success=_("已登记委托投票。"),
        back=_back(found),
    )


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def proxy_scan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """The signed 委托书's scan: its readers see it (never public, never cached); its runners attach or replace it."""
    proxy = selectors.proxy_get_for(request.user, pk)
    if request.method == "GET":
        return proxy_scan_response(proxy)
    return move_answer(
        request,
        run=lambda: actions.proxy_scan_attach(
            actor=request.user, proxy=proxy, scan=actions.proxy_scan_check(request.FILES.get("scan"))
        ),
        success=_("已附上书面委托书的扫描件。"),
        back=_back(proxy.election),
    )


@login_required
@translate_errors
@require_POST
def proxy_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The voter takes the authorisation back: it leaves the published list of proxies."""
    proxy = selectors.proxy_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.proxy_withdraw(actor=request.user, proxy=proxy),
        success=_("已撤销这份委托。"),
        back=_back(proxy.election),
    )


@login_required
@translate_errors
@require_safe
def paper(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """The notice board's papers (the roll, the answered objections, the proxies) as a PDF: names and groups,
    never an ID number."""
    if kind not in PAPERS:
        raise NotFound()
    found = selectors.election_get_for(request.user, pk)
    data = paper_print(actor=request.user, election=found, kind=kind)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{found.pk}.pdf"'
    return response


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def voters(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The published roll for the community's signed-in voters (and its readers), the answered objections, the
    proxies; a resident of the community files an objection about a line here."""
    found = selectors.election_get_for_voter(request.user, pk)
    me = selectors.own_resident_in(request.user, found)
    if request.method == "POST":
        if me is None:
            raise NotFound()
        subject = selectors.community_resident(found, pk_from(request.POST.get("subject")))
        return move_answer(
            request,
            run=lambda: actions.objection_file(
                actor=request.user,
                election=found,
                author=me,
                subject=subject,
                kind=request.POST.get("kind", ""),
                basis=request.POST.get("basis", ""),
                reason=request.POST.get("reason", ""),
            ),
            success=_("异议已提交，选举委员会将在三日内作出处理决定。"),
            back=reverse("elections:voters", args=[found.pk]),
        )
    q = request.GET.get("q", "")[:20]
    context = {
        "election": found,
        "me": me,
        "q": q,
        "matches": selectors.objection_subjects_for(me, found, q) if me else [],
        "lines": selectors.roll_lines(found),
        "objections": selectors.objections_of(found).exclude(answered_at=None),
        "proxies": selectors.proxies_of(found),
        "kinds": ObjectionKind.choices,
        "bases": VoterBasis.choices,
        "objections_last_day": deadlines.objections_last_day(timezone.localdate(found.roll_published_at)),
    }
    return render(request, "elections/roll/voters.html", context)


@require_safe
@translate_errors
def public(request: HttpRequest, pk: int) -> HttpResponse:
    """The published roll's counts for anyone: never a name."""
    found = selectors.election_public_get(pk)
    counts = selectors.roll_counts(found)
    bases = [(label, counts.get(value, 0)) for value, label in VoterBasis.choices]
    candidates_published = selectors.candidates_of(found) if found.candidates_published_at else []
    context = {"election": found, "counts": counts, "bases": bases, "candidates": candidates_published}
    return render(request, "elections/roll/public.html", context)
