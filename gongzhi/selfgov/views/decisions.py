"""Decision pages: the list, starting one, its detail (the six stages as a timeline with each meeting's verdict
and the 登记表 PDFs), recording a stage's meeting, the two publications, the execution's tasks, the supervisory
committee's acceptance and objections with their answers; the power list (the township's template and each
community's copy). Thin: parse, call one action or selector, render."""

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_roll, shoulder_one
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, require_perm, set_choices
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.meetings import statute
from gongzhi.meetings.http import meeting_document_response
from gongzhi.meetings.models import MeetingMethod

from ..actions import decisions as actions
from ..decision_registers import REGISTER_TITLES, register_pdf
from ..forms.decisions import (
    AcceptForm,
    AnswerForm,
    DecisionStartForm,
    ObjectionForm,
    PublishForm,
    StageConveneForm,
    StageForm,
    StageTakeForm,
    TaskForm,
    TaskMoveForm,
)
from ..models import STAGES, DecisionState, OriginKind, Stage
from ..selectors import decisions as selectors
from ..workflow.decisions import DECISION, DECISION_TASK


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _require(user, perm: str, obj) -> None:
    if not can(user, perm, obj):
        raise NotPermitted()


# --- Decisions -------------------------------------------------------------------------------------


@require_perm("selfgov.view_decisions")
@require_safe
def decisions(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in DecisionState.values else ""
    page = paginate(request, selectors.decisions_for(viewer=request.user, state=state))
    return render(
        request,
        "selfgov/decisions/list.html",
        {
            "page": page,
            "state": state,
            "states": DecisionState.choices,
            "may_start": can(request.user, "selfgov.start_decision"),
        },
    )


def _start_choices(request, form: DecisionStartForm):
    communities = list(selectors.communities_to_start_for(viewer=request.user))
    set_choices(form.fields["community"], [(c.pk, c.name) for c in communities])
    chosen = (
        form.data.get("community")
        or request.GET.get("community")
        or (communities[0].pk if communities else None)
    )
    community = next(
        (c for c in communities if str(c.pk) == str(chosen)), communities[0] if communities else None
    )
    items = selectors.power_items_decided(community) if community else []
    set_choices(form.fields["power_item"], [("", "—"), *[(i.pk, f"{i.code} {i.name}") for i in items]])
    cases = []
    if community is not None:
        for kind, label in (("wish", _("微心愿")), ("situation", _("微民情"))):
            cases += [
                (c.pk, f"{label} #{c.pk} {c.title}")
                for c in selectors.origin_cases_for(viewer=request.user, community=community, kind=kind)
            ]
    set_choices(form.fields["origin_case"], [("", "—"), *cases])
    return community


@require_perm("selfgov.start_decision")
@require_http_methods(["GET", "POST"])
def decision_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DecisionStartForm(request.POST or None, initial={"origin_kind": OriginKind.CADRE_PROPOSAL})
    community = _start_choices(request, form)
    if request.method == "POST" and form.is_valid() and community is not None:
        data = form.cleaned_data
        item = next((i for i in selectors.power_items_decided(community) if i.pk == data["power_item"]), None)
        origin = None
        if data["origin_case"]:
            origin = selectors.origin_case_get_for(
                viewer=request.user, community=community, case_id=data["origin_case"]
            )
        try:
            decision = actions.decision_start(
                actor=request.user,
                community=community,
                title=data["title"],
                body=data["body"],
                matter_type=data["matter_type"],
                power_item=item,
                origin_kind=data["origin_kind"],
                origin=origin,
                origin_title=data["origin_title"] or (origin.title if origin is not None else ""),
                tell=[origin.author] if origin is not None and origin.author_id else [],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("决策事项已登记，请召开党组织会议提议。"))
            return redirect("selfgov:decision", pk=decision.pk)
    return render(request, "selfgov/decisions/start.html", {"form": form})


def _timeline(decision) -> list[dict]:
    records = selectors.decision_stages_of(decision)
    rows = []
    for stage in STAGES:
        record = records.get(stage)
        items = selectors.stage_items_of(record)
        rows.append(
            {
                "stage": stage,
                "label": Stage(stage).label,
                "record": record,
                "items": items,
                "documents": selectors.stage_documents_of(record),
                "needed": stage in decision.stages,
                "current": decision.state == stage,
                "register": record is not None and not record.skipped,
            }
        )
    return rows


@require_perm("selfgov.view_decisions")
@require_safe
def decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    user = request.user
    keep = can(user, "selfgov.keep_decision", found)
    objections = list(selectors.decision_objections_of(found))
    tasks = list(selectors.decision_tasks_of(found))
    stage, body, merged = actions.decision_stage_body(found)
    return render(
        request,
        "selfgov/decisions/detail.html",
        {
            "decision": found,
            "timeline": _timeline(found),
            "moves": lifecycle_verbs_for(found, user),
            "keep": keep,
            "supervise": can(user, "selfgov.supervise_decision", found),
            "stage_body": body,
            "merged": merged,
            "meeting_pending": found.state in STAGES[:4],
            "publication_pending": found.state in (DecisionState.DISCLOSURE, DecisionState.RESULT),
            "executing": found.state == DecisionState.EXECUTING,
            "tasks": [{"task": t, "state": DECISION_TASK.state_label(t.case.state)} for t in tasks],
            "objections": [{"o": o, "overdue": selectors.objection_overdue(o)} for o in objections],
            "events": _events(found),
            "task_form": TaskForm(),
            "objection_form": ObjectionForm(),
            "answer_form": AnswerForm(),
            "accept_form": AcceptForm(),
        },
    )


EVENT_VERBS = {"start": gettext_lazy("登记事项"), "convene": gettext_lazy("召集会议")}


def _events(decision) -> list:
    """The decision's history with its moves and states in words."""
    rows = list(decision.events.select_related("actor"))
    for row in rows:
        row.verb_label = str(EVENT_VERBS.get(row.verb) or DECISION.verb_label(row.verb))
        row.state_label = DECISION.state_label(row.to_state)
    return rows


def _roll_choices(body) -> list[tuple[int, str]]:
    if body is None:
        return []
    roll = body_roll(body)
    return [
        (seat.resident.pk, f"{seat.resident.name}{'（' + seat.post + '）' if seat.post else ''}")
        for seat in roll.seats
    ]


def _resolution_choices(form) -> None:
    set_choices(
        form.fields["resolution_kind"],
        [
            (BodyKind.REPRESENTATIVES.value, BodyKind.REPRESENTATIVES.label),
            (BodyKind.ASSEMBLY.value, BodyKind.ASSEMBLY.label),
        ],
    )


def _stage_page(
    request, found, *, form=None, convene_form=None, take_form=None, take_error: str = "", status: int = 200
) -> HttpResponse:
    """The stage's page: the meetings convened for it (their votes to take, those still to be held, those short
    of a quorum), convening one, and — behind a fold — recording a meeting held before the matter was
    registered."""
    resolution_kind = request.POST.get("resolution_kind", "")
    stage, body, merged = actions.decision_stage_body(found, resolution_kind=resolution_kind)
    if form is None:
        form = StageForm(initial={"held_on": timezone.localdate(found.started_at)})
        _resolution_choices(form)
    set_choices(form.fields["present_residents"], _roll_choices(body))
    roll = body_roll(body) if body is not None else None
    lead = statute.lead_time(body.meeting_rule, body.notice_days) if body is not None else None
    if convene_form is None:
        day = timezone.localdate() + dt.timedelta(days=lead.days if lead else 0)
        convene_form = StageConveneForm(initial={"method": MeetingMethod.SHOW_OF_HANDS, "held_on": day})
        _resolution_choices(convene_form)
    return render(
        request,
        "selfgov/decisions/stage.html",
        {
            "decision": found,
            "form": form,
            "convene_form": convene_form,
            "take_form": take_form or StageTakeForm(),
            "take_error": take_error,
            "meetings": selectors.decision_stage_meetings(found),
            "stage": stage,
            "stage_label": Stage(stage).label if stage in STAGES else found.get_state_display(),
            "body": body,
            "roll": roll,
            "lead": lead,
            "merged": merged,
            "secretary": shoulder_one(found.community) if merged else None,
            "resolution": stage == Stage.RESOLUTION,
            "registered_on": timezone.localdate(found.started_at),
        },
        status=status,
    )


@require_perm("selfgov.keep_decision")
@require_http_methods(["GET", "POST"])
def decision_stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.keep_decision", found)
    if request.method != "POST":
        return _stage_page(request, found)
    form = StageForm(request.POST, request.FILES)
    _resolution_choices(form)
    _stage, body, _merged = actions.decision_stage_body(
        found, resolution_kind=request.POST.get("resolution_kind", "")
    )
    set_choices(form.fields["present_residents"], _roll_choices(body))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.decision_stage_record(
                actor=request.user,
                decision=found,
                meeting=actions.StageMeeting(
                    held_on=data["held_on"],
                    present=data["present"],
                    in_favour=data["in_favour"],
                    against=data["against"] or 0,
                    abstaining=data["abstaining"] or 0,
                    present_residents=tuple(data["present_residents"]) or None,
                    households_present=data["households_present"],
                    resolution_kind=data["resolution_kind"],
                    opinion=data["opinion"],
                    place=data["place"],
                ),
                documents={"minutes": data.get("minutes"), "sign_in": data.get("sign_in")},
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("会议已记录。"))
            return redirect("selfgov:decision", pk=found.pk)
    return _stage_page(request, found, form=form)


@require_perm("selfgov.keep_decision")
@require_POST
def decision_stage_convene(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.keep_decision", found)
    form = StageConveneForm(request.POST)
    _resolution_choices(form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.decision_stage_convene(
                actor=request.user,
                decision=found,
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                place=data["place"],
                urgency_reason=data["urgency_reason"],
                method=data["method"] or MeetingMethod.SHOW_OF_HANDS,
                resolution_kind=data["resolution_kind"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("会议通知已发出。会议当天在会议页点名、表决，再回到这里采用表决结果。")
            )
            return redirect("meetings:detail", pk=meeting.pk)
    return _stage_page(request, found, convene_form=form, status=400)


@require_perm("selfgov.keep_decision")
@require_POST
def decision_stage_take(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.keep_decision", found)
    form = StageTakeForm(request.POST)
    if not form.is_valid():
        return _stage_page(request, found, take_form=form, take_error=_("请选择会议议题。"), status=400)
    agenda_item = selectors.stage_agenda_item_get(found, form.cleaned_data["agenda_item"])
    try:
        actions.decision_stage_take(
            actor=request.user, decision=found, agenda_item=agenda_item, opinion=form.cleaned_data["opinion"]
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        return _stage_page(request, found, take_form=form, take_error=exc.message, status=exc.status)
    messages.success(request, _("已采用会议的表决结果。"))
    return redirect("selfgov:decision", pk=found.pk)


@require_perm("selfgov.keep_decision")
@require_http_methods(["GET", "POST"])
def decision_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.keep_decision", found)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.decision_publish(
                actor=request.user,
                decision=found,
                text=data["text"],
                published_on=data["published_on"],
                where=data["where"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已公开。"))
            return redirect("selfgov:decision", pk=found.pk)
    return render(request, "selfgov/decisions/publish.html", {"decision": found, "form": form})


@require_perm("selfgov.view_decisions")
@require_safe
def decision_register(request: AuthenticatedHttpRequest, pk: int, stage: str) -> HttpResponse:
    """One of the six 登记表, generated from the record."""
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    record = selectors.decision_stages_of(found).get(stage)
    if stage not in REGISTER_TITLES or record is None or record.skipped:
        raise NotFound()
    meeting = record.meeting
    pdf = register_pdf(
        {
            "decision": found,
            "stage": record,
            "title": REGISTER_TITLES[stage],
            "meeting": meeting,
            "items": selectors.stage_items_of(record),
            "roll": list(meeting.roll.all()) if meeting else [],
            "tasks": [
                {"case": t.case, "state_label": DECISION_TASK.state_label(t.case.state)}
                for t in selectors.decision_tasks_of(found)
            ]
            if stage == Stage.RESULT
            else [],
            "objections": list(selectors.decision_objections_of(found)) if stage == Stage.RESULT else [],
        }
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stage}-{found.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_perm("selfgov.view_decisions")
@require_safe
def decision_document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> HttpResponseBase:
    """The scanned minutes or sign-in sheet of one of the decision's stage meetings, to its readers."""
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    return meeting_document_response(selectors.decision_document_of(found, document_id))


def _back(request, pk: int, ok: str, call) -> HttpResponse:
    try:
        call()
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, ok)
    return redirect("selfgov:decision", pk=pk)


@require_perm("selfgov.keep_decision")
@require_POST
def decision_task_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.keep_decision", found)
    return _back(
        request,
        found.pk,
        _("任务已安排。"),
        lambda: actions.decision_task_add(
            actor=request.user,
            decision=found,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        ),
    )


@require_perm("selfgov.view_decisions")
@require_safe
def decision_task(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.decision_task_get_for(viewer=request.user, task_id=pk)
    moves = case_moves_for(task, request.user)
    return render(
        request,
        "selfgov/decisions/task.html",
        {
            "task": task,
            "state_label": DECISION_TASK.state_label(task.case.state),
            "timeline": case_timeline(task.case),
            "moves": [(verb, DECISION_TASK.verb_label(verb)) for verb in moves],
            "form": TaskMoveForm(),
        },
    )


@require_perm("selfgov.keep_decision")
@require_POST
def decision_task_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.decision_task_get_for(viewer=request.user, task_id=pk)
    _require(request.user, "selfgov.keep_decision", task)
    try:
        actions.decision_task_move(
            actor=request.user,
            task=task,
            verb=request.POST.get("verb", ""),
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("任务已更新。"))
    return redirect("selfgov:decision_task", pk=task.pk)


@require_perm("selfgov.supervise_decision")
@require_POST
def decision_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.supervise_decision", found)
    return _back(
        request,
        found.pk,
        _("已验收，请村(社区)公开实施结果。"),
        lambda: actions.decision_accept(
            actor=request.user, decision=found, note=request.POST.get("note", "")
        ),
    )


@require_perm("selfgov.supervise_decision")
@require_POST
def decision_object(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.decision_get_for(viewer=request.user, decision_id=pk)
    _require(request.user, "selfgov.supervise_decision", found)
    return _back(
        request,
        found.pk,
        _("监督意见已提出，村(社区)须在7日内答复。"),
        lambda: actions.decision_object(
            actor=request.user, decision=found, text=request.POST.get("text", "")
        ),
    )


@require_perm("selfgov.keep_decision")
@require_POST
def decision_objection_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    objection = selectors.decision_objection_get_for(viewer=request.user, objection_id=pk)
    _require(request.user, "selfgov.keep_decision", objection.decision)
    return _back(
        request,
        objection.decision_id,
        _("已答复。"),
        lambda: actions.decision_objection_answer(
            actor=request.user, objection=objection, answer=request.POST.get("answer", "")
        ),
    )
