"""Pages of suggestions and complaints about gongzhi (phones first, no JavaScript): the form (linked from every
page's footer, the page it was clicked on filled in), the filer's own list and one with its answer, the township
office's inbox (overdue ones red) with the counts, and the categories."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from

from . import actions, selectors
from .models import FeedbackKind, FeedbackState


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
            return redirect("feedback:new")
    page = (post.get("page") if post is not None else request.GET.get("from", "")) or ""
    context = {
        "townships": choices,
        "categories": selectors.categories(),
        "kinds": FeedbackKind.choices,
        "page": page if page.startswith("/") and not page.startswith("//") else "",
        "post": post,
        "signed_in": signed_in,
    }
    return render(request, "feedback/new.html", context)


@require_perm("feedback.mine")
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.feedback_get_for(viewer=request.user, feedback_id=pk)
    answerer = can(request.user, "feedback.answer", found)
    context = {
        "item": found,
        "who": selectors.filer_label(found, unmasked=answerer),
        "may_answer": answerer and found.state == FeedbackState.OPEN,
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
        "states": FeedbackState.choices,
    }
    return render(request, "feedback/inbox.html", context)


@require_perm("feedback.keep_categories")
@require_http_methods(["GET", "POST"])
def categories(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return move_answer(
            request,
            run=lambda: actions.category_save(actor=request.user, name=request.POST.get("name", "")),
            success=_("已添加类别。"),
            back=reverse("feedback:categories"),
        )
    return render(request, "feedback/categories.html", {"rows": selectors.categories(retired=True)})


@require_perm("feedback.keep_categories")
@require_POST
def category_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.category_find(pk)
    post = request.POST
    return move_answer(
        request,
        run=lambda: actions.category_save(
            actor=request.user, category=found, name=post.get("name", ""), retired=post.get("retired") == "1"
        ),
        success=_("已保存。"),
        back=reverse("feedback:categories"),
    )
