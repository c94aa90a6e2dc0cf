"""办件统计: figures per matter and per department over a period (aggregates only, never people)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongzhi.core.http import require_perm

from ..forms.rating import PeriodForm
from ..selectors.stats import stats_for
from ..workflow import RATINGS


@require_perm("hall.view_stats")
@require_safe
def stats(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    context = {
        "form": form,
        "stats": stats_for(viewer=request.user, start=start, end=end),
        "ratings": list(RATINGS.items()),
    }
    return render(request, "hall/stats/stats.html", context)
