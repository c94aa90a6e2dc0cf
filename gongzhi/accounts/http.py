"""The request a signed-in view receives.

`require_perm` (and `login_required`) let only a signed-in user through, but
`HttpRequest.user` is typed `User | AnonymousUser`. A view behind such a gate
annotates its request as `AuthenticatedHttpRequest`, so `request.user` is a
`User` and passes as an action's `actor: User` without a cast at every call.
"""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
