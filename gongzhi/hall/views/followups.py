"""The township's follow-ups of bad ratings (回访整改): their queue, one follow-up, and its two moves."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.cases.presentation import MoveForm, case_move_forms
from gongzhi.cases.selectors import case_timeline
from gongzhi.core.http import move_answer, paginate, require_perm

from ..actions import followups as actions
from ..forms.rating import FindingForm, RemedyForm
from ..limits import due_colour
from ..selectors import followups as selectors
from ..selectors.applications import applicant_label
from ..workflow import APPLICATION, FOLLOWUP


@require_perm("hall.view_followups")
@require_safe
def followups(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.followup_queue_for(viewer=request.user), per_page=30)
    for followup in page:
        followup.state_label = FOLLOWUP.state_label(followup.case.state)
    return render(request, "hall/followups.html", {"page": page})


@require_perm("hall.view_followups")
@require_safe
def followup(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_get_for(viewer=request.user, followup_id=pk)
    case, application = followup.case, followup.application
    rating = application.case.rating
    context = {
        "followup": followup,
        "case": case,
        "application": application,
        "state_label": FOLLOWUP.state_label(case.state),
        "application_state": APPLICATION.state_label(application.case.state),
        "applicant": applicant_label(application, full=request.user.has_perm("hall.see_names", application)),
        "rating_label": APPLICATION.rating_label(rating) if rating else "",
        "colour": due_colour(case.updated_at, case.due_at, timezone.now()),
        "timeline": case_timeline(case, private=True),
        "moves": case_move_forms(
            followup,
            request.user,
            url_name="hall:followup_{verb}",
            forms=[
                MoveForm("visit", FindingForm(), _("记录回访情况"), testid="visit"),
                MoveForm("rectify", RemedyForm(), _("整改完成，告知申请人"), testid="rectify"),
            ],
        ),  # fmt: skip
    }
    return render(request, "hall/rating/followup.html", context)


def _answer(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    back = reverse("hall:followup", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    followup = selectors.followup_get_for(viewer=request.user, followup_id=pk)
    return move_answer(request, run=lambda: run(followup), success=success, back=back)


@require_perm("hall.view_followups")
@require_POST
def followup_visit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    finding = request.POST.get("finding", "")
    return _answer(request, pk, lambda f: actions.followup_visit(actor=request.user, followup=f, finding=finding),
                   _("已记录回访情况，请在时限内整改。"))  # fmt: skip


@require_perm("hall.view_followups")
@require_POST
def followup_rectify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    remedy = request.POST.get("remedy", "")
    return _answer(request, pk, lambda f: actions.followup_rectify(actor=request.user, followup=f, remedy=remedy),
                   _("整改已完成，申请人会收到通知。"))  # fmt: skip
