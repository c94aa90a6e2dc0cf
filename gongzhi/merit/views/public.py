"""The merit board's public pages: the boards, the poster, an entry (with the objection form)."""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_get, township_directory
from gongzhi.core.http import move_answer, paginate, public_page_cache, translate_errors
from gongzhi.core.ids import id_from

from .. import actions, selectors
from ..forms import (
    ObjectionForm,
)
from ..models import MeritCategory, NominationState

PUBLIC_SECONDS = 60
POSTER_SECONDS = 600
POSTER_ENTRIES = 12  # two columns of six on an A4 sheet


def _category_filter(request) -> MeritCategory | None:
    chosen = id_from(request.GET.get("category"))
    return MeritCategory.objects.filter(pk=chosen).first() if chosen else None


@require_safe
@public_page_cache(PUBLIC_SECONDS)
def boards(request: HttpRequest) -> HttpResponse:
    return render(request, "merit/boards.html", {"directory": township_directory()})


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("category", "page"))
@translate_errors
def board(request: HttpRequest, community_id: int) -> HttpResponse:
    community = community_public_get(community_id)
    chosen = _category_filter(request)
    entries = selectors.board_entries(community, chosen.pk if chosen else None)
    return render(
        request,
        "merit/board.html",
        {
            "community": community,
            "place": community,
            "page": paginate(request, entries, per_page=20),
            "posted": list(selectors.publicity_entries(community)) if chosen is None else [],
            "categories": selectors.categories_all(),
            "chosen": chosen,
            "board_url": reverse("merit:board", args=[community.pk]),
        },
    )


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("category", "page"))
@translate_errors
def township_board(request: HttpRequest, township_id: int) -> HttpResponse:
    township = selectors.township_get_public(township_id)
    chosen = _category_filter(request)
    entries = selectors.board_entries_township(township, chosen.pk if chosen else None)
    return render(
        request,
        "merit/board.html",
        {
            "township": township,
            "place": township,
            "page": paginate(request, entries, per_page=20),
            "posted": [],
            "categories": selectors.categories_all(),
            "chosen": chosen,
            "board_url": reverse("merit:township_board", args=[township.pk]),
        },
    )


@require_safe
@translate_errors
def poster(request: HttpRequest, community_id: int) -> HttpResponse:
    """The community's board as an A4 poster (WeasyPrint) for the physical 积德榜 on the culture wall."""
    from ..poster import poster_pdf

    community = community_public_get(community_id)
    entries = list(selectors.board_entries(community)[:POSTER_ENTRIES])
    # Rendering takes a moment: the same board on the same day in the same language is rendered once.
    day = timezone.localdate()
    version = ",".join(f"{n.pk}:{n.updated_at.timestamp()}" for n in entries)
    raw = f"{translation.get_language()}|{community.pk}|{day}|{version}"
    key = "gz:merit-poster:" + hashlib.sha256(raw.encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = poster_pdf({"community": community, "entries": entries, "day": day})
        cache.set(key, data, POSTER_SECONDS)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="merit-board-{community.pk}.pdf"'
    response["Cache-Control"] = f"public, max-age={PUBLIC_SECONDS}"
    return response


@require_safe
@translate_errors
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.entry_public_get(pk)
    mine = selectors.objection_of(item, request.user)
    running = (
        item.state == NominationState.PUBLICISED
        and item.publicity_ends_at is not None
        and timezone.now() < item.publicity_ends_at
    )
    context = {"n": item, "mine": mine, "running": running, "form": ObjectionForm()}
    return render(request, "merit/entry.html", context)


@require_POST
@login_required
@translate_errors
def object_(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.entry_public_get(pk)
    return move_answer(
        request,
        run=lambda: actions.objection_record(
            actor=request.user, nomination=item, text=request.POST.get("text", "")
        ),
        success=_("您的异议已提交，工作人员会答复您。"),
        back=reverse("merit:entry", args=[item.pk]),
    )
