"""Small helpers shared by the views of every app."""

from django.core.paginator import Paginator
from django.http import Http404


def paginate(request, queryset, per_page: int = 20):
    paginator = Paginator(queryset, per_page)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    return paginator.get_page(number)


def querystring_without(request, key: str) -> str:
    params = request.GET.copy()
    params.pop(key, None)
    return params.urlencode()


def is_htmx(request) -> bool:
    return bool(getattr(request, "htmx", False))


def set_choices(field, choices) -> None:
    """Assign choices to a form field typed as the base Field."""
    field.choices = choices


def translate_errors(view):
    """NotFound → 404 and NotPermitted → 403 for page views."""
    import functools

    from django.core.exceptions import PermissionDenied

    from .errors import NotFound, NotPermitted

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404() from None
        except NotPermitted:
            raise PermissionDenied() from None

    return wrapper


def require_perm(perm: str):
    """Page-level gate (the user may do this somewhere); objects are scoped by selectors."""
    import functools

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied()
            return translate_errors(view)(request, *args, **kwargs)

        wrapper.required_perm = perm  # type: ignore[attr-defined]
        return wrapper

    return decorator


def public_page_cache(seconds: int, params: tuple[str, ...] = ()):
    """Serve a public page to cookie-less anonymous visitors from the cache for `seconds`.

    A first visit from a shared link (WeChat) carries no cookies; many such
    visits to the same wall page get the same bytes. Anything personal rules
    the cache out: a session or any cookie (a flash message, a CSRF token, a
    chosen language) means the page is rendered for that visitor, and a
    response that sets a cookie — or that asked for a CSRF token, which the
    middleware would only turn into a cookie later — is never stored. The key
    is the language the page was rendered in, the path, the values of the
    `params` the page reads (other query parameters cannot multiply the
    entries), and whether htmx asked for a fragment.
    """
    import functools
    import hashlib

    from django.core.cache import cache
    from django.http import HttpResponse
    from django.utils import translation

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            user = getattr(request, "user", None)
            if request.method not in ("GET", "HEAD") or request.COOKIES or (user and user.is_authenticated):
                return view(request, *args, **kwargs)
            query = "&".join(f"{name}={request.GET.get(name, '')}" for name in params)
            raw = f"{translation.get_language()}|{is_htmx(request)}|{request.path}|{query}"
            key = "gz:public-page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, content_type, indexable = hit
                response = HttpResponse(content, content_type=content_type)
                search_indexable(response, indexable)
            else:
                response = view(request, *args, **kwargs)
                personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                if response.status_code != 200 or personal or getattr(response, "streaming", False):
                    return response
                cache.set(
                    key, (response.content, response["Content-Type"], is_search_indexable(response)), seconds
                )
            response["Cache-Control"] = f"private, max-age={seconds}"
            return response

        return wrapper

    return decorator


def search_indexable(response, allowed: bool = True):
    """Mark a public page that search engines may index (its community opted in); every other
    response carries `X-Robots-Tag: noindex` (gongzhi.core.middleware.RobotsTagMiddleware)."""
    response.gz_indexable = bool(allowed)
    return response


def is_search_indexable(response) -> bool:
    return bool(getattr(response, "gz_indexable", False))


def move_answer(request, *, run, success, back: str):
    """Answer a POSTed move: run it, then back to `back` with a message saying what happened or why not.

    `success` is the message, or a function of what `run` returned that makes it (the goods redeemed, the
    deeds imported).

    A refusal the user can act on (a state that does not allow it, bad input)
    is a message on the page they come back to; not allowed (403) and not
    found (404) stay what they are.
    """
    from django.contrib import messages
    from django.shortcuts import redirect

    from .errors import DomainError

    try:
        result = run()
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(back)


def move_view(view):
    """A move page `view(request, pk)`: POST only, 404/403 from the domain, a login first for anonymous users."""
    import functools

    from django.contrib.auth.views import redirect_to_login
    from django.views.decorators.http import require_POST

    @functools.wraps(view)
    def wrapper(request, pk: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, pk)

    return require_POST(translate_errors(wrapper))


def typed_rating(request) -> int:
    """The 1–5 rating as sent; anything else becomes 0, which the rating action refuses with its message."""
    raw = (request.POST.get("rating") or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 3 else 0


def back_url(request, fallback: str) -> str:
    """Where "返回" leads: the `next` the link carried or the page the user came from, if it is a
    path on this site other than the current one; otherwise `fallback` (the list)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    host = request.get_host()
    for candidate in (request.GET.get("next") or "", request.META.get("HTTP_REFERER") or ""):
        if not candidate or not url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={host}, require_https=request.is_secure()
        ):
            continue
        from urllib.parse import urlsplit

        parts = urlsplit(candidate)
        if parts.path == request.path or not parts.path.startswith("/") or parts.path.startswith("//"):
            continue
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return fallback
