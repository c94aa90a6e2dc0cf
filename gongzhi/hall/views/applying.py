"""Applying pages: which matters, apply online, ask the village to do it (代办), apply for a resident; my applications."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.roles import REGISTER_READERS
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, require_perm, translate_errors
from gongzhi.core.ids import id_from

from ..actions import applying as actions
from ..forms.applying import ApplyForForm, ApplyForm, ProxyRequestForm, new_submission_key
from ..selectors import applications as selectors
from ..selectors.desk import matter_get_for_applying, matters_to_apply_for
from ..selectors.registerfacts import register_facts
from ..workflow import APPLICATION


def _may_apply(user) -> bool:
    return user.has_perm("hall.apply") or user.has_perm("hall.apply_for")


@require_safe
def apply_start(request: HttpRequest) -> HttpResponse:
    """办事: the matters one may apply for (the township catalogue's active items without sub-items)."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _may_apply(request.user):
        raise PermissionDenied()
    q = (request.GET.get("q") or "").strip()[:30]
    page = paginate(request, matters_to_apply_for(viewer=request.user, q=q), per_page=30)
    return render(request, "hall/applying/start.html", {
        "page": page, "q": q,
        "can_apply": request.user.has_perm("hall.apply"), "can_apply_for": request.user.has_perm("hall.apply_for"),
    })  # fmt: skip


def _submit(request, form, run):
    """Run the action for a valid form: the application's page after, the same one for a form sent twice."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        application = run(form.cleaned_data)
    except AlreadySubmitted as exc:
        messages.info(request, exc.message)
        return redirect("hall:detail", pk=exc.case.pk)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        form_error_from(form, exc)
        return None
    messages.success(request, _("申请已提交，窗口审查材料后会告诉您结果，每一步都会通知您。"))
    return redirect("hall:detail", pk=application.pk)


@require_perm("hall.apply")
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A resident applies online, on a phone: the register fills in who they are; they add phone and files."""
    from gongzhi.residents.selectors import resident_get_own

    matter = matter_get_for_applying(matter_id=pk)
    if not matter.online:
        messages.info(request, _("该事项暂不支持网上申请，可以请村(社区)代办。"))
        return redirect("hall:proxy_request", pk=matter.pk)
    form = ApplyForm(request.POST or None, request.FILES or None, matter=matter,
                     initial={"submission_key": new_submission_key()})  # fmt: skip
    answer = _submit(request, form, lambda d: actions.application_apply(
        actor=request.user, matter=matter, phone=d["phone"], files=actions.uploads_check(form.uploads()),
        submission_key=d["submission_key"]))  # fmt: skip
    resident = resident_get_own(viewer=request.user)
    return answer or render(request, "hall/applying/form.html", {
        "form": form, "matter": matter, "facts": register_facts(resident) if resident else None,
        "title": _("网上申请"),
    })  # fmt: skip


@require_perm("hall.apply")
@require_http_methods(["GET", "POST"])
def proxy_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """请村里代办: the resident asks; the village's window clerks and cadres are told and collect the materials."""
    matter = matter_get_for_applying(matter_id=pk)
    form = ProxyRequestForm(request.POST or None, matter=matter, with_files=False,
                            initial={"submission_key": new_submission_key()})  # fmt: skip
    answer = _submit(request, form, lambda d: actions.application_proxy_request(
        actor=request.user, matter=matter, phone=d["phone"], note=d["note"], consent=d["consent"],
        submission_key=d["submission_key"]))  # fmt: skip
    return answer or render(request, "hall/applying/form.html", {
        "form": form, "matter": matter, "title": _("请村(社区)代办"), "proxy": True,
    })  # fmt: skip


@require_perm("hall.apply_for")
@require_http_methods(["GET", "POST"])
def apply_for(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A clerk, cadre or grid worker applies for a resident of the register in their area (assisted mode)."""
    from gongzhi.residents.selectors import resident_get_for, resident_list_for

    matter = matter_get_for_applying(matter_id=pk)
    resident = None
    resident_id = id_from(request.POST.get("resident") or request.GET.get("resident"))
    if resident_id:
        try:
            resident = resident_get_for(viewer=request.user, resident_id=resident_id, roles=REGISTER_READERS)
        except NotFound:
            resident = None
    if resident is None or not can(request.user, "hall.apply_for", resident):
        q = (request.GET.get("q") or "").strip()[:50]
        matches = list(resident_list_for(viewer=request.user, q=q)[:10]) if q else []
        return render(request, "hall/applying/pick.html", {"q": q, "matches": matches, "matter": matter})
    form = ApplyForForm(request.POST or None, request.FILES or None, matter=matter,
                        initial={"submission_key": new_submission_key()})  # fmt: skip
    answer = _submit(request, form, lambda d: actions.application_apply_for(
        actor=request.user, matter=matter, resident=resident, consent_channel=d["consent_channel"],
        consent_note=d["consent_note"], phone=d["phone"], files=actions.uploads_check(form.uploads()),
        submission_key=d["submission_key"], at_window=d["at_window"]))  # fmt: skip
    return answer or render(request, "hall/applying/form.html", {
        "form": form, "matter": matter, "resident": resident, "facts": register_facts(resident),
        "title": _("代居民申请"),
    })  # fmt: skip


@require_safe
@translate_errors
def mine(request: HttpRequest) -> HttpResponse:
    """我的办件: what the viewer applied for (or for someone), newest change first, each with its state.

    Open to anyone signed in: an account without the resident role may still have applications (made for
    them by a clerk, or from before a role changed)."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = paginate(request, selectors.mine_for(viewer=request.user), per_page=20)
    for application in page:
        application.state_label = APPLICATION.state_label(application.case.state)
        application.colour = selectors.colour_of(application)
    return render(request, "hall/applying/mine.html", {"page": page})
