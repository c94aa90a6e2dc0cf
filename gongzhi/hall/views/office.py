"""The back office's pages (one move with its form) and the window's issuing page, plus an issued PDF's download.

A refusal is shown on the move's page with its message and status: 400 for
bad input, 403 when the application is routed to someone else, 409 when
the state no longer allows it (another officer decided first); 404 when
the viewer may not see the application at all.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.cases.selectors import case_moves_for
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm, translate_errors

from ..actions import issuing, office
from ..downloads import document_response
from ..forms.office import IssueForm, form_for
from ..selectors import applications as selectors
from ..selectors import issued
from ..workflow import APPLICATION
from .applications import application_move_answer

DONE = {
    "pass_up": gettext_lazy("初审通过，已报乡镇审批。"),
    "approve_village": gettext_lazy("已准予，待窗口出件。"),
    "reject_village": gettext_lazy("已作出不予批准决定，待窗口出件。"),
    "approve": gettext_lazy("已准予，待窗口出件。"),
    "reject": gettext_lazy("已作出不予批准决定，待窗口出件。"),
    "return": gettext_lazy("已退回窗口。"),
    "return_window": gettext_lazy("已退回乡镇窗口。"),
    "hand_off": gettext_lazy("已登记报送县级部门。"),
    "hand_back_approved": gettext_lazy("已登记县级部门准予，待窗口出件。"),
    "hand_back_rejected": gettext_lazy("已登记县级部门不予批准，待窗口出件。"),
}


def _page(request, application, form, *, verb: str, status: int = 200) -> HttpResponse:
    context = {
        "application": application,
        "case": application.case,
        "form": form,
        "verb": verb,
        "verb_label": APPLICATION.verb_label(verb) if verb != "issue" else _("出件"),
        "state_label": APPLICATION.state_label(application.case.state),
        "applicant": selectors.applicant_label(application),
        "allowed": verb in case_moves_for(application, request.user),
        "opinion_required": office.DECISIONS.get(verb, ("", verb == "hand_back_rejected"))[1],
    }
    return render(request, "hall/office/move.html", context, status=status)


def _run(request, application, form, *, verb: str, run, success: str) -> HttpResponse:
    try:
        run()
    except DomainError as exc:
        if exc.status == 404:
            raise Http404() from None
        form_error_from(form, exc)
        fresh = selectors.application_get_for(viewer=request.user, application_id=application.pk)
        return _page(request, fresh, form, verb=verb, status=exc.status)
    messages.success(request, success)
    return redirect("hall:detail", pk=application.pk)


@require_perm("hall.view_queue")
@require_http_methods(["GET", "POST"])
def move(request: AuthenticatedHttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in office.OFFICE_VERBS:
        raise Http404()
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    form = form_for(verb, request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _page(request, application, form, verb=verb)
    if not form.is_valid():
        return _page(request, application, form, verb=verb, status=400)
    data = form.cleaned_data
    actor = request.user
    if verb == "hand_off":

        def run():
            office.application_hand_off(actor=actor, application=application, sent_on=data["sent_on"],
                                        opinion=data["opinion"])  # fmt: skip
    elif verb in {"hand_back_approved", "hand_back_rejected"}:

        def run():
            office.application_hand_back(actor=actor, application=application, approved=verb == "hand_back_approved",
                                         answered_on=data["answered_on"], opinion=data["opinion"])  # fmt: skip
    else:

        def run():
            office.application_decide(
                actor=actor, application=application, verb=verb, opinion=data["opinion"]
            )

    return _run(request, application, form, verb=verb, run=run, success=str(DONE[verb]))


@require_perm("hall.view_queue")
@require_http_methods(["GET", "POST"])
def issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _page(request, application, form, verb="issue")
    if not form.is_valid():
        return _page(request, application, form, verb="issue", status=400)
    data = form.cleaned_data

    def run():
        issuing.application_issue(
            actor=request.user, application=application, delivery=data["delivery"],
            delivery_note=data["delivery_note"], collector_name=data["collector_name"],
            collector_id=data["collector_id"], site_url=request.build_absolute_uri("/"),
        )  # fmt: skip

    return _run(request, application, form, verb="issue", run=run,
                success=_("已出件，申请人可在办件页面下载结果文书。"))  # fmt: skip


@require_safe
@translate_errors
def document(request: HttpRequest, pk: int, doc: int) -> HttpResponseBase:
    """The issued PDF, for whoever may see the application (the applicant, the hall's staff)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    found = issued.document_get(application, doc)
    return document_response(actor=request.user, application=application, document=found)


@require_POST
@translate_errors
def document_revoke(request: AuthenticatedHttpRequest, pk: int, doc: int) -> HttpResponse:
    """撤销 an issued result notice (POST {"reason"}): back to the application with what happened or why not."""

    def run(application):
        found = issued.document_get(application, doc)
        issuing.document_revoke(
            actor=request.user, application=application, document=found, reason=request.POST.get("reason", "")
        )

    return application_move_answer(
        request, pk, run, _("结果文书已撤销，核验时将显示“已撤销”，申请人已收到通知。")
    )
