from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongzhi.core.forms import text_check_context
from gongzhi.residents.selectors import resident_get_own


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.has_perm("residents.view_resident"):
        return redirect("residents:list")
    if request.user.has_perm("audit.view_audit"):
        return redirect("audit:list")
    return redirect("core:me")


@login_required
@require_safe
def me(request: HttpRequest) -> HttpResponse:
    return render(request, "core/me.html", {"resident": resident_get_own(viewer=request.user)})


ROBOTS_TXT = """\
# gongzhi: public pages also say noindex unless their village or community allows search engines.
User-agent: *
Disallow: /
Allow: /$
Allow: /wishes/$
Allow: /wishes/c/
Allow: /wishes/*/$
Disallow: /wishes/new/
Disallow: /wishes/mine/
Disallow: /wishes/queue/
Disallow: /wishes/settings/
Allow: /conventions/c/
Allow: /static/
"""


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers keep to the public pages; everything behind a login is disallowed outright."""
    response = HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
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
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = redirect(target)
    if chosen in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, chosen, max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=False,
        )  # fmt: skip
    return response


@login_required
@require_POST
def text_check(request: HttpRequest) -> HttpResponse:
    """As a resident types, say what personal data or sensitive topic the text holds (htmx; writes nothing)."""
    names = (request.POST.get("check") or "").split()[:10]
    values = [request.POST.get(name, "") for name in names if not name.startswith("csrf")]
    context = text_check_context(values, audience=request.POST.get("audience", "public"))
    return render(request, "core/_text_check.html", context)
