"""Pages of people's mediation: the viewer's cases, intake, one case and its moves, the papers, the committee's
roster and training, the monthly screening, and the statistics (aggregates only).

A case page is read by its parties, its assigned mediators and the committee's chair (rules.py); anyone
else gets 404, as for a case that does not exist. Every write is one action.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, paginate, require_perm
from gongzhi.core.ids import id_from

from . import actions, selectors
from .forms import (
    AgreementForm,
    AssignForm,
    FailForm,
    FollowUpForm,
    IntakeForm,
    NoteForm,
    OptionalReasonForm,
    PartyForm,
    ReasonForm,
    ScanForm,
    ScreeningForm,
    SessionForm,
    TrainingForm,
    new_submission_key,
)
from .models import Dispute, PartySide
from .workflow import DISPUTE


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


@require_perm("mediation.cases")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in DISPUTE.states else ""
    page = paginate(request, selectors.dispute_list_for(viewer=request.user, state=state))
    for dispute in page:
        dispute.state_label = DISPUTE.state_label(dispute.case.state)  # type: ignore[attr-defined]
    context = {
        "page": page,
        "state": state,
        "states": list(DISPUTE.states.items()),
        "may_intake": request.user.has_perm("mediation.intake"),
        "committees": selectors.communities_mediated_by(request.user),
        "chaired": selectors.communities_chaired_by(request.user),
        "may_stats": request.user.has_perm("mediation.stats"),
    }
    return render(request, "mediation/index.html", context)


@require_perm("mediation.intake")
@require_http_methods(["GET", "POST"])
def intake(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    for_others = user.has_perm("mediation.intake_for_others")
    communities = (
        [(c.pk, c.name) for c in selectors.intake_communities_for(viewer=user)] if for_others else []
    )
    screening = None
    screening_id = id_from(request.GET.get("screening"))
    if screening_id is not None:
        screening = selectors.screening_get_for(viewer=user, screening_id=screening_id)
        communities = [(screening.community.pk, screening.community.name)]
    own = not communities
    form = IntakeForm(
        request.POST or None,
        communities=communities,
        own=own,
        initial={"submission_key": new_submission_key()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = None
        if communities:
            community = next(
                (c for c in selectors.intake_communities_for(viewer=user) if c.pk == data["community"]), None
            )
            if screening is not None:
                community = screening.community
        try:
            if communities and community is None:
                raise DomainError(_("请选择您负责的村(社区)。"), field="community")
            made = actions.dispute_intake(
                actor=user,
                community=community,
                category=data["category"],
                facts=data["facts"],
                parties=form.parties(),
                source="screening" if screening is not None else "",
                source_ref=screening.pk if screening is not None else None,
                submission_key=data.get("submission_key") or "",
            )
        except AlreadySubmitted as exc:
            made = Dispute.objects.get(pk=exc.case.pk)
        except DomainError as exc:
            _form_error(form, exc)
            made = None
        if made is not None:
            messages.success(request, _("纠纷已登记，案件编号 %(code)s。") % {"code": made.code})
            if can(user, "mediation.view", made):
                return redirect("mediation:detail", pk=made.pk)
            return redirect("mediation:index")
    return render(request, "mediation/intake.html", {"form": form, "own": own, "screening": screening})


def _detail_context(request: AuthenticatedHttpRequest, dispute: Dispute) -> dict:
    user = request.user
    case = dispute.case
    parties = selectors.parties_of(dispute)
    moves = case_moves_for(dispute, user)
    facts = can(user, "mediation.view_facts", dispute)
    sessions = selectors.sessions_of(dispute)
    return {
        "dispute": dispute,
        "case": case,
        "state_label": DISPUTE.state_label(case.state),
        "parties": parties,
        "show_facts": facts,
        "may_files": can(user, "mediation.files", dispute),
        "assignments": selectors.assignments_of(dispute),
        "sessions": sessions if facts else [],
        "session_count": len(sessions),
        "followups": selectors.followups_of(dispute),
        "timeline": case_timeline(case),
        "moves": moves,
        "is_chair": can(user, "mediation.chair", dispute),
        "may_add_party": case.state in ("received", "accepted", "mediating")
        and (can(user, "mediation.chair", dispute) or can(user, "mediation.mediate", dispute)),
        "may_reopen": "reopen" in moves and selectors.last_visit_not_kept(dispute),
        "note_form": NoteForm(),
        "reason_form": ReasonForm(),
        "optional_reason_form": OptionalReasonForm(),
        "assign_form": AssignForm(mediators=selectors.assignable_for(dispute)) if "assign" in moves else None,
        "session_form": SessionForm(parties=parties, initial={"held_on": timezone.localdate()}),
        "agreement_form": AgreementForm(initial={"effective_on": timezone.localdate()}),
        "fail_form": FailForm(),
        "scan_form": ScanForm(),
        "followup_form": FollowUpForm(initial={"visited_on": timezone.localdate()}),
        "party_form": PartyForm(initial={"side": PartySide.RESPONDENT}),
    }


@require_perm("mediation.cases")
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get_for(viewer=request.user, dispute_id=pk)
    return render(request, "mediation/detail.html", _detail_context(request, dispute))


def _move(request: AuthenticatedHttpRequest, pk: int, run, success: str) -> HttpResponse:
    dispute = selectors.dispute_get_for(viewer=request.user, dispute_id=pk)
    return move_answer(
        request, run=lambda: run(dispute), success=success, back=reverse("mediation:detail", args=[pk])
    )


def _posted(form) -> dict:
    """The form's cleaned values, or the first error as a DomainError (the action's refusal on the page)."""
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        raise DomainError(f"{label}：{errors[0]}" if label else errors[0], field=field)
    return form.cleaned_data


@require_perm("mediation.cases")
@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.dispute_accept(
            actor=request.user, dispute=d, note=_posted(NoteForm(request.POST))["note"]
        ),
        _("已受理，请指派调解员。"),
    )


@require_perm("mediation.cases")
@require_POST
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.dispute_decline(
            actor=request.user, dispute=d, reason=request.POST.get("reason", "")
        ),
        _("已决定不予受理，并告知当事人。"),
    )


@require_perm("mediation.cases")
@require_POST
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.dispute_assign(
            actor=request.user, dispute=d, mediator_id=id_from(request.POST.get("mediator"))
        ),
        _("已指派调解员。"),
    )


@require_perm("mediation.cases")
@require_POST
def recuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get_for(viewer=request.user, dispute_id=pk)
    try:
        actions.dispute_recuse(actor=request.user, dispute=dispute, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("mediation:detail", pk=pk)
    messages.success(request, _("您已回避本案，调委会主任将另行指派调解员。"))
    return redirect("mediation:index")


@require_perm("mediation.cases")
@require_POST
def party_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(dispute: Dispute) -> None:
        data = _posted(PartyForm(request.POST))
        actions.party_add(
            actor=request.user,
            dispute=dispute,
            party=actions.PartyInput(
                side=data["side"], name=data["name"], id_number=data["id_number"], phone=data["phone"]
            ),
        )

    return _move(request, pk, run, _("已添加当事人。"))


@require_perm("mediation.cases")
@require_POST
def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(dispute: Dispute) -> None:
        form = SessionForm(request.POST, parties=selectors.parties_of(dispute))
        data = _posted(form)
        actions.session_record(
            actor=request.user,
            dispute=dispute,
            held_on=data["held_on"],
            place=data["place"],
            attendees=data["attendees"],
            positions=form.positions(),
            next_steps=data["next_steps"],
        )

    return _move(request, pk, run, _("已记录本次调解。"))


@require_perm("mediation.cases")
@require_POST
def agree(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(dispute: Dispute) -> None:
        data = _posted(AgreementForm(request.POST))
        actions.dispute_agree(
            actor=request.user,
            dispute=dispute,
            terms=data["terms"],
            performance=data["performance"],
            effective_on=data["effective_on"],
            confirmation_wanted=data["confirmation_wanted"],
        )

    return _move(request, pk, run, _("已达成调解协议：请打印协议书，各方签字盖章后上传扫描件。"))


@require_perm("mediation.cases")
@require_POST
def fail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(dispute: Dispute) -> None:
        data = _posted(FailForm(request.POST))
        actions.dispute_fail(
            actor=request.user, dispute=dispute, referral_to=data["referral_to"], reason=data["reason"]
        )

    return _move(request, pk, run, _("已结案：调解不成，引导记录已生成。"))


@require_perm("mediation.cases")
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.dispute_withdraw(
            actor=request.user, dispute=d, reason=request.POST.get("reason", "")
        ),
        _("已撤回调解。"),
    )


@require_perm("mediation.cases")
@require_POST
def scan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.agreement_scan_upload(
            actor=request.user, dispute=d, upload=request.FILES.get("scan")
        ),
        _("已上传签字盖章的协议书。"),
    )


@require_perm("mediation.cases")
@require_POST
def followup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(dispute: Dispute) -> None:
        data = _posted(FollowUpForm(request.POST))
        actions.followup_record(
            actor=request.user,
            dispute=dispute,
            visited_on=data["visited_on"],
            outcome=data["outcome"],
            note=data["note"],
        )

    return _move(request, pk, run, _("已记录回访。"))


@require_perm("mediation.cases")
@require_POST
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda d: actions.dispute_reopen(
            actor=request.user, dispute=d, reason=request.POST.get("reason", "")
        ),
        _("已重新调解。"),
    )


FILE_NAMES = {
    "agreement": gettext_lazy("人民调解协议书"),
    "scan": gettext_lazy("人民调解协议书（签字）"),
    "referral": gettext_lazy("人民调解记录"),
}


@require_perm("mediation.cases")
@require_safe
def paper(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    dispute = selectors.dispute_get_for(viewer=request.user, dispute_id=pk)
    if kind not in FILE_NAMES:
        raise NotFound()
    content = actions.dispute_file_read(actor=request.user, dispute=dispute, kind=kind)
    from urllib.parse import quote

    response = HttpResponse(content, content_type="application/pdf")
    name = quote(f"{FILE_NAMES[kind]}-{dispute.code}.pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The committee --------------------------------------------------------------------------------------


@require_perm("mediation.roster")
@require_safe
def committee(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.roster_community_get_for(viewer=request.user, community_id=community_id)
    chair = selectors.is_chair_of(request.user, community)
    context = {
        "community": community,
        "body": selectors.committee_of(community),
        "roster": selectors.committee_roster(community),
        "is_chair": chair,
        "training_form": TrainingForm(initial={"held_on": timezone.localdate()}) if chair else None,
    }
    return render(request, "mediation/committee.html", context)


@require_perm("mediation.train")
@require_POST
def training(request: AuthenticatedHttpRequest, membership_id: int) -> HttpResponse:
    seat = selectors.seat_get_for_chair(viewer=request.user, membership_id=membership_id)

    def run() -> None:
        data = _posted(TrainingForm(request.POST))
        actions.training_record(
            actor=request.user,
            membership=seat,
            held_on=data["held_on"],
            course=data["course"],
            hours=data["hours"],
            given_by=data["given_by"],
        )

    return move_answer(
        request,
        run=run,
        success=_("已记录培训。"),
        back=reverse("mediation:committee", args=[seat.body.area_id]),
    )


@require_perm("mediation.cases")
@require_http_methods(["GET", "POST"])
def screenings(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.screening_community_get_for(viewer=request.user, community_id=community_id)
    form = ScreeningForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.screening_record(
                actor=request.user,
                community=community,
                month=data["month"],
                none_found=data["none_found"],
                note=data["note"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已登记本月排查。"))
            return redirect("mediation:screenings", community_id=community.pk)
    rows = list(selectors.screenings_of(community)[:24])
    visible = {d.pk for d in selectors.dispute_list_for(viewer=request.user)}
    for row in rows:
        row.findings = selectors.screening_findings(row)  # type: ignore[attr-defined]
        for finding in row.findings:  # type: ignore[attr-defined]
            finding.visible = finding.pk in visible
    return render(request, "mediation/screenings.html", {"community": community, "rows": rows, "form": form})


@require_perm("mediation.stats")
@require_safe
def stats(request: AuthenticatedHttpRequest) -> HttpResponse:
    communities = list(selectors.stats_communities_for(viewer=request.user))
    community_id = id_from(request.GET.get("community"))
    community = next((c for c in communities if c.pk == community_id), None)
    year_raw = request.GET.get("year", "")
    year = (
        int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else timezone.localdate().year
    )
    context = {
        "communities": communities,
        "community": community,
        "figures": selectors.stats_for(viewer=request.user, community=community, year=year),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        "small": selectors.SMALL_COUNT,
        "family_at": selectors.FAMILY_DETAIL_AT,
    }
    return render(request, "mediation/stats.html", context)
