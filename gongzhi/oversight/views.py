"""The township's oversight pages: the township table (one row per community, columns grouped, totals; the
charts are extra, the table is the page), a community's year, the Excel export and the yearly report PDF."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError
from gongzhi.core.http import require_perm

from . import exports, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _quarters() -> list[tuple[int, str]]:
    return [(q, _("第%(quarter)s季度") % {"quarter": q}) for q in range(1, 5)]


def _period(request) -> selectors.Period | None:
    try:
        return selectors.period_parse(request.GET.get("year"), request.GET.get("quarter"))
    except DomainError as error:
        messages.error(request, error.message)
        return None


@require_perm("oversight.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    townships = list(selectors.townships_for(viewer=request.user))
    if len(townships) == 1:
        return redirect("oversight:township", township_id=townships[0].pk)
    return render(request, "oversight/index.html", {"townships": townships})


@require_perm("oversight.view")
@require_safe
def township(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    area = selectors.township_get_for(viewer=request.user, township_id=township_id)
    period = _period(request)
    if period is None:
        return redirect("oversight:township", township_id=area.pk)
    table = selectors.table_of(area, period)
    context = {
        "table": table,
        "period": period,
        "years": selectors.years_offered(),
        "quarters": _quarters(),
        "chart": selectors.chart_data(table),
    }
    return render(request, "oversight/township.html", context)


@require_perm("oversight.export")
@require_safe
def export(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    area = selectors.township_get_for(viewer=request.user, township_id=township_id)
    period = _period(request)
    if period is None:
        return redirect("oversight:township", township_id=area.pk)
    content = exports.table_export(actor=request.user, table=selectors.table_of(area, period))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="oversight-{area.code or area.pk}-{period.key}.xlsx"'
    )
    return response


@require_perm("oversight.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    period = _period(request)
    if period is None:
        return redirect("oversight:community", community_id=area.pk)
    context = {
        "year": selectors.community_year(area, period.year),
        "period": period,
        "years": selectors.years_offered(),
        "quarters": [],
    }
    return render(request, "oversight/community.html", context)


@require_perm("oversight.export")
@require_safe
def report(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    period = _period(request)
    if period is None:
        return redirect("oversight:community", community_id=area.pk)
    data = exports.report_pdf(actor=request.user, year=selectors.community_year(area, period.year))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="ledger-{area.code or area.pk}-{period.year}.pdf"'
    )
    return response
