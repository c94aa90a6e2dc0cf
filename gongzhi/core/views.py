from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongzhi.accounts.actions import api_token_create, api_token_revoke
from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import role_paths
from gongzhi.accounts.selectors import api_token_get_for, api_tokens_of
from gongzhi.areas.selectors import area_names_by_path, township_directory
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import text_check_context
from gongzhi.core.home import home_sections_for, public_links, robots_lines
from gongzhi.core.http import move_answer, public_page_cache, translate_errors
from gongzhi.notices.selectors import notice_list_for
from gongzhi.residents.selectors import resident_get_own

START_PAGE_SECONDS = 300


@require_safe
@public_page_cache(START_PAGE_SECONDS)
def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors: the township's public start page. Signed in: what this person can do now."""
    if not request.user.is_authenticated:
        return _start_page(request)
    held = role_paths(request.user)
    names = area_names_by_path({path for _role, path in held}) if held else {}
    roles = [(Role(role).label, names.get(path, "")) for role, path in held]
    context = {
        "sections": [render_to_string(t, c, request=request) for t, c in home_sections_for(request.user)],
        "notices": list(notice_list_for(viewer=request.user)[:5]),
        "roles": roles,
    }
    return render(request, "core/home.html", context)


def _start_page(request: HttpRequest) -> HttpResponse:
    """The township, its communities and their public pages, and how to get an account. Names only: no
    personal data, the same bytes for every visitor (cached), and noindex — it lists every community,
    including those that did not allow search engines."""
    links = public_links()
    directory = [
        (
            township,
            [
                (community, [(link.label, reverse(link.url_name, args=[community.pk])) for link in links])
                for community in communities
            ],
        )
        for township, communities in township_directory()
    ]
    return render(request, "core/start.html", {"directory": directory})


@login_required
@require_safe
def me(request: HttpRequest) -> HttpResponse:
    return _me_page(request)


def _me_page(
    request: HttpRequest, *, new_key: str = "", token_error: str = "", token_name: str = ""
) -> HttpResponse:
    assert isinstance(request.user, User)  # login_required
    context = {
        "resident": resident_get_own(viewer=request.user),
        "tokens": list(api_tokens_of(request.user)),
        "new_key": new_key,
        "token_error": token_error,
        "token_name": token_name,
    }
    response = render(request, "core/me.html", context, status=400 if token_error else 200)
    if new_key:
        response["Cache-Control"] = "no-store"  # the key is on this page once, and in no cache
    return response


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create an API token: its key is shown on this response only; the database keeps its hash."""
    name = request.POST.get("name", "")
    assert isinstance(request.user, User)  # login_required
    try:
        _token, key = api_token_create(actor=request.user, user=request.user, name=name)
    except DomainError as exc:
        return _me_page(request, token_error=exc.message, token_name=name[:100])
    return _me_page(request, new_key=key)


@login_required
@require_POST
@translate_errors
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = api_token_get_for(viewer=request.user, token_id=pk)
    return move_answer(
        request,
        run=lambda: api_token_revoke(actor=request.user, token=token),
        success=_("接口令牌已吊销，不能再使用。"),
        back=reverse("core:me") + "#tokens",
    )


ROBOTS_HEAD = """\
# gongzhi: public pages also say noindex unless their village or community allows search engines.
User-agent: *
Disallow: /
Allow: /$
"""


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers keep to the public pages (each app names its own); everything behind a login is disallowed."""
    text = ROBOTS_HEAD + "".join(f"{line}\n" for line in [*robots_lines(), "Allow: /static/"])
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@require_safe
def language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language with a plain link (no form, so public pages carry no CSRF token).

    Changing the language is not a write worth protecting: it only sets the
    language cookie, as Django's set_language does.
    """
    from django.conf import settings
    from django.utils.http import url_has_allowed_host_and_scheme

    chosen = request.GET.get("language") or ""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    if chosen in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,
        )
    return response


@login_required
@require_POST
def text_check(request: HttpRequest) -> HttpResponse:
    """As a resident types, say what personal data or sensitive topic the text holds (htmx; writes nothing)."""
    names = (request.POST.get("check") or "").split()[:10]
    values = [request.POST.get(name, "") for name in names if not name.startswith("csrf")]
    context = text_check_context(values, audience=request.POST.get("audience", "public"))
    return render(request, "core/_text_check.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the Chinese 403 page, saying what to do (the reason is for the log only)."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the standalone page (no context processors, no database) with the request's id for support."""
    from django.template.loader import render_to_string

    from .middleware import current_request_context

    body = render_to_string("500.html", {"request_id": current_request_context().request_id})
    return HttpResponse(body, status=500)
