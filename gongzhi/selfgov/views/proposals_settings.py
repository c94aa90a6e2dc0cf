"""The township office's page for its own rules on residents' proposals: the days to convene a meeting."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm

from .. import proposal_thresholds as th
from ..actions.proposals_settings import proposal_setting_change
from ..forms.proposals_settings import ProposalSettingForm
from ..selectors.proposals_settings import township_configured_get, townships_configured_by


@require_perm("proposals.configure")
@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    bound = None
    if request.method == "POST":
        bound = ProposalSettingForm(request.POST)
        if bound.is_valid():
            township = township_configured_get(
                viewer=request.user, township_id=bound.cleaned_data["township"]
            )
            try:
                proposal_setting_change(
                    actor=request.user,
                    township=township,
                    meeting_due_days=bound.cleaned_data["meeting_due_days"],
                )
            except DomainError as exc:
                if exc.status in (403, 404):
                    raise
                form_error_from(bound, exc)
            else:
                messages.success(
                    request,
                    _("已保存：%(township)s的提案联名达到法定人数后，应在 %(days)d 天内召集会议。")
                    % {"township": township.name, "days": bound.cleaned_data["meeting_due_days"]},
                )
                return redirect("selfgov:proposals_settings")
    rows = []
    for township, setting in townships_configured_by(viewer=request.user):
        days = setting.meeting_due_days if setting is not None else th.MEETING_DUE_DAYS
        if bound is not None and bound.data.get("township") == str(township.pk):
            form = bound
        else:
            form = ProposalSettingForm(initial={"township": township.pk, "meeting_due_days": days})
        rows.append({"township": township, "setting": setting, "days": days, "form": form})
    return render(
        request,
        "selfgov/proposals/settings.html",
        {"rows": rows, "default_days": th.MEETING_DUE_DAYS},
        status=400 if bound is not None else 200,
    )
