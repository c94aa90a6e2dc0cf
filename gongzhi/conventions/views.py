"""Convention pages: the township's campaign and board, a community's draft with the checker as they type,
the review, the meeting, the filing, demonstration villages, and the public page of the convention in force."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, require_perm, search_indexable, set_choices, translate_errors
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.core.quorum import RULES

from . import actions, selectors
from .checker import FINE, ConventionReport
from .diff import convention_diff, diff_counts
from .exports import board_workbook
from .forms import (
    AdoptionForm,
    CampaignForm,
    DecisionForm,
    DemonstrationForm,
    DraftForm,
    ImportForm,
    InForceForm,
    ReviewForm,
)
from .models import Revision, RevisionState


def _form_error(form, exc: DomainError) -> None:
    """A refusal the user can act on goes on the form; not allowed (403) and not found (404) stay what they are."""
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _require(user, perm: str, obj) -> None:
    if not can(user, perm, obj):
        raise NotPermitted()


# --- What the checker found, line by line ----------------------------------------------------


def marked_lines(text: str, report: ConventionReport) -> list[dict]:
    """Every line of the draft with the problems found on it (and the topics it covers), for marking in place."""
    lines = text.splitlines()
    problems: dict[int, list] = {}
    for violation in report.violations:
        problems.setdefault(violation.line, []).append(violation)
    covers: dict[int, list[str]] = {}
    for topic in report.topics:
        for evidence in topic.evidence:
            covers.setdefault(evidence.line, []).append(str(_(topic.label)))
    return [
        {
            "number": number,
            "text": line,
            "problems": [
                {"kind": _("罚款") if v.kind == FINE else _("不当处罚"), "suggestion": _(v.suggestion)}
                for v in problems.get(number, [])
            ],
            "topics": covers.get(number, []),
        }
        for number, line in enumerate(lines, start=1)
    ]


def _check_context(text: str, report: ConventionReport) -> dict:
    return {
        "report": report,
        "lines": marked_lines(text, report),
        "missing": [str(_(t.label)) for t in report.topics if not t.covered],
        "covered": [str(_(t.label)) for t in report.topics if t.covered],
        "has_text": bool(text.strip()),
    }


# --- Overview --------------------------------------------------------------------------------


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, "conventions.view"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied()
    campaigns = list(selectors.campaign_list_for(viewer=request.user)[:20])
    drafter_communities = list(selectors.drafter_communities(viewer=request.user))
    sections = []
    for campaign in campaigns:
        rows = []
        for community in drafter_communities:
            if community.path.startswith(campaign.township.path):
                rows.append(
                    {
                        "community": community,
                        "revision": selectors.revision_of(campaign=campaign, community=community),
                    }
                )
        sections.append(
            {
                "campaign": campaign,
                "rows": rows,
                "board": can(request.user, "conventions.view_board", campaign),
            }
        )
    in_force = [{"community": c, "version": selectors.in_force_of(c)} for c in drafter_communities]
    context = {
        "sections": sections,
        "in_force": in_force,
        "can_launch": selectors.townships_for_launch(viewer=request.user).exists(),
        "today": timezone.localdate(),
    }
    return render(request, "conventions/index.html", context)


@require_perm("conventions.launch")
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    townships = list(selectors.townships_for_launch(viewer=request.user))
    today = timezone.localdate()
    initial = {
        "township": townships[0].pk if len(townships) == 1 else None,
        "year": today.year,
        "topic_keys": [t.key for t in actions.DEFAULT_TOPICS],
        "demonstration_target": 0,
    }
    form = CampaignForm(request.POST or None, initial=initial)
    set_choices(form.fields["township"], [("", _("请选择"))] + [(t.pk, t.name) for t in townships])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        township = next((t for t in townships if t.pk == data["township"]), None)
        try:
            campaign = actions.campaign_launch(
                actor=request.user,
                township=township,
                year=data["year"],
                deadline=data["deadline"],
                topic_keys=data["topic_keys"],
                extra_topics=data["extra_topics"],
                demonstration_target=data["demonstration_target"],
                title=data["title"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("修订工作已启动，各村(社区)干部已收到通知。"))
            return redirect("conventions:board", pk=campaign.pk)
    return render(request, "conventions/campaign_form.html", {"form": form})


def _board(request: HttpRequest, pk: int):
    campaign = selectors.campaign_get_for(viewer=request.user, campaign_id=pk)
    _require(request.user, "conventions.view_board", campaign)
    return campaign


@require_perm("conventions.view_board")
@require_safe
def board(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _board(request, pk)
    state = request.GET.get("state", "")[:20]
    result = selectors.board_for(viewer=request.user, campaign=campaign, state=state)
    full = selectors.board_for(viewer=request.user, campaign=campaign)
    context = {
        "board": result,
        "full": full,
        "campaign": campaign,
        "state": state,
        "states": selectors.BOARD_STATES,
        "can_decide": can(request.user, "conventions.decide_demonstration", campaign),
        "topics": campaign.topics(),
    }
    return render(request, "conventions/board.html", context)


@require_perm("conventions.export")
@require_safe
def board_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = _board(request, pk)
    result = selectors.board_for(viewer=request.user, campaign=campaign)
    content = board_workbook(result)
    actions.board_export_record(actor=request.user, campaign=campaign, rows=len(result.rows))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="conventions-{campaign.year}.xlsx"'
    return response


# --- A community's revision ------------------------------------------------------------------


@require_perm("conventions.draft")
@require_POST
def start(request: AuthenticatedHttpRequest, pk: int, community_id: int) -> HttpResponse:
    campaign = selectors.campaign_get_for(viewer=request.user, campaign_id=pk)
    community = selectors.community_get_for(viewer=request.user, community_id=community_id)
    try:
        revision = actions.revision_start(actor=request.user, campaign=campaign, community=community)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("conventions:index")
    return redirect("conventions:edit", pk=revision.pk)


def _revision_moves(user, revision: Revision) -> dict[str, bool]:
    """What this user may do with the revision now: its moves (gongzhi.conventions.workflow), and editing."""
    moves = lifecycle_verbs_for(revision, user)
    return {
        **moves,
        "edit": revision.is_editable and can(user, "conventions.draft", revision),
        "review": moves["approve"] or moves["return"],
    }


def _adoption_context(revision: Revision) -> dict:
    """The adopting meeting, its label and its vote, for the detail and filing pages (gongzhi.meetings)."""
    meeting, vote = selectors.adoption_of(revision)
    return {"meeting": meeting, "vote": vote, "meeting_label": meeting.body_label if meeting else ""}


def _diff_context(revision: Revision, text: str) -> dict:
    current = selectors.in_force_of(revision.community)
    if current is not None and current.revision_id == revision.pk:  # filed: compare with the one it replaced
        current = selectors.earlier_versions_of(revision.community).first()
    rows = convention_diff(current.text, text) if current else []
    return {"in_force": current, "diff": rows, "diff_counts": diff_counts(rows)}


@require_safe
@translate_errors
def revision(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    report = actions.revision_check(revision)
    context = {
        "revision": revision,
        "moves": _revision_moves(request.user, revision),
        "events": selectors.revision_events(revision),
        "review_form": ReviewForm(),
        "documents": selectors.meeting_documents_of(revision),
        **_adoption_context(revision),
        "overdue": _overdue(revision),
        **_check_context(revision.text, report),
        **_diff_context(revision, revision.text),
    }
    return render(request, "conventions/revision.html", context)


def _overdue(revision: Revision) -> bool:
    return revision.state != RevisionState.FILED and timezone.localdate() > revision.campaign.deadline


@require_perm("conventions.draft")
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    _require(request.user, "conventions.draft", revision)
    if not revision.is_editable:
        messages.error(
            request, _("“%(state)s”的修订稿不能再修改。") % {"state": revision.get_state_display()}
        )
        return redirect("conventions:revision", pk=revision.pk)
    importing = request.method == "POST" and request.POST.get("then") == "import"
    import_form = ImportForm(request.POST if importing else None, request.FILES if importing else None)
    form = DraftForm(
        None if importing else request.POST or None,
        revision_id=revision.pk,
        initial={"title": revision.title, "text": revision.text},
    )
    text = revision.text
    if importing and import_form.is_valid():
        # A draft written in Word: its text replaces the draft's, saved like a typed one (audited).
        try:
            revision, report = actions.revision_save(
                actor=request.user,
                revision=revision,
                title=revision.title,
                text=import_form.cleaned_data["upload"],
                updated_at=_parse_stamp(request.POST.get("updated_at", "")),
            )
        except DomainError as exc:
            _form_error(import_form, exc)
        else:
            messages.info(request, _("已导入文件并保存，请核对检查结果。"))
            return redirect("conventions:edit", pk=revision.pk)
    if request.method == "POST" and not importing and form.is_valid():
        data = form.cleaned_data
        text = data["text"]
        seen = _parse_stamp(request.POST.get("updated_at", ""))
        try:
            revision, report = actions.revision_save(
                actor=request.user, revision=revision, title=data["title"], text=data["text"], updated_at=seen
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            if request.POST.get("then") == "submit":
                return move_answer(
                    request,
                    run=lambda: actions.revision_submit(actor=request.user, revision=revision),
                    success=_("已报送镇里合法性审查，审查结果会通知您。"),
                    back=actions.revision_url(revision),
                )
            if report.compliant:
                messages.success(request, _("已保存。检查通过，可以报送合法性审查。"))
            else:
                messages.info(
                    request, _("已保存。检查发现%(n)d处问题，修改后才能报送审查。") % {"n": revision.problems}
                )
            return redirect("conventions:edit", pk=revision.pk)
    report = actions.revision_check(revision, text)
    context = {
        "revision": revision,
        "form": form,
        "import_form": import_form,
        "stamp": revision.updated_at.isoformat(),
        **_check_context(text, report),
        **_diff_context(revision, text),
    }
    return render(request, "conventions/edit.html", context)


def _parse_stamp(raw: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw[:40]) if raw else None
    except ValueError:
        return None


@require_perm("conventions.draft")
@require_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """The checker and the diff on what is typed, as the drafter types (htmx); writes nothing."""
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    _require(request.user, "conventions.draft", revision)
    text = (request.POST.get("text") or "")[: actions.TEXT_MAX * 2]
    report = actions.revision_check(revision, text)
    context = {"revision": revision, **_check_context(text, report), **_diff_context(revision, text)}
    return render(request, "conventions/_checked.html", context)


def _move(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    return move_answer(
        request, run=lambda: run(revision), success=success, back=actions.revision_url(revision)
    )


@require_perm("conventions.draft")
@require_POST
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda r: actions.revision_submit(actor=request.user, revision=r),
        _("已报送镇里合法性审查，审查结果会通知您。"),
    )


@require_perm("conventions.review")
@require_POST
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in ("approve", "return"):
        revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
        messages.error(request, _("请选择“审查通过”或“退回修改”。"))
        return redirect("conventions:revision", pk=revision.pk)
    comment = request.POST.get("comment", "")
    return _move(
        request,
        pk,
        lambda r: actions.revision_review(actor=request.user, revision=r, approve=approve, comment=comment),
        _("审查通过，村(社区)可以提交会议表决了。") if approve else _("已退回修改，村(社区)会收到审查意见。"),
    )


@require_perm("conventions.adopt")
@require_http_methods(["GET", "POST"])
def adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from gongzhi.residents.selectors import community_register_counts

    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    _require(request.user, "conventions.adopt", revision)
    kinds = actions.meeting_kinds_for(revision.community)
    counts = community_register_counts(revision.community)
    form = AdoptionForm(
        request.POST or None,
        request.FILES or None,
        initial={"meeting_kind": kinds[0], "meeting_date": timezone.localdate(), **counts},
    )
    set_choices(form.fields["meeting_kind"], [(k, RULES[k].label) for k in kinds])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.revision_adopt(
                actor=request.user,
                revision=revision,
                meeting_kind=data["meeting_kind"],
                meeting_date=data["meeting_date"],
                present=data["present"],
                in_favour=data["in_favour"],
                against=data["against"],
                abstaining=data["abstaining"],
                members=data["members"],
                adults=data["adults"],
                households=data["households"],
                households_present=data["households_present"],
                documents={"minutes": data.get("minutes"), "sign_in": data.get("sign_in")},
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("会议表决结果已记录，请报镇备案。"))
            return redirect("conventions:revision", pk=revision.pk)
    rules = [RULES[k] for k in kinds]
    return render(
        request,
        "conventions/adopt.html",
        {"revision": revision, "form": form, "rules": rules, "counts": counts},
    )


@require_perm("conventions.file")
@require_http_methods(["GET", "POST"])
def file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Filing publishes the revision and replaces the version in force: a page asks first (no JavaScript needed),
    and only a POST that says it was confirmed files."""
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    _require(request.user, "conventions.file", revision)
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        return _move(
            request,
            pk,
            lambda r: actions.revision_file(actor=request.user, revision=r),
            _("已报镇备案，新的版本已在本村(社区)的公开页面公布。"),
        )
    current = selectors.in_force_of(revision.community)
    return render(
        request,
        "conventions/file_confirm.html",
        {"revision": revision, "current": current, **_adoption_context(revision)},
    )


@require_safe
@translate_errors
def document(request: HttpRequest, pk: int, document_id: int) -> HttpResponseBase:
    """The minutes or sign-in sheet of the adopting meeting, to those who may see the revision."""
    from gongzhi.meetings.http import meeting_document_response

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    revision = selectors.revision_get_for(viewer=request.user, revision_id=pk)
    return meeting_document_response(selectors.meeting_document_of(revision, document_id))


@require_perm("conventions.acknowledge")
@require_POST
def acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda r: actions.revision_acknowledge(actor=request.user, revision=r),
        _("已确认收到备案，村(社区)会收到通知。"),
    )


# --- The version in force --------------------------------------------------------------------


@require_perm("conventions.record_in_force")
@require_http_methods(["GET", "POST"])
def in_force(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.community_get_for(
        viewer=request.user, community_id=community_id, roles=actions.DRAFTERS
    )
    form = InForceForm(
        request.POST or None,
        request.FILES or None,
        initial={"title": f"{community.name}{actions.convention_kind_label(community)}"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.convention_in_force_record(
                actor=request.user,
                community=community,
                title=data["title"],
                text=data["text"],
                adopted_on=data["adopted_on"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("现行版本已录入；修订时会以它为底稿并对照显示改动。"))
            return redirect("conventions:index")
    current = selectors.in_force_of(community)
    return render(
        request, "conventions/in_force_form.html", {"form": form, "community": community, "current": current}
    )


@require_safe
@translate_errors
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    community, version = selectors.in_force_public(community_id)
    context = {
        "community": community,
        "version": version,
        "indexable": community.search_indexing,
        "kind_label": actions.convention_kind_label(community),
    }
    response = search_indexable(
        render(request, "conventions/public.html", context), community.search_indexing
    )
    if not request.user.is_authenticated:
        response["Cache-Control"] = "private, max-age=60"
    return response


# --- Demonstration villages ------------------------------------------------------------------


@require_perm("conventions.apply_demonstration")
@require_http_methods(["GET", "POST"])
def demonstration_apply(request: AuthenticatedHttpRequest, pk: int, community_id: int) -> HttpResponse:
    campaign = selectors.campaign_get_for(viewer=request.user, campaign_id=pk)
    community = selectors.community_get_for(
        viewer=request.user, community_id=community_id, roles=actions.DRAFTERS
    )
    form = DemonstrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.demonstration_apply(
                actor=request.user,
                campaign=campaign,
                community=community,
                evidence=form.cleaned_data["evidence"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("示范村申报已提交，镇里审核后会通知您。"))
            return redirect("conventions:demonstration", pk=application.pk)
    revision = selectors.revision_of(campaign=campaign, community=community)
    return render(
        request,
        "conventions/demonstration_form.html",
        {"form": form, "campaign": campaign, "community": community, "revision": revision},
    )


@require_safe
@translate_errors
def demonstration(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.demonstration_get_for(viewer=request.user, application_id=pk)
    context = {
        "application": application,
        "form": DecisionForm(),
        "can_decide": lifecycle_verbs_for(application, request.user)["approve"],
        "revision": selectors.revision_of(campaign=application.campaign, community=application.community),
        "can_board": can(request.user, "conventions.view_board", application.campaign),
    }
    return render(request, "conventions/demonstration.html", context)


@require_perm("conventions.decide_demonstration")
@require_POST
def demonstration_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.demonstration_get_for(viewer=request.user, application_id=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("请选择“命名”或“不予通过”。"))
        return redirect("conventions:demonstration", pk=application.pk)
    note = request.POST.get("note", "")
    return move_answer(
        request,
        run=lambda: actions.demonstration_decide(
            actor=request.user, application=application, approve=decision == "approve", note=note
        ),
        success=_("已命名为示范村。")
        if decision == "approve"
        else _("已决定不予通过，村(社区)会收到审核意见。"),
        back=reverse("conventions:demonstration", args=[application.pk]),
    )
