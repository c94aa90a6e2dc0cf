"""Puts the request's address and id where actions can reach them for the audit row."""

import contextvars
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, gettext_noop


@dataclass(frozen=True)
class RequestContext:
    source_ip: str = ""
    request_id: str = ""


_EMPTY = RequestContext()
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "gongzhi_request", default=None
)


def current_request_context() -> RequestContext:
    return _current.get() or _EMPTY


def client_ip(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For is believed only from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(settings.GONGZHI_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:45]
    return remote


_API_ERRORS = {
    400: ("bad_request", gettext_noop("请求格式不正确。")),
    401: ("unauthenticated", gettext_noop("未认证：请在 Authorization 头中提供有效的 Bearer 令牌。")),
    403: ("forbidden", gettext_noop("您没有权限执行此操作。")),
    404: ("not_found", gettext_noop("未找到该记录，或您无权查看。")),
    405: ("method_not_allowed", gettext_noop("该接口不支持此请求方法。")),
    413: ("too_large", gettext_noop("请求内容过大，请减少内容或压缩附件后重试。")),
    500: ("server_error", gettext_noop("服务器内部错误，请稍后重试。")),
}


def api_error_body(status: int) -> dict[str, str]:
    """The API's `{code, message}` for an HTTP error status, the message in the request's language."""
    code, message = _API_ERRORS.get(status, ("error", gettext_noop("请求无法完成。")))
    return {"code": code, "message": gettext(message)}


class ApiJsonErrorsMiddleware:
    """Under /api/ every error is JSON with a stable code and a Chinese message,
    including the ones raised before django-ninja sees the request (unknown
    paths, wrong methods, server errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replacement = JsonResponse(api_error_body(response.status_code), status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(RequestContext(source_ip=client_ip(request), request_id=uuid.uuid4().hex[:16]))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if request.user.is_authenticated and "Cache-Control" not in response:
            # Pages behind a login may carry personal data: never cache them.
            response["Cache-Control"] = "no-store"
        return response


class RobotsTagMiddleware:
    """Nothing is indexed by search engines unless its view said so.

    Public wish and convention pages are indexable only where the community
    opted in (`Area.search_indexing`); staff pages, personal pages, photos,
    exports and the API never are. The header covers what a meta tag cannot
    (images, spreadsheets, JSON); /robots.txt keeps crawlers off the rest.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "gz_indexable", False):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class RequestSizeMiddleware:
    """Refuse a body larger than the application takes, from its Content-Length, before anything reads it.

    Form and JSON bodies may be DATA_UPLOAD_MAX_MEMORY_SIZE; multipart bodies
    (file uploads: photos, Excel imports) GONGZHI_MAX_UPLOAD_REQUEST_BYTES.
    The answer is 413 with the API's JSON under /api/ and a Chinese page
    elsewhere, in every settings profile (Django alone would answer a body
    it refuses while reading with a 400, or with DEBUG's traceback page).
    A body that arrives without a length is still bounded by Django's own
    checks when it is read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = (
            settings.GONGZHI_MAX_UPLOAD_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length > limit:
            return too_large_response(request)
        return self.get_response(request)


def too_large_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(api_error_body(413), status=413)
    from django.template.loader import render_to_string

    # Rendered without the request: no session, user or database is needed for this answer.
    return HttpResponse(render_to_string("413.html"), status=413)
