"""Application pages shared by every stage: the staff queue (routed by stage) and one application."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongzhi.cases.selectors import case_moves_for, case_timeline
from gongzhi.core.authz import can
from gongzhi.core.http import move_answer, paginate, querystring_without, require_perm, translate_errors

from ..selectors import applications as selectors
from ..selectors.desk import notices_of, open_notice_of, promises_of
from ..selectors.flow import application_flow_for
from ..workflow import APPLICATION


@require_perm("hall.view_queue")
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") or ""
    state = state if state in APPLICATION.waiting_states else ""
    page = paginate(request, selectors.queue_for(viewer=request.user, state=state or None), per_page=30)
    now = timezone.now()
    for application in page:
        application.state_label = APPLICATION.state_label(application.case.state)
        application.applicant = selectors.applicant_label(application)
        application.colour = selectors.colour_of(application, now=now)
    context = {
        "page": page,
        "state": state,
        "states": [
            (s, APPLICATION.state_label(s)) for s in APPLICATION.states if s in APPLICATION.waiting_states
        ],
        "query": querystring_without(request, "page"),
    }
    return render(request, "hall/queue.html", context)


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    case = application.case
    staff = can(request.user, "hall.view_queue", application)
    context = {
        "application": application,
        "case": case,
        "state_label": APPLICATION.state_label(case.state),
        "applicant": selectors.applicant_label(
            application, full=can(request.user, "hall.see_names", application)
        ),
        "colour": selectors.colour_of(application),
        "materials": list(application.materials.select_related("material").prefetch_related("files")),
        "timeline": case_timeline(case, private=True),
        "verbs": case_moves_for(application, request.user),
        "staff": staff,
        # The front desk's part: the facts from the register, the notices, the promises, what is missing.
        "facts": application.facts,
        "see_names": can(request.user, "hall.see_names", application),
        "notices": notices_of(application),
        "open_notice": open_notice_of(application),
        "promises": promises_of(application),
        "can_supply_promised": can(request.user, "hall.supply_promised", application),
        "may_revoke": can(request.user, "hall.revoke_document", application),
        "today": timezone.localdate(),
        # The village power list's flow it follows, if its matter is bound to one (actions/flow.py).
        "flow": application_flow_for(application, request.user),
        "may_keep_flow": can(request.user, "hall.keep_flow", application),
    }
    return render(request, "hall/detail.html", context)


def application_move_answer(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    """Run `run(application)` on an application the user can see (404 otherwise), then back to its page with
    what happened or why not (core.http.move_answer); the desk's, the rating's and the revoke's POSTs."""
    back = reverse("hall:detail", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    return move_answer(request, run=lambda: run(application), success=success, back=back)
