"""Residents' proposals pages: the lists, a proposal's page with its count and thread are public; every
move needs its permission, and a refusal the user can act on is a message on the proposal's page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_choices, community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from, text_check_context
from gongzhi.core.http import move_answer, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.meetings.models import Meeting
from gongzhi.orgs.selectors import organisations_represented_serving

from .. import proposal_thresholds as th
from ..actions import proposals as actions
from ..forms.proposals import AnswerForm, AssistedSignForm, PostForm, ProposalForm
from ..models import ProposalState
from ..selectors import proposals as selectors
from ..workflow.proposals import PROPOSAL


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every community's proposals, and the signed-in resident's own community first."""
    own = selectors.resident_of(request.user)
    return render(
        request,
        "selfgov/proposals/index.html",
        {
            "communities": community_public_choices(),
            "own": own.community if own else None,
            "mine": selectors.proposals_mine(viewer=request.user)[:20],
            "can_propose": request.user.is_authenticated and can(request.user, "proposals.propose"),
            "can_watch": request.user.is_authenticated and can(request.user, "proposals.watch"),
        },
    )


@require_safe
@translate_errors
def community(request: HttpRequest, community_id: int) -> HttpResponse:
    area = community_public_get(community_id)
    proposals = list(selectors.proposals_public(area)[:100])
    bases = selectors.proposal_bases(area)
    for proposal in proposals:
        setattr(proposal, "author_label", selectors.author_label(proposal))  # noqa: B010
        setattr(proposal, "count", selectors.proposal_count(proposal, bases=bases))  # noqa: B010
    return render(request, "selfgov/proposals/community.html", {"community": area, "proposals": proposals})


def _voices(user, proposal) -> list[tuple[int, str]]:
    """The social organisations serving the community that the user represents (协同参与); one that may not
    speak now (pending, suspended) is offered with its state, and posting as it says why not."""
    if not user.is_authenticated:
        return []
    voices = []
    for org in organisations_represented_serving(user, proposal.community).order_by("name", "id"):
        label = org.name
        if not org.is_registered:
            label = _("%(name)s（%(state)s）") % {"name": org.name, "state": org.get_state_display()}
        voices.append((org.pk, label))
    return voices


def _detail_context(request: HttpRequest, proposal) -> dict:
    user = request.user
    verbs = lifecycle_verbs_for(proposal, user) if user.is_authenticated else {}
    signature = selectors.signature_of(proposal, user) if user.is_authenticated else None
    gathering = proposal.state == ProposalState.GATHERING
    meetings = []
    if (
        proposal.meeting_due_on
        and not proposal.meeting_id
        and user.is_authenticated
        and can(user, "proposals.answer", proposal)
    ):
        rule = actions.MEETING_RULES.get((proposal.community.community_type, proposal.asks))
        meetings = list(
            Meeting.objects.filter(area=proposal.community, body_kind=rule).order_by("-held_on")[:10]
        )
    return {
        "proposal": proposal,
        "title": selectors.proposal_public_text(proposal.title),
        "text": selectors.proposal_public_text(proposal.text),
        "author": selectors.author_label(proposal),
        "state_label": PROPOSAL.state_label(proposal.state),
        "count": selectors.proposal_count(proposal),
        "verbs": {verb for verb, allowed in verbs.items() if allowed},
        "signature": signature,
        "can_sign": gathering and user.is_authenticated and signature is None,
        "can_unsign": gathering
        and signature is not None
        and signature.resident_id != proposal.author_resident_id,
        "can_sign_for": gathering and user.is_authenticated and can(user, "proposals.sign_for", proposal),
        "leads_group": bool(
            gathering
            and user.is_authenticated
            and (own := selectors.resident_of(user))
            and selectors.group_led_by(own, proposal.community)
        ),
        "can_answer": proposal.state == ProposalState.SUBMITTED
        and user.is_authenticated
        and can(user, "proposals.answer", proposal),
        "can_moderate": user.is_authenticated and can(user, "proposals.moderate", proposal),
        "can_post": proposal.state in selectors.THREAD_STATES
        and user.is_authenticated
        and can(user, "proposals.post", proposal),
        "thread": selectors.thread_of(viewer=user, proposal=proposal),
        "post_form": PostForm(organisations=_voices(user, proposal)),
        "meetings": meetings,
        "overdue": bool(
            proposal.meeting_due_on
            and not proposal.meeting_id
            and proposal.meeting_due_on < timezone.localdate()
        ),
        "decision": selectors.decision_of(proposal),
        "meeting_name": th.meeting_name(proposal.community.community_type, proposal.asks),
    }


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(viewer=request.user, proposal_id=pk)
    return render(request, "selfgov/proposals/detail.html", _detail_context(request, proposal))


@require_http_methods(["GET", "POST"])
@require_perm("proposals.propose")
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    review = text_check_context([], audience="proposal")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = text_check_context([data["title"], data["text"]], audience="proposal")
        if review["pii_findings"] and not request.POST.get("pii_warned"):
            review["asked"] = True
        else:
            try:
                proposal = actions.proposal_create(
                    actor=request.user,
                    title=data["title"],
                    text=data["text"],
                    asks=data["asks"],
                    author_shown=data["author_shown"],
                    for_group=data["for_group"],
                )
            except DomainError as exc:
                form_error_from(form, exc)
            else:
                messages.success(
                    request, _("提案草稿已保存。确认无误后点“公开征集联名”，本村(社区)居民就能看到并联名。")
                )
                return redirect("selfgov:proposal", pk=proposal.pk)
    return render(request, "selfgov/proposals/form.html", {"form": form, "review": review})


def _move(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    back = reverse("selfgov:proposal", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    proposal = selectors.proposal_get_for(viewer=request.user, proposal_id=pk)
    return move_answer(request, run=lambda: run(proposal), success=success, back=back)


def _view(fn):
    return require_POST(translate_errors(fn))


@_view
def open_(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda p: actions.proposal_open(actor=request.user, proposal=p),
        _("提案已公开，开始征集联名。"),
    )


@_view
def sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    for_group = request.POST.get("for_group") == "1"
    return _move(
        request,
        pk,
        lambda p: actions.proposal_sign(actor=request.user, proposal=p, for_group=for_group),
        _("您已联名这项提案。提交前可以撤回联名。"),
    )


@_view
def unsign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request, pk, lambda p: actions.proposal_unsign(actor=request.user, proposal=p), _("您已撤回联名。")
    )


@_view
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda p: actions.proposal_submit(actor=request.user, proposal=p),
        _("提案已提交党组织。"),
    )


@_view
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _move(
        request,
        pk,
        lambda p: actions.proposal_withdraw(actor=request.user, proposal=p, reason=reason),
        _("提案已撤回。"),
    )


@_view
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("note", "")
    return _move(
        request,
        pk,
        lambda p: actions.proposal_close(actor=request.user, proposal=p, note=note),
        _("提案已办结。"),
    )


@_view
def meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(proposal):
        meeting_id = id_from(request.POST.get("meeting"))
        found = Meeting.objects.filter(pk=meeting_id, area=proposal.community).first() if meeting_id else None
        if found is None:
            raise DomainError(_("请选择召开的会议。"), field="meeting")
        actions.proposal_meeting_link(actor=request.user, proposal=proposal, meeting=found)

    return _move(request, pk, run, _("已登记召集的会议。"))


@_view
def post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    body, organisation_id = request.POST.get("body", ""), id_from(request.POST.get("organisation"))
    response = _move(
        request,
        pk,
        lambda p: actions.proposal_post(
            actor=request.user, proposal=p, body=body, organisation_id=organisation_id
        ),
        _("留言已发布。"),
    )
    response["Location"] = response["Location"] + "#thread"
    return response


@_view
def hide(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")

    def run(proposal):
        found = selectors.post_get_for(viewer=request.user, proposal=proposal, post_id=post_id)
        actions.proposal_post_hide(actor=request.user, post=found, reason=reason)

    response = _move(request, pk, run, _("留言已隐藏，原文保留在审计记录中。"))
    response["Location"] = response["Location"] + "#thread"
    return response


@require_http_methods(["GET", "POST"])
@require_perm("proposals.sign_for")
def sign_for(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(viewer=request.user, proposal_id=pk)
    if not can(request.user, "proposals.sign_for", proposal):
        raise NotFound()
    resident_id = id_from(request.POST.get("resident") or request.GET.get("resident"))
    if resident_id is None:
        q = (request.GET.get("q") or "").strip()[:50]
        matches = selectors.residents_to_sign_for(viewer=request.user, proposal=proposal, q=q)
        return render(
            request, "selfgov/proposals/sign_for.html", {"proposal": proposal, "q": q, "matches": matches}
        )
    resident = selectors.resident_to_sign_for(viewer=request.user, proposal=proposal, resident_id=resident_id)
    form = AssistedSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.proposal_sign_assisted(
                actor=request.user,
                proposal=proposal,
                resident=resident,
                consent_channel=form.cleaned_data["consent_channel"],
                consent_note=form.cleaned_data["consent_note"],
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("已代 %(name)s 联名。") % {"name": resident.name})
            return redirect("selfgov:proposal", pk=proposal.pk)
    return render(
        request, "selfgov/proposals/sign_for.html", {"proposal": proposal, "resident": resident, "form": form}
    )


@require_http_methods(["GET", "POST"])
@require_perm("proposals.answer")
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(viewer=request.user, proposal_id=pk)
    if not can(request.user, "proposals.answer", proposal):
        raise NotFound()
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                actions.proposal_accept(
                    actor=request.user,
                    proposal=proposal,
                    answer=data["answer"],
                    matter_type=data["matter_type"] or "other",
                )
            else:
                actions.proposal_answer(actor=request.user, proposal=proposal, answer=data["answer"])
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("答复已记录，提议人和联名居民都会收到通知。"))
            return redirect("selfgov:proposal", pk=proposal.pk)
    return render(
        request,
        "selfgov/proposals/answer.html",
        {"proposal": proposal, "form": form, "count": selectors.proposal_count(proposal)},
    )


@require_safe
@require_perm("proposals.watch")
def due(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = list(selectors.proposals_due_for(viewer=request.user)[:200])
    return render(
        request,
        "selfgov/proposals/due.html",
        {
            "due": rows,
            "today": today,
            "waiting": list(selectors.proposals_waiting_for(viewer=request.user)[:200]),
        },
    )
