from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongzhi.core.authz import can
from gongzhi.core.http import paginate, querystring_without, require_perm, set_choices

from .actions import audit_event_record
from .selectors import audit_list_for
from .verbs import VERBS
from .verification import audit_chain_verify


class AuditFilterForm(forms.Form):
    verb = forms.ChoiceField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False, max_length=40)
    target = forms.CharField(label="对象", required=False, max_length=40)
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["verb"], [("", "全部")] + [(k, str(v)) for k, v in VERBS.items()])


@require_perm("audit.view_audit")
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_list_for(viewer=request.user, **{k: v for k, v in filters.items() if v})
    page = paginate(request, events, per_page=50)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "query": querystring_without(request, "page"),
            "can_verify": can(request.user, "audit.verify_chain"),
        },
    )


@require_perm("audit.verify_chain")
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    report = audit_chain_verify()
    with transaction.atomic():
        audit_event_record(
            actor=request.user,
            verb="audit.verified",
            success=report.ok,
            summary={"checked": report.checked, "broken_id": report.broken_id},
        )
    if report.ok:
        messages.success(request, _("审计链完整：已校验 %(n)d 条记录。") % {"n": report.checked})
    else:
        messages.error(
            request,
            _("审计链在第 %(id)s 条记录处断开：%(reason)s")
            % {"id": report.broken_id, "reason": report.reason},
        )
    return redirect("audit:list")
