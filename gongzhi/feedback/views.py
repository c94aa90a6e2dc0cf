"""Pages of suggestions and complaints about gongzhi (phones first, no JavaScript): the form (linked from every
page's footer, the page it was clicked on filled in), a visitor's receipt code and the lookup by it, the filer's
own list and one with its answer, the township office's inbox (overdue ones red) with the counts, and each
township's own categories beside the catalogue's."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from
from gongzhi.core.middleware import client_ip
from gongzhi.core.ratelimit import attempts_allowed

from . import actions, selectors
from .models import FeedbackKind, FeedbackState

# The lookup by receipt code: attempts per source address and per code, in an hour.
LOOKUPS_PER_IP, LOOKUPS_PER_CODE, LOOKUP_WINDOW_SECONDS = 20, 5, 3600
RECEIPT_SESSION_KEY = "feedback.receipt"


@require_perm("feedback.mine")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"mine": list(selectors.mine_for(viewer=request.user)[:100])}
    return render(request, "feedback/index.html", context)


@require_http_methods(["GET", "POST"])
def new(request) -> HttpResponse:
    """Anyone: signed in, or a visitor who leaves a name and a mobile number."""
    signed_in = request.user.is_authenticated
    townships = selectors.townships_of(request.user) if signed_in else []
    choices = townships or list(selectors.townships_all())
    post = request.POST if request.method == "POST" else None
    if post is not None:
        township = next((t for t in choices if t.pk == id_from(post.get("township"))), None)
        if township is None and len(choices) == 1:
            township = choices[0]
        try:
            made = actions.feedback_file(
                actor=request.user if signed_in else None,
                township=township,
                kind=post.get("kind", ""),
                category=selectors.category_get(id_from(post.get("category"))),
                text=post.get("text", ""),
                page=post.get("page", ""),
                contact_name=post.get("contact_name", ""),
                contact_phone=post.get("contact_phone", ""),
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("已收到，镇(乡、街道)会在%(due)s前答复。") % {"due": made.due_at.date()}
            )
            if signed_in:
                return redirect("feedback:detail", pk=made.pk)
            request.session[RECEIPT_SESSION_KEY] = {"code": made.receipt_code, "id": made.pk}
            return redirect("feedback:receipt")
    page = (post.get("page") if post is not None else request.GET.get("from", "")) or ""
    catalogue, own = selectors.categories_offered(choices)
    context = {
        "townships": choices,
        "categories": catalogue,
        "own_categories": own,
        "kinds": FeedbackKind.choices,
        "page": page if page.startswith("/") and not page.startswith("//") else "",
        "post": post,
        "signed_in": signed_in,
    }
    return render(request, "feedback/new.html", context)


@never_cache
@require_safe
def receipt(request) -> HttpResponse:
    """A visitor's receipt code, shown once after filing (only its hash is kept: it cannot be shown again)."""
    held = request.session.pop(RECEIPT_SESSION_KEY, None)
    found = selectors.visitor_feedback_get((held or {}).get("id"))
    if not held or found is None:
        return redirect("feedback:lookup")
    return render(request, "feedback/receipt.html", {"code": held["code"], "item": found})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request) -> HttpResponse:
    """A visitor reads their suggestion or complaint and its answer with the receipt code and the last four
    digits of their mobile number. Any pair that does not match gets the same message; attempts are limited
    per source address and per code."""
    found, code = None, ""
    if request.method == "POST":
        code = selectors.receipt_normalise(request.POST.get("code", ""))[:20]
        counters = [
            (f"feedback:lookup:ip:{client_ip(request) or '-'}", LOOKUPS_PER_IP),
            (f"feedback:lookup:code:{selectors.receipt_hash(code)}", LOOKUPS_PER_CODE),
        ]
        if not attempts_allowed(counters, LOOKUP_WINDOW_SECONDS, alias="shared"):
            messages.error(request, _("查询次数太多，请一小时后再试。"))
        else:
            found = selectors.feedback_by_receipt(code=code, phone_last4=request.POST.get("last4", ""))
            if found is None:
                messages.error(request, _("没有查到：请核对回执码和手机号后四位。"))
    context = {"item": found, "who": selectors.filer_label(found) if found else "", "code": code}
    return render(request, "feedback/lookup.html", context)


@require_perm("feedback.mine")
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.feedback_get_for(viewer=request.user, feedback_id=pk)
    answerer = can(request.user, "feedback.answer", found)
    context = {
        "item": found,
        "who": selectors.filer_label(found, unmasked=answerer),
        "may_answer": answerer and found.state == FeedbackState.OPEN,
        "may_correct": answerer and found.state == FeedbackState.ANSWERED,
        "may_withdraw": found.state == FeedbackState.OPEN and can(request.user, "feedback.withdraw", found),
    }
    return render(request, "feedback/detail.html", context)


def _move(request, pk: int, run, success: str) -> HttpResponse:
    found = selectors.feedback_get_for(viewer=request.user, feedback_id=pk)
    return move_answer(
        request, run=lambda: run(found), success=success, back=reverse("feedback:detail", args=[found.pk])
    )


@require_perm("feedback.answer")
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    text = request.POST.get("answer", "")
    return _move(
        request,
        pk,
        lambda f: actions.feedback_answer(actor=request.user, feedback=f, answer=text),
        _("已答复。"),
    )


@require_perm("feedback.answer")
@require_POST
def answer_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return _move(
        request,
        pk,
        lambda f: actions.feedback_answer_correct(
            actor=request.user, feedback=f, answer=post.get("answer", ""), reason=post.get("reason", "")
        ),
        _("已更正答复。"),
    )


@require_perm("feedback.mine")
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request, pk, lambda f: actions.feedback_withdraw(actor=request.user, feedback=f), _("已撤回。")
    )


@require_perm("feedback.answer")
@require_safe
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    rows = [
        (f, selectors.filer_label(f)) for f in selectors.inbox_for(viewer=request.user, state=state)[:200]
    ]
    context = {
        "rows": rows,
        "counts": selectors.counts_for(viewer=request.user),
        "state": state,
        "states": [*FeedbackState.choices, (selectors.OVERDUE, _("已超期"))],
        "townships": list(selectors.townships_answered_by(request.user)),
    }
    return render(request, "feedback/inbox.html", context)


@require_perm("feedback.keep_categories")
@require_safe
def categories(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Which township's categories: straight to it when the viewer answers for one."""
    townships = list(selectors.townships_answered_by(request.user))
    if len(townships) == 1:
        return redirect("feedback:township_categories", township_id=townships[0].pk)
    return render(request, "feedback/categories_townships.html", {"townships": townships})


@require_perm("feedback.keep_categories")
@require_http_methods(["GET", "POST"])
def township_categories(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    """The township's own categories (added, renamed, retired here) beside the catalogue's (read only)."""
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    back = reverse("feedback:township_categories", args=[township.pk])
    if request.method == "POST":
        return move_answer(
            request,
            run=lambda: actions.category_save(
                actor=request.user, township=township, name=request.POST.get("name", "")
            ),
            success=lambda made: _("已添加类别「%(name)s」。") % {"name": made.name},
            back=back,
        )
    context = {
        "township": township,
        "own": selectors.own_categories(township),
        "catalogue": selectors.categories(),
    }
    return render(request, "feedback/categories.html", context)


@require_perm("feedback.keep_categories")
@require_POST
def category_edit(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    found = selectors.own_category_get(township, pk)
    return move_answer(
        request,
        run=lambda: actions.category_save(
            actor=request.user, township=township, category=found, name=request.POST.get("name", "")
        ),
        success=_("已保存。"),
        back=reverse("feedback:township_categories", args=[township.pk]),
    )


@require_perm("feedback.keep_categories")
@require_POST
def category_retire(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    found = selectors.own_category_get(township, pk)
    retired = request.POST.get("retired", "1") != "0"
    return move_answer(
        request,
        run=lambda: actions.category_retire(actor=request.user, category=found, retired=retired),
        success=_("已停用「%(name)s」。") % {"name": found.name}
        if retired
        else _("已恢复使用「%(name)s」。") % {"name": found.name},
        back=reverse("feedback:township_categories", args=[township.pk]),
    )
