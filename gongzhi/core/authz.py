"""authorize(): the one call every action makes before it writes."""

from django.contrib.auth.models import AnonymousUser

from .errors import NotPermitted


def authorize(user, perm: str, obj=None) -> None:
    if user is None or isinstance(user, AnonymousUser) or not user.is_active or not user.has_perm(perm, obj):
        raise NotPermitted()


def can(user, perm: str, obj=None) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(perm, obj))
