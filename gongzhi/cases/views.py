"""The engine's own page: a township department's escalations (吹哨) waiting for its reply.

Each row links to the case's page in its feature (the case type's
`detail_url`), where the department reads the matter and replies. Someone
whose role may be held in a department but who holds it in none sees an
empty queue that says so.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongzhi.accounts.scopes import department_ids_for
from gongzhi.core.http import paginate, querystring_without, require_perm

from . import selectors
from .workflow import case_type_of


@require_perm("cases.view_escalations")
@require_safe
def escalations(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or "waiting"
    if status not in selectors.ESCALATION_STATUSES:
        status = "waiting"
    page = paginate(
        request, selectors.escalation_targets_for(viewer=request.user, status=status), per_page=30
    )
    now = timezone.now()
    for target in page:
        case = target.escalation.case
        target.kind_label = str(case_type_of(case.kind).label)
        target.url = selectors.case_detail_url(case)
        target.overdue = (
            target.replied_at is None and target.escalation.is_open and target.escalation.due_at < now
        )
    return render(
        request,
        "cases/escalations.html",
        {
            "page": page,
            "status": status,
            "has_department": bool(department_ids_for(request.user)),
            "query": querystring_without(request, "page"),
        },
    )
