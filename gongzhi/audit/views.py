from django import forms
from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import paginate, querystring_without, require_perm, set_choices

from .actions import audit_event_record
from .exports import audit_export
from .presentation import audit_lines_for
from .selectors import audit_list_for
from .verbs import TARGET_TYPES, VERBS
from .verification import audit_chain_verify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUSALS = "access"  # the verb family of refused attempts: one tab for the audit administrator


_BAD_DATE = gettext_lazy("请输入有效的日期，例如 2026-03-01。")


def _target_type_choices() -> list[tuple[str, str]]:
    choices = [("", str(gettext_lazy("全部")))]
    for label in TARGET_TYPES:
        try:
            choices.append((label, str(apps.get_model(label)._meta.verbose_name)))
        except LookupError:
            continue
    return choices


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=gettext_lazy("操作人"), required=False, max_length=40, help_text=gettext_lazy("姓名或用户名")
    )
    verb = forms.ChoiceField(label=gettext_lazy("操作"), required=False)
    area = forms.ModelChoiceField(
        label=gettext_lazy("村(社区)"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=gettext_lazy("全部"),
    )
    target_type = forms.ChoiceField(label=gettext_lazy("对象类型"), required=False)
    target = forms.CharField(
        label=gettext_lazy("对象"), required=False, max_length=40, help_text=gettext_lazy("编号或名称")
    )
    date_from = forms.DateField(
        label=gettext_lazy("起始日期"),
        required=False,
        error_messages={"invalid": _BAD_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("截止日期"),
        required=False,
        error_messages={"invalid": _BAD_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        verbs = sorted(((k, str(v)) for k, v in VERBS.items()), key=lambda item: item[0])
        families = [(REFUSALS, _("被拒绝的访问（全部）"))] if paths_for(viewer, {Role.AUDIT_ADMIN}) else []
        set_choices(self.fields["verb"], [("", _("全部")), *families, *verbs])
        set_choices(self.fields["target_type"], _target_type_choices())
        readable = paths_for(viewer, {Role.AUDIT_ADMIN, Role.SUPERVISOR})
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = Area.objects.filter(
            scope_q(readable, "path"), kind=AreaKind.COMMUNITY
        ).order_by("path")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data

    def filters(self) -> dict:
        """The valid filters (a field with an error filters nothing; its message shows beside it)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
        return {k: v for k, v in self.cleaned_data.items() if v and k not in self.errors}


@require_perm("audit.view_audit")
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, viewer=request.user)
    events = audit_list_for(viewer=request.user, **form.filters())
    page = paginate(request, events, per_page=50)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "lines": audit_lines_for(viewer=request.user, events=page.object_list),
            "query": querystring_without(request, "page"),
            "can_verify": can(request.user, "audit.verify_chain"),
            "can_export": can(request.user, "audit.export_audit"),
            "refusals": REFUSALS,
            "showing_refusals": request.GET.get("verb") == REFUSALS,
        },
    )


@require_perm("audit.export_audit")
@require_safe
def audit_export_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, viewer=request.user)
    back = reverse("audit:list") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if form.is_bound and not form.is_valid():
        messages.error(request, _("请先改正筛选条件，再导出。"))
        return redirect(back)
    try:
        data, _count = audit_export(actor=request.user, filters=form.filters())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''audit-{stamp}.xlsx"
    return response


@require_perm("audit.verify_chain")
@require_POST
def audit_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
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
