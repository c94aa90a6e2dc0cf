"""The township's oversight pages: the township table (one row per community, columns grouped, totals; the
charts are extra, the table is the page; the "typed twice" figure under it), a community's year, the Excel export
and the yearly report PDF; the county forms (upload a template, type its hand-typed cells, download it filled)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError
from gongzhi.core.http import require_perm
from gongzhi.core.indicators import indicators

from . import actions, exports, selectors
from .countyforms import MAX_BYTES
from .exports import XLSX


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
        "twice": selectors.typed_twice(area, period),
        "keeps_forms": request.user.has_perm("oversight.forms", area),
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


# --- The county forms ------------------------------------------------------------------------------------


@require_perm("oversight.forms")
def forms(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    area = selectors.township_get_for(viewer=request.user, township_id=township_id)
    if not request.user.has_perm("oversight.forms", area):
        raise PermissionDenied()
    problems = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError(_("请选择要上传的 .xlsx 模板文件。"), field="file")
            if (upload.size or 0) > MAX_BYTES:
                raise DomainError(_("文件过大：模板不能超过 2 MB。"), field="file")
            made = actions.form_upload(actor=request.user, township=area, title=request.POST.get("title", ""),
                                       filename=upload.name or "", content=upload.read())  # fmt: skip
        except actions.TemplateRefused as refused:
            problems = refused.problems
            messages.error(request, _("模板有 %(n)s 处问题，未保存。") % {"n": len(problems)})
        except DomainError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("已保存模板《%(title)s》。") % {"title": made.title})
            return redirect("oversight:form", form_id=made.pk)
    context = {
        "township": area,
        "forms": selectors.forms_of(area),
        "problems": problems,
        "indicators": indicators(),
        "syntax": {
            "code": "{{residents.people}}",
            "name": "{{community.name}}",
            "ccode": "{{community.code}}",
            "manual": "{{manual:" + _("专职网格员人数") + "}}",
            "text": _("共%(p)s人") % {"p": "{{residents.people}}"},
        },
        "title": request.POST.get("title", "") if request.method == "POST" else "",
    }
    return render(request, "oversight/forms.html", context, status=400 if problems else 200)


@require_perm("oversight.forms")
def form(request: AuthenticatedHttpRequest, form_id: int) -> HttpResponse:
    found = selectors.form_get_for(viewer=request.user, form_id=form_id)
    if not request.user.has_perm("oversight.forms", found.township):
        raise PermissionDenied()
    source = request.POST if request.method == "POST" else request.GET
    try:
        period = selectors.period_parse(source.get("year"), source.get("quarter"))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("oversight:form", form_id=found.pk)
    asked = selectors.facts_asked(found, period)
    if request.method == "POST":
        values = {}
        for item in asked:
            for cell in item["cells"]:
                if cell["name"] in request.POST:
                    values[(cell["area"].pk, item["key"])] = request.POST[cell["name"]]
        try:
            actions.facts_save(actor=request.user, form=found, period=period, values=values)
        except DomainError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("已保存手工填报的数据。"))
        return redirect(
            f"{reverse('oversight:form', args=[found.pk])}?year={period.year}&quarter={period.quarter}"
        )
    context = {
        "form": found,
        "period": period,
        "years": selectors.years_offered(),
        "quarters": _quarters(),
        "asked": asked,
        "computed": [p for p in found.placeholders if p["kind"] != "manual"],
    }
    return render(request, "oversight/form.html", context)


@require_perm("oversight.forms")
@require_safe
def form_download(request: AuthenticatedHttpRequest, form_id: int) -> HttpResponse:
    found = selectors.form_get_for(viewer=request.user, form_id=form_id)
    if not request.user.has_perm("oversight.forms", found.township):
        raise PermissionDenied()
    period = _period(request)
    if period is None:
        return redirect("oversight:form", form_id=found.pk)
    content = actions.form_fill(actor=request.user, form=found, period=period)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="county-form-{found.pk}-{period.key}.xlsx"'
    return response
