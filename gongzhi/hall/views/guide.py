"""The public guide (办事指南): no login, phone first, printable. A township's active matters (search, grouped
by main item or department) and one matter's guide with the two ways in: apply online, or have the village
do it (代办). Nothing here is personal or staff-only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from gongzhi.core.http import translate_errors

from ..selectors import catalogue as selectors


@require_safe
def guide_home(request: HttpRequest) -> HttpResponse:
    townships = list(selectors.guide_townships())
    if len(townships) == 1:
        return redirect("hall:guide_index", townships[0].pk)
    return render(request, "hall/guide/home.html", {"townships": townships})


@require_safe
@translate_errors
def guide_community(request: HttpRequest, community: int) -> HttpResponse:
    township = selectors.guide_community_township(community)
    return redirect("hall:guide_index", township.pk)


@require_safe
@translate_errors
def guide_index(request: HttpRequest, township: int) -> HttpResponse:
    area = selectors.guide_township_get(township)
    q = (request.GET.get("q") or "").strip()[:30]
    by = "department" if request.GET.get("by") == "department" else "item"
    groups = selectors.guide_index(area, q=q, by=by)
    for group in groups:
        for matter in group.matters:
            matter.limit = selectors.matter_limit_label(matter)  # type: ignore[attr-defined]
    context = {"township": area, "groups": groups, "q": q, "by": by,
               "count": sum(len(g.matters) for g in groups)}  # fmt: skip
    return render(request, "hall/guide/index.html", context)


def _way_in(url_name: str, matter_id: int) -> str:
    """The apply routes belong to the desk's part of the hall: linked when they exist."""
    try:
        return reverse(url_name, args=[matter_id])
    except NoReverseMatch:
        return ""


@require_safe
@translate_errors
def guide_matter(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.guide_matter_get(pk)
    bring, known = selectors.guide_materials(matter)
    for line in known:
        line.fact_label = selectors.register_fact_label(line.register_fact)  # type: ignore[attr-defined]
    context = {
        "matter": matter,
        "township": matter.township,
        "limit": selectors.matter_limit_label(matter),
        "bring": bring,
        "known": known,
        "apply_url": _way_in("hall:apply", matter.pk) if matter.online else "",
        "proxy_url": _way_in("hall:proxy_request", matter.pk) if matter.proxy else "",
    }
    return render(request, "hall/guide/matter.html", context)
