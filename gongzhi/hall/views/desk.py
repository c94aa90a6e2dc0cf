"""The front desk's moves on one application (POST from its detail page) and the printable receipt (受理回执)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.http import paginate, require_perm, translate_errors
from gongzhi.core.ids import id_from

from ..actions import desk as actions
from ..actions.applying import uploads_check
from ..downloads import handed_in_response
from ..forms import desk as forms
from ..selectors import applications as selectors
from ..selectors.desk import application_file_get, overdue_promises_for, promises_of
from .applications import application_move_answer


@require_POST
@translate_errors
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    checked, promises = forms.accept_data(request.POST)
    return application_move_answer(request, pk, lambda a: actions.application_accept(
        actor=request.user, application=a, checked=checked, promises=promises,
        came=forms.flag(request.POST, "came"), note=request.POST.get("note", "")),
        _("已受理，请打印受理回执交给申请人。"))  # fmt: skip


@require_POST
@translate_errors
def forward(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return application_move_answer(request, pk, lambda a: actions.application_forward(
        actor=request.user, application=a, note=request.POST.get("note", "")), _("已转乡镇窗口。"))  # fmt: skip


@require_POST
@translate_errors
def notify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return application_move_answer(request, pk, lambda a: actions.application_notify(
        actor=request.user, application=a, items=forms.notice_items(request.POST),
        note=request.POST.get("note", ""), came=forms.flag(request.POST, "came")),
        _("已一次性告知申请人需要补正的材料。"))  # fmt: skip


@require_POST
@translate_errors
def refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return application_move_answer(request, pk, lambda a: actions.application_refuse(
        actor=request.user, application=a, reason=request.POST.get("reason", "")), _("已不予受理，并告知申请人理由。"))  # fmt: skip


@require_POST
@translate_errors
def supply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(application):
        files = uploads_check(forms.supply_files(request.FILES))
        return actions.application_supply(
            actor=request.user,
            application=application,
            files=files,
            ready=forms.ready_lines(request.POST),
            note=request.POST.get("note", ""),
            came=forms.flag(request.POST, "came"),
        )

    return application_move_answer(request, pk, run, _("材料已补正，窗口会重新审查。"))


@require_POST
@translate_errors
def supply_promised(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    line_id = id_from(request.POST.get("line")) or 0
    return application_move_answer(request, pk, lambda a: actions.application_promise_keep(
        actor=request.user, application=a, line_id=line_id, files=request.FILES.getlist("file"),
        brought=forms.flag(request.POST, "brought")), _("容缺材料已补交。"))  # fmt: skip


@require_POST
@translate_errors
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return application_move_answer(request, pk, lambda a: actions.application_withdraw(
        actor=request.user, application=a, reason=request.POST.get("reason", "")), _("申请已撤回。"))  # fmt: skip


@require_safe
@translate_errors
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """受理回执: printable, for the applicant and the staff who may see the application, once it is accepted."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    if not application.number:
        raise Http404()
    return render(request, "hall/desk/receipt.html", {
        "application": application, "case": application.case,
        "applicant": selectors.applicant_label(application, full=can(request.user, "hall.see_names", application)),
        "materials": list(application.materials.select_related("material")),
        "promises": promises_of(application),
    })  # fmt: skip


@require_perm("hall.receive_promised")
@require_safe
def promises(request: HttpRequest) -> HttpResponse:
    """容缺后补: the materials promised to the viewer's windows and not brought by their date."""
    page = paginate(request, overdue_promises_for(viewer=request.user), per_page=30)
    return render(request, "hall/desk/promises.html", {"page": page})


@require_safe
@translate_errors
def file(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    """One file handed in for the application: a photo inline, a PDF as a download; never cached."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.application_get_for(viewer=request.user, application_id=pk)
    handed_in = application_file_get(application, file_id)
    return handed_in_response(actor=request.user, application=application, handed_in=handed_in)
