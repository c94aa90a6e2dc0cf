from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, translate_errors

from .actions import notice_mark_all_read, notice_mark_read, notice_preferences_set, preference_of
from .selectors import notice_get_for, notice_list_for


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(label=gettext_lazy("同时发送电子邮件"), required=False)
    daily_digest = forms.BooleanField(label=gettext_lazy("工作人员每日汇总（代替逐条提醒）"), required=False)


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notice_list_for(viewer=request.user))
    return render(request, "notices/inbox.html", {"page": page})


@login_required
@require_POST
@translate_errors
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notice = notice_get_for(viewer=request.user, notice_id=pk)
    notice_mark_read(actor=request.user, notice=notice)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notices:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = notice_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("已将 %(count)d 条通知标为已读。") % {"count": count})
    return redirect("notices:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    pref = preference_of(request.user)
    form = PreferenceForm(
        request.POST or None, initial={"email_enabled": pref.email_enabled, "daily_digest": pref.daily_digest}
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice_preferences_set(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("通知设置已保存。"))
            return redirect("notices:inbox")
    return render(request, "notices/preferences.html", {"form": form})
