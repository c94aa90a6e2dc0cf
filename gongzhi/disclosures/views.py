"""The public board of a community (no login, phone first, cacheable), an item with its history and its
printable sheet; the staff pages: a community's board with what is due and overdue, publish, revise,
withdraw, the finance setting; and the overview of every community the viewer reads."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, public_page_cache, require_perm, search_indexable, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .forms import PublishForm, ReviseForm, SettingForm, WithdrawForm
from .models import Disclosure, category_label
from .roles import PUBLISHERS
from .statute import CATEGORIES, MAJOR_BASIS

PUBLIC_SECONDS = 60
PER_SECTION = 10


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _categories(community) -> list[tuple[str, str]]:
    return [(key, category_label(key, community)) for key in CATEGORIES]


# --- Public ----------------------------------------------------------------------------------


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("category", "page"))
@translate_errors
def board(request: HttpRequest, community_id: int) -> HttpResponse:
    """The community's board: the three sections, newest first; one section in full with ?category=."""
    community = community_public_get(community_id)
    chosen = request.GET.get("category", "")
    chosen = chosen if chosen in CATEGORIES else ""
    sections, page = [], None
    if chosen:
        page = paginate(request, selectors.board_public(community, chosen), per_page=20)
        sections.append({"key": chosen, "label": category_label(chosen, community), "items": page})
    else:
        for key, label in _categories(community):
            items = list(selectors.board_public(community, key)[: PER_SECTION + 1])
            sections.append(
                {"key": key, "label": label, "items": items[:PER_SECTION], "more": len(items) > PER_SECTION}
            )
    context = {
        "community": community,
        "status": selectors.board_status(community),
        "categories": _categories(community),
        "chosen": chosen,
        "sections": sections,
        "page": page,
    }
    return search_indexable(render(request, "disclosures/board.html", context), community.search_indexing)


def _item_context(disclosure: Disclosure) -> dict:
    return {
        "disclosure": disclosure,
        "community": disclosure.area,
        "revisions": list(selectors.revisions_of(disclosure).only("number", "at", "reason", "disclosure_id")),
    }


@require_safe
@public_page_cache(PUBLIC_SECONDS)
@translate_errors
def item(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_public_get(pk)
    context = _item_context(disclosure)
    context["can_publish"] = request.user.is_authenticated and can(
        request.user, "disclosures.publish", disclosure
    )
    response = render(request, "disclosures/item.html", context)
    return search_indexable(response, disclosure.area.search_indexing and not disclosure.is_withdrawn)


@require_safe
@public_page_cache(PUBLIC_SECONDS)
@translate_errors
def item_print(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_public_get(pk)
    if disclosure.is_withdrawn:
        raise Http404()
    return render(request, "disclosures/print.html", _item_context(disclosure))


@require_safe
@translate_errors
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The item's photo or PDF, public as the item is; gone with a withdrawn item."""
    disclosure = selectors.disclosure_public_get(pk)
    if disclosure.is_withdrawn or not disclosure.has_attachment:
        raise Http404()
    if disclosure.photo is not None:
        return photo_response(disclosure.photo, public=True)
    data = Path(settings.DATA_DIR)
    path = (data / disclosure.pdf_path).resolve()
    if not path.is_relative_to((data / actions.PDF_DIR).resolve()) or not path.is_file():
        raise Http404()
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=f"disclosure-{pk}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"private, max-age={PUBLIC_SECONDS}"
    return response


# --- Staff -----------------------------------------------------------------------------------


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every community the viewer reads, in the register's order: what is overdue and the last publication
    of each category. Counts of what is late, never a ranking."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, "disclosures.view"):
        raise PermissionDenied()
    communities = list(selectors.communities_for(viewer=request.user))
    statuses = selectors.board_statuses(communities)
    context = {"statuses": statuses, "publishing": selectors.publisher_community_ids(request.user)}
    return render(request, "disclosures/index.html", context)


@require_perm("disclosures.view")
@require_safe
def manage(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.community_get_for(viewer=request.user, community_id=community_id)
    may_publish = can(request.user, "disclosures.publish", community)
    context = {
        "community": community,
        "status": selectors.board_status(community),
        "dues": list(selectors.open_dues_of(community)),
        "page": paginate(request, selectors.staff_list_of(community)),
        "may_publish": may_publish,
        "setting_form": SettingForm(initial={"finance_monthly": selectors.finance_monthly_of(community)}),
        "today": timezone.localdate(),
        "major_basis": MAJOR_BASIS,
    }
    return render(request, "disclosures/manage.html", context)


@require_perm("disclosures.publish")
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """Publish on the board; with ?due=<id>, the item a registered due asks for (its source and purpose)."""
    community = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=PUBLISHERS)
    due = None
    due_id = id_from(request.GET.get("due"))
    if due_id:
        due = selectors.due_get_for(viewer=request.user, due_id=due_id)
        if due.area_id != community.pk or due.fulfilled_by_id is not None:
            raise Http404()
    initial = {"category": due.category, "title": due.title, "major": due.major} if due else {}
    form = PublishForm(
        request.POST or None, request.FILES or None, initial=initial, categories=_categories(community)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disclosure = actions.disclosure_publish(
                actor=request.user,
                community=community,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                major=data["major"],
                period=data["period"],
                due=due,
                attachment=data["attachment"],
                personal_data_reason=data["personal_data_reason"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已在公开栏发布。"))
            return redirect("disclosures:item", pk=disclosure.pk)
    return render(request, "disclosures/publish.html", {"form": form, "community": community, "due": due})


@require_perm("disclosures.publish")
@require_http_methods(["GET", "POST"])
def revise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_for(viewer=request.user, disclosure_id=pk, roles=PUBLISHERS)
    form = ReviseForm(request.POST or None, initial={"title": disclosure.title, "body": disclosure.body})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.disclosure_revise(
                actor=request.user,
                disclosure=disclosure,
                title=data["title"],
                body=data["body"],
                reason=data["reason"],
                personal_data_reason=data["personal_data_reason"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已修改，修改记录中可以看到这次修改的日期和理由。"))
            return redirect("disclosures:item", pk=disclosure.pk)
    return render(request, "disclosures/revise.html", {"form": form, "disclosure": disclosure})


@require_perm("disclosures.publish")
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_for(viewer=request.user, disclosure_id=pk, roles=PUBLISHERS)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.disclosure_withdraw(
                actor=request.user, disclosure=disclosure, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已撤回。这项公开仍留有记录，页面上会注明撤回的日期和理由。"))
            return redirect("disclosures:manage", community_id=disclosure.area_id)
    return render(request, "disclosures/withdraw.html", {"form": form, "disclosure": disclosure})


@require_perm("disclosures.view")
@require_safe
def history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every revision's full text, for staff and the supervisory committee."""
    disclosure = selectors.disclosure_get_for(viewer=request.user, disclosure_id=pk)
    context = {
        "disclosure": disclosure,
        "revisions": list(selectors.revisions_of(disclosure).select_related("by")),
    }
    return render(request, "disclosures/history.html", context)


@require_perm("disclosures.publish")
@require_POST
def setting(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=PUBLISHERS)
    form = SettingForm(request.POST)
    form.is_valid()
    monthly = bool(form.cleaned_data.get("finance_monthly"))
    try:
        actions.disclosure_setting_change(actor=request.user, community=community, finance_monthly=monthly)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("财务收支改为每月公开。") if monthly else _("财务收支改为每季度公开。"))
    return redirect("disclosures:manage", community_id=community.pk)
