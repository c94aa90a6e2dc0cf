"""The township admin's page of Open311 keys: issue one for an outside system (shown once), revoke one."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from

from ..actions.open311 import open311_key_issue, open311_key_revoke
from ..selectors import open311 as selectors


@require_perm("hall.open311_keys")
@require_http_methods(["GET", "HEAD", "POST"])
def keys(request: AuthenticatedHttpRequest) -> HttpResponse:
    townships = selectors.open311_townships_for(viewer=request.user)
    context: dict = {"townships": townships, "name": "", "error": "", "new_key": ""}
    if request.method == "POST":
        chosen = id_from(request.POST.get("township"))
        township = next(
            (t for t in townships if t.pk == chosen), townships[0] if len(townships) == 1 else None
        )
        name = request.POST.get("name", "")
        try:
            if township is None:
                raise DomainError(_("请选择乡镇。"), field="township")
            _key, context["new_key"] = open311_key_issue(actor=request.user, township=township, name=name)
        except DomainError as exc:
            context.update(error=exc.message, name=name[:100])
    context["keys"] = list(selectors.open311_keys_for(viewer=request.user))
    context["endpoint"] = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "json"}))
    return render(request, "hall/open311/keys.html", context)


@require_perm("hall.open311_keys")
@require_POST
def key_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    key = selectors.open311_key_get_for(viewer=request.user, key_id=pk)
    if key is None:
        raise NotFound()
    return move_answer(request, run=lambda: open311_key_revoke(actor=request.user, key=key),
                       success=_("密钥已吊销，外部系统不能再用它提交申请。"), back=reverse("hall:open311_keys"))  # fmt: skip
