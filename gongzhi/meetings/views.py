"""Meeting pages: the list, the board, convening, one meeting with its roll, votes, witness, minutes and record.

Thin: a selector fetches the meeting for the viewer (404 for missing and not-yours alike), one action
writes, refusals go on the form or come back as a message on the meeting's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.bodies.models import Body
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.core.quorum import RULES
from gongzhi.residents.models import Resident

from . import actions, selectors, statute
from .forms import (
    CancelForm,
    ConveneForm,
    MinutesForm,
    RollCloseForm,
    RollForm,
    SignForm,
    VoteForm,
    WitnessForm,
)
from .http import meeting_document_response
from .models import Meeting, MeetingMethod, MeetingState
from .printing import meeting_record_context, meeting_record_pdf
from .roles import RECORDERS


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _recordable_bodies(user):
    return (
        Body.objects.filter(scope_q(paths_for(user, RECORDERS)), active=True)
        .select_related("area")
        .order_by("area__path", "kind", "name")
    )


def _meeting(request, pk: int) -> Meeting:
    return selectors.meeting_get_for(viewer=request.user, meeting_id=pk)


def _back(meeting: Meeting) -> str:
    from django.urls import reverse

    return reverse("meetings:detail", args=[meeting.pk])


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    meetings = list(selectors.meeting_list_for(viewer=request.user)[:100])
    return render(
        request,
        "meetings/index.html",
        {
            "meetings": meetings,
            "may_convene": can(request.user, "meetings.record"),
            "may_board": can(request.user, "meetings.view"),
        },
    )


@require_perm("meetings.view")
@require_safe
def board(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.meeting_board_for(viewer=request.user, today=today)
    return render(
        request,
        "meetings/board.html",
        {
            "rows": rows,
            "overdue": sum(1 for row in rows if row.status and row.status.overdue),
            "quarter": statute.quarter_label(today),
            "previous": statute.quarter_label(statute.previous_quarter_start(today)),
            "law": statute.QUARTERLY_LAW,
        },
    )


@require_perm("meetings.record")
@require_http_methods(["GET", "POST"])
def convene(request: AuthenticatedHttpRequest) -> HttpResponse:
    bodies = list(_recordable_bodies(request.user))
    follows = None
    follows_id = id_from(request.GET.get("follows"))
    if follows_id is not None:
        follows = selectors.meeting_list_for(viewer=request.user).filter(pk=follows_id).first()
    initial = {"body": follows.body_id, "title": follows.title} if follows is not None else {}
    form = ConveneForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        body = next((b for b in bodies if b.pk == form.cleaned_data["body"]), None)
        if body is None:
            raise NotFound()
        try:
            meeting = actions.meeting_convene(
                actor=request.user,
                body=body,
                held_on=form.cleaned_data["held_on"],
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                title=form.cleaned_data["title"],
                urgency_reason=form.cleaned_data["urgency_reason"],
                agenda=form.agenda(),
                follows=follows,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("meetings:detail", meeting.pk)
    leads = [
        (b, statute.lead_time(b.meeting_rule, b.notice_days)) for b in bodies
    ]  # shown beside the form: each body's lead time and its basis
    return render(request, "meetings/convene.html", {"form": form, "leads": leads, "follows": follows})


@login_required
@require_safe
@translate_errors
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    full = selectors.meeting_reads_roll(request.user, meeting)
    recorder = can(request.user, "meetings.record", meeting)
    context = (
        meeting_record_context(meeting)
        if full
        else {
            "meeting": meeting,
            "rule": RULES.get(meeting.body_kind),
            "agenda": list(selectors.meeting_agenda_of(meeting)),
            "roll": [],
        }
    )
    candidates = actions.meeting_witness_candidates(meeting) if recorder else []
    agenda: list = context["agenda"]  # type: ignore[assignment]
    for item in agenda:  # the online ballot box of a secret-ballot item
        box = actions.meeting_agenda_box_of(item) if item.method == MeetingMethod.SECRET_BALLOT else None
        setattr(item, "box", box)  # noqa: B010
    return render(
        request,
        "meetings/detail.html",
        {
            **context,
            "full": full,
            "recorder": recorder,
            "moves": lifecycle_verbs_for(meeting, request.user),
            "documents": list(selectors.meeting_documents_of(meeting)) if full else [],
            "witness_form": WitnessForm(candidates=candidates) if candidates else None,
            "may_sign": can(request.user, "meetings.witness", meeting) and meeting.witness_signed_at is None,
            "sign_form": SignForm(),
            "cancel_form": CancelForm(),
            "counted": meeting.members is None,
            "close_form": RollCloseForm(),
            "held": meeting.state == MeetingState.HELD,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@translate_errors
def roll(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not can(request.user, "meetings.record", meeting):
        raise PermissionDenied()
    body = meeting.body
    form = RollForm(
        request.POST or None,
        roll=selectors.meeting_roll_of(meeting),
        proxies=bool(body and body.proxies_allowed),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.meeting_roll_mark(actor=request.user, meeting=meeting, marks=form.marks())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/roll.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
@translate_errors
def roll_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    form = RollCloseForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return move_answer(
        request,
        run=lambda: actions.meeting_roll_close(
            actor=request.user,
            meeting=meeting,
            present=data.get("present"),
            households_present=data.get("households_present"),
            remark=data.get("remark") or "",
        ),
        success=_("已确认到会人数。"),
        back=_back(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
@translate_errors
def vote(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not can(request.user, "meetings.record", meeting):
        raise PermissionDenied()
    item = selectors.meeting_agenda_item_of(meeting, number)
    roll_call = item.method == MeetingMethod.ROLL_CALL
    form = VoteForm(
        request.POST or None,
        present=selectors.meeting_roll_of(meeting).filter(present=True),
        roll_call=roll_call,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.meeting_agenda_vote(
                actor=request.user,
                agenda_item=item,
                votes=form.votes() if roll_call else None,
                **({} if roll_call else form.counts()),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/vote.html", {"meeting": meeting, "item": item, "form": form})


@login_required
@require_POST
@translate_errors
def ballot_open(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    item = selectors.meeting_agenda_item_of(meeting, number)
    raw = (request.POST.get("minutes") or "30").strip()
    minutes = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0
    return move_answer(
        request,
        run=lambda: actions.meeting_agenda_ballot_open(actor=request.user, agenda_item=item, minutes=minutes),
        success=_("已开启线上投票，已通知线上参会人员。"),
        back=_back(meeting),
    )


@login_required
@require_POST
@translate_errors
def confirm(request: AuthenticatedHttpRequest, pk: int, item_id: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    item = selectors.meeting_item_of(meeting, item_id)
    return move_answer(
        request,
        run=lambda: actions.meeting_item_confirm(actor=request.user, item=item),
        success=_("已复核票数。"),
        back=_back(meeting),
    )


@login_required
@require_POST
@translate_errors
def witness(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    resident_id = id_from(request.POST.get("resident"))
    resident = (
        Resident.objects.filter(pk=resident_id, community_id=meeting.area_id).first() if resident_id else None
    )

    def run():
        if resident is None:
            if not can(request.user, "meetings.record", meeting):
                raise PermissionDenied()
            raise DomainError(_("请选择见证人。"), field="resident")
        actions.meeting_witness_name(actor=request.user, meeting=meeting, resident=resident)

    return move_answer(request, run=run, success=_("已确定见证人。"), back=_back(meeting))


@login_required
@require_POST
@translate_errors
def sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    return move_answer(
        request,
        run=lambda: actions.meeting_witness_sign(
            actor=request.user, meeting=meeting, note=request.POST.get("note", "")[:1000]
        ),
        success=_("已签字见证。"),
        back=_back(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
@translate_errors
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not can(request.user, "meetings.record", meeting):
        raise PermissionDenied()
    form = MinutesForm(request.POST or None, request.FILES or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            actions.meeting_minutes_record(
                actor=request.user,
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                documents=form.documents(),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/minutes.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
@translate_errors
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    return move_answer(
        request,
        run=lambda: actions.meeting_close(actor=request.user, meeting=meeting),
        success=_("会议已结束。"),
        back=_back(meeting),
    )


@login_required
@require_POST
@translate_errors
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    return move_answer(
        request,
        run=lambda: actions.meeting_cancel(
            actor=request.user, meeting=meeting, reason=request.POST.get("reason", "")[:1000]
        ),
        success=_("会议已取消，已通知应到人员。"),
        back=_back(meeting),
    )


@login_required
@require_safe
@translate_errors
def record_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    data = meeting_record_pdf(actor=request.user, meeting=meeting)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="meeting-{meeting.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
@translate_errors
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    if not selectors.meeting_reads_roll(request.user, meeting):
        raise PermissionDenied()
    return meeting_document_response(selectors.meeting_document_of(meeting, document_id))
