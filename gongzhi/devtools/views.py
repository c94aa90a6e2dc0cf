"""The yardstick for `make bench`: a bare Django view reading 20 rows.

No template, no login, no scoping: only the middleware every page also
passes through, one indexed read of 20 residents and a small JSON body.
Pages and API calls are reported as a ratio to this view, measured in the
same run on the same machine.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongzhi.accounts.scopes import role_paths
from gongzhi.residents.models import Resident


def bare_rows(request: HttpRequest) -> JsonResponse:
    rows = list(Resident.objects.order_by("id").values_list("id", "name", "area_path")[:20])
    return JsonResponse({"rows": rows})


# Floors: what any signed-in staff page costs before it does anything. They
# put the ratio targets in context: a page cannot be cheaper than loading its
# session, its user and their roles, or than rendering the layout around it.


@login_required
def floor_signed_in(request: HttpRequest) -> HttpResponse:
    """Session, user and roles loaded; a two-byte answer."""
    role_paths(request.user)
    return HttpResponse("ok")


@login_required
def floor_layout(request: HttpRequest) -> HttpResponse:
    """The same, plus the site layout (base.html) around an empty page."""
    role_paths(request.user)
    return render(request, "devtools/floor.html")
