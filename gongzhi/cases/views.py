"""The engine's own page: a township department's escalations (吹哨) waiting for its reply.

Each row links to the case's page in its feature (the case type's
`detail_url`), where the department reads the matter and replies.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongzhi.core.http import paginate, require_perm

from . import selectors
from .workflow import case_type_of


@require_perm("cases.view_escalations")
@require_safe
def escalations(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.escalation_targets_waiting_for(viewer=request.user), per_page=30)
    now = timezone.now()
    for target in page:
        case = target.escalation.case
        target.kind_label = str(case_type_of(case.kind).label)
        target.url = selectors.case_detail_url(case)
        target.overdue = target.escalation.due_at < now
    return render(request, "cases/escalations.html", {"page": page})
