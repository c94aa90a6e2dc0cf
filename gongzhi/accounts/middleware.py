"""Idle and absolute session timeouts (等保 8.1.4.1b).

Staff sessions end after 15 idle minutes, residents' after 30, every session
after 12 hours. The last-seen time is written at most every 30 seconds so
that browsing does not turn every page view into a database write; that
makes the idle limit at most 30 s stricter, never looser.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .roles import STAFF_ROLES
from .scopes import roles_of

WRITE_GRANULARITY = 30


def idle_limit_for(user) -> int:
    if roles_of(user) & STAFF_ROLES:
        return settings.GONGZHI_IDLE_TIMEOUT_STAFF
    return settings.GONGZHI_IDLE_TIMEOUT_RESIDENT


def _to_login_with_notice(request: HttpRequest) -> HttpResponse:
    """Redirect to the login page with a message saying why.

    This middleware runs before MessageMiddleware and answers without calling
    it, so it attaches and stores the message itself (as MessageMiddleware's
    process_response would).
    """
    request._messages = default_storage(request)  # type: ignore[attr-defined]
    messages.info(request, _("您已长时间未操作，为保护数据安全已自动退出，请重新登录。"))
    response = redirect(settings.LOGIN_URL)
    request._messages.update(response)  # type: ignore[attr-defined]
    return response


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            started = session.get("gz_start")
            last = session.get("gz_last")
            idle = session.get("gz_idle")
            if started is None or last is None or idle is None:
                idle = idle_limit_for(user)
                session["gz_start"], session["gz_last"], session["gz_idle"] = now, now, idle
                session.set_expiry(idle)
            elif now - last > idle or now - started > settings.GONGZHI_SESSION_ABSOLUTE:
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"code": "session_expired", "message": _("登录已超时，请重新登录。")}, status=401
                    )
                return _to_login_with_notice(request)
            elif now - last >= WRITE_GRANULARITY:
                session["gz_last"] = now
                session.set_expiry(idle)
        return self.get_response(request)


class PasswordMustChangeMiddleware:
    """After logging in with a temporary password (reset by community staff), every page leads to setting
    a new one first: the password-reset page with a fresh one-use token, so no second form is needed."""

    ALLOWED = ("/accounts/reset/", "/accounts/logout/", "/static/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "password_must_change", False)
            and not request.path.startswith(self.ALLOWED)
        ):
            from django.contrib.auth.tokens import default_token_generator
            from django.urls import reverse
            from django.utils.encoding import force_bytes
            from django.utils.http import urlsafe_base64_encode

            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            return redirect(reverse("accounts:password_reset_confirm", args=[uid, token]))
        return self.get_response(request)
