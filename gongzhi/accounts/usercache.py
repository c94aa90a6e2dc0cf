"""What every signed-in request needs about its user — the account and its roles — kept off the database on
most requests, and never stale.

Entries live in the `shared` cache (settings: Redis when REDIS_URL is set, else files under DATA_DIR),
which every process sees: a per-process cache would let a role revoked through one worker live on in
the other. Each user has a version token; an entry is stored under the token it was computed for, so
changing the token retires every entry of the user at once. Whatever changes what a request may do or
shows bumps the token (`user_version_bump`): the account saved (password, deactivation, the temporary
password flag), a role assigned or revoked. The bump happens at once and again
when the transaction commits, so a request that read the database in between cannot leave the old
state behind under the new token. Nothing is stored from inside a transaction, whose writes may still
roll back; there the value is read from the cache if it is current, else computed.
"""

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import connection, transaction

ALIAS = "shared"
ENTRY_SECONDS = 3600
VERSION_SECONDS = 7 * 86400
T = TypeVar("T")
_MISSING = object()


def _version_key(user_id: Any) -> str:
    return f"gz.user.{user_id}.v"


def _storable() -> bool:
    return not connection.in_atomic_block


def user_version(user_id: Any) -> str:
    """The user's current token ('' when none could be kept: then nothing is stored under it)."""
    cache = caches[ALIAS]
    token = cache.get(_version_key(user_id))
    if token is None:
        if not _storable():
            return ""
        cache.add(_version_key(user_id), secrets.token_hex(8), VERSION_SECONDS)
        token = cache.get(_version_key(user_id)) or ""
    return token


def user_version_bump(user_id: Any) -> None:
    """Retire every cached entry of the user: now, and again once the transaction commits."""
    if user_id is None:
        return

    def bump() -> None:
        caches[ALIAS].set(_version_key(user_id), secrets.token_hex(8), VERSION_SECONDS)

    bump()
    transaction.on_commit(bump)


def user_cached(user_id: Any, part: str, compute: Callable[[], T], *, version: str | None = None) -> T:
    """`compute()` for the user, from the shared cache when its current version holds it."""
    token = user_version(user_id) if version is None else version
    if not token:
        return compute()
    cache = caches[ALIAS]
    key = f"gz.user.{user_id}.{token}.{part}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if _storable():
            cache.set(key, value, ENTRY_SECONDS)
    return value  # type: ignore[return-value]


def version_of(user) -> str:
    """The token read for this user earlier in the request (by the authentication backend), else now."""
    token = getattr(user, "_gongzhi_version", None)
    if token is None:
        token = user_version(user.pk)
    return token
