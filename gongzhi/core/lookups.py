"""Short-lived caches for the lists behind select boxes (areas in scope, tags).

Every staff list page shows its filters; reading the area tree and the tag
list for them on every request is most of a page's queries. Those lists
change a few times a year, so they are kept in the default cache for a
minute under a generation number that the actions changing them bump
(`lookups_changed`). With Redis (several servers) a change shows at once;
with the per-process memory cache of a single server the other worker
processes see it within LOOKUP_TTL seconds.

Only labels for select boxes come from here. What a user may see is never
decided from these caches: every filter value is checked again by the
selector that applies it.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

LOOKUP_TTL = 60
_GENERATION_KEY = "gz:lookups:generation"
T = TypeVar("T")


def _generation() -> int:
    value = cache.get(_GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(_GENERATION_KEY, value, None)
    return int(value)


def cached_lookup(key: str, build: Callable[[], T]) -> T:
    """`build()` cached under `key` for LOOKUP_TTL seconds, until the next `lookups_changed()`."""
    full_key = f"gz:lookups:{_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, LOOKUP_TTL)
    return value


def lookups_changed() -> None:
    """Call after changing areas or tags, so select boxes show the change."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, None)
