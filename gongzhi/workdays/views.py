from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm

from . import actions, selectors
from .forms import ScheduleForm
from .schedule import FIRST_YEAR, LAST_YEAR, schedule_text_parse


@require_perm("workdays.view_calendar")
@require_http_methods(["GET", "POST"])
def calendar_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_manage = can(request.user, "workdays.manage_calendar")
    rows = selectors.calendar_year_rows()
    unknown = [r.year for r in rows if r.basis == "weekends_only"]
    initial = {"year": min(unknown) if unknown else timezone.localdate().year + 1}
    form = ScheduleForm(request.POST or None, initial=initial)
    line_errors: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied()
        if form.is_valid():
            data = form.cleaned_data
            parsed = schedule_text_parse(data["text"], year=data["year"])
            line_errors = parsed.error_messages()
            if not line_errors:
                try:
                    entry = actions.calendar_year_enter(
                        actor=request.user,
                        year=data["year"],
                        holidays=parsed.holidays,
                        workdays=parsed.workdays,
                        note=data["note"],
                    )
                except DomainError as exc:
                    form_error_from(form, exc)
                else:
                    messages.success(request, _("已保存%(year)s年节假日安排。") % {"year": entry.year})
                    return redirect("workdays:year", year=entry.year)
    return render(
        request,
        "workdays/index.html",
        {"rows": rows, "form": form if can_manage else None, "line_errors": line_errors},
    )


@require_perm("workdays.view_calendar")
@require_GET
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    if not FIRST_YEAR - 1 <= year <= LAST_YEAR:
        raise Http404()
    calendar = selectors.work_calendar()
    return render(
        request,
        "workdays/year.html",
        {
            "year": year,
            "basis": calendar.year_basis(year),
            "entry": selectors.calendar_year_get(year),
            "entered_days": list(selectors.calendar_days_of(year)),
            "special_days": selectors.year_special_days(year, calendar=calendar),
        },
    )
