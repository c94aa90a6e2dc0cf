"""The township's follow-ups of bad ratings (回访整改): their queue."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongzhi.core.http import paginate, require_perm

from ..selectors import followups as selectors
from ..workflow import FOLLOWUP


@require_perm("hall.view_followups")
@require_safe
def followups(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.followup_queue_for(viewer=request.user), per_page=30)
    for followup in page:
        followup.state_label = FOLLOWUP.state_label(followup.case.state)
    return render(request, "hall/followups.html", {"page": page})
